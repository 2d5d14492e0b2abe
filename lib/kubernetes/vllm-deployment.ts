/**
 * Single-node serving: a Deployment whose pods each own one GPU node. The autoscaler (KEDA or HPA) owns
 * `replicas`, so the manifest leaves it out; re-applying the manifest then never resets a scaled deployment.
 */
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { ServingContext } from './context';
import { toKubeObject } from './kube-object';
import { serverSelector } from './labels';
import { servingPodTemplate } from './pod-template';
import type { KubeObject } from './types';
import { vllmServerContainer } from './vllm-container';
import { rolloutDeadlineSeconds, workloadMetadata } from './workload-metadata';

export function vllmDeployment(ctx: ServingContext): KubeObject {
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: workloadMetadata(ctx),
    spec: {
      selector: { matchLabels: serverSelector(ctx.name) },
      // A new replica loads before an old one leaves: capacity never drops during a rollout (one extra GPU node).
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      progressDeadlineSeconds: rolloutDeadlineSeconds(ctx),
      revisionHistoryLimit: 5,
      template: servingPodTemplate(ctx, 'server', vllmServerContainer(ctx)),
    },
  };
  return toKubeObject(deployment);
}
