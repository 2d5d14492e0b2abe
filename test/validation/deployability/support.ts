/**
 * Hand-built inputs for the deployability checks: the workloads and capacity of the review's findings, and the
 * Kubernetes objects every blueprint plans (cheap: no engine runs).
 */
import { ALL_BLUEPRINTS } from '../../../blueprints';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { contextFor } from '../../../lib/synth/context';
import { type DeploymentFacts, emptyFacts } from '../../../lib/validation/deployability';
import type { NodeGroupFact } from '../../../lib/validation/deployability/facts';

/** A GPU Deployment as the scheduler sees it: `gpus` per pod, the surge of a rolling update, an optional node selector. */
export function gpuDeployment(options: { name?: string; gpus: number; maxSurge?: number; nodeSelector: Record<string, string>; annotations?: Record<string, string> }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: options.name ?? 'llm', namespace: 'llm' },
    spec: {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: options.maxSurge ?? 1, maxUnavailable: 0 } },
      selector: { matchLabels: { app: 'llm' } },
      template: {
        metadata: { labels: { app: 'llm' }, annotations: options.annotations ?? {} },
        spec: {
          nodeSelector: options.nodeSelector,
          containers: [{ name: 'vllm', image: 'vllm/vllm-openai:v0.29.0', resources: { requests: { cpu: '2', memory: '16Gi', 'nvidia.com/gpu': String(options.gpus) }, limits: { 'nvidia.com/gpu': String(options.gpus) } } }],
        },
      },
    },
  };
}

export function scaledObject(target: string, maxReplicaCount: number, kind = 'Deployment'): KubeObject {
  return { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: target, namespace: 'llm' }, spec: { scaleTargetRef: { kind, name: target }, maxReplicaCount } };
}

export function gpuNodePool(name: string, instanceType: string, gpuLimit: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name },
    spec: {
      template: { spec: { requirements: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: [instanceType] }], ...extra } },
      disruption: { consolidationPolicy: 'WhenEmpty', budgets: [{ nodes: '10%' }] },
      limits: { 'nvidia.com/gpu': String(gpuLimit) },
    },
  };
}

export function gpuNodeGroup(instanceType: string, minSize: number, maxSize: number, launchTemplate = true): NodeGroupFact {
  return { resource: 'GpuNodes', instanceTypes: [instanceType], minSize, maxSize, labels: { 'nvidia.com/gpu.present': 'true' }, launchTemplate };
}

export function facts(patch: Partial<DeploymentFacts>, engine: DeploymentFacts['engine'] = 'cdk'): DeploymentFacts {
  return { ...emptyFacts(engine), ...patch };
}

/** Every blueprint's planned Kubernetes objects (the plain manifests `aimd synth` writes), by blueprint name. */
export function plannedObjects(): Array<[string, readonly KubeObject[]]> {
  return ALL_BLUEPRINTS.map((bp) => [bp.name, bp.kubernetesObjects?.(contextFor(bp)) ?? []]);
}
