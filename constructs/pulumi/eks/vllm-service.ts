/**
 * `VllmService`: the vLLM deployment of a plan on ANY Kubernetes cluster reachable through a
 * `k8s.Provider` (EKS, GKE, AKS, on-prem). It applies the same objects the CDK and Terraform constructs
 * apply (`llmServingObjects`) and can install the cluster software they need (KEDA, LeaderWorkerSet,
 * Prometheus operator, DCGM exporter) where the cluster does not have it yet.
 *
 * Outside EKS, give the GPU nodes the label `node.kubernetes.io/instance-type=<plan instance type>` (the
 * pods select it) and the taint `nvidia.com/gpu=true:NoSchedule`, use capacity `managed-nodegroup`, and
 * give the service account read access to the model bucket (e.g. an S3-compatible store or workload identity).
 */
import type * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { gpuClusterComponents, type HelmComponent } from '../../../lib/eks/components';
import { type LlmServingInputs, llmServingObjects, servingArgoRollouts } from '../../../lib/eks/serving';
import { assertServingFitsCluster, type ClusterServingCapacity } from '../../../lib/eks/cluster-fit';
import { installHelmComponents } from './helm-releases';
import { applyKubeObjects } from './kube-objects';

export interface VllmServiceArgs extends LlmServingInputs {
  /** The cluster to deploy to. */
  readonly provider: k8s.Provider;
  /**
   * Cluster software to install first (see {@link portableClusterComponents}).
   * @default - none: the cluster already runs what the objects need
   */
  readonly clusterComponents?: readonly HelmComponent[];
  /**
   * The `GpuInferenceCluster` the service runs on: its capacity, deployment name, namespace, bucket, plan and
   * replica bound are checked against this service's.
   * @default - not checked (a cluster this library did not create)
   */
  readonly cluster?: { readonly servingCapacity: ClusterServingCapacity };
  /** Resources the objects wait for (GPU node pools, IAM associations). @default - none */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** KEDA, LeaderWorkerSet (multi-node plans), Prometheus stack and DCGM exporter: what any cluster needs. */
export function portableClusterComponents(inputs: Pick<LlmServingInputs, 'name' | 'plan' | 'autoscaling' | 'rollout' | 'exposure'>): HelmComponent[] {
  // Auto Mode's component set is the portable one: no Karpenter, no device or EFA plugins (the platform's).
  return gpuClusterComponents({
    clusterName: inputs.name,
    capacity: 'auto-mode',
    keda: inputs.autoscaling.engine === 'keda',
    leaderWorkerSet: inputs.plan.nodes > 1,
    argoRollouts: servingArgoRollouts(inputs),
  });
}

export class VllmService extends pulumi.ComponentResource {
  /** The objects applied, exactly as the other engines apply them. */
  public readonly objects: readonly KubeObject[];

  constructor(name: string, args: VllmServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before anything is registered.
    if (args.cluster) assertServingFitsCluster(`VllmService ${name}`, args.cluster.servingCapacity, args);
    super('aimd:kubernetes:VllmService', name, {}, opts);
    // Off a GpuInferenceCluster nothing installs the OpenTelemetry Collector: no traces unless `tracing` names one.
    this.objects = llmServingObjects(args.cluster ? args : { ...args, tracing: args.tracing ?? false });
    const releases = installHelmComponents({ name, components: args.clusterComponents ?? [], provider: args.provider, parent: this, dependsOn: args.dependsOn });
    applyKubeObjects({
      name,
      objects: this.objects,
      provider: args.provider,
      parent: this,
      dependsOn: [...(args.dependsOn ?? []), ...releases.values()],
    });
    this.registerOutputs({ namespace: args.namespace, service: args.name });
  }
}
