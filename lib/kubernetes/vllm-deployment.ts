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

/**
 * Replicas a rollout adds before it removes an old one (`maxSurge`), for the Deployment and the LeaderWorkerSet
 * alike: GPU capacity must hold maxReplicas + this many replicas, or a rollout at peak scale stays Pending.
 */
export const ROLLOUT_SURGE_REPLICAS = 1;

export function vllmDeployment(ctx: ServingContext): KubeObject {
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: workloadMetadata(ctx),
    spec: {
      selector: { matchLabels: serverSelector(ctx.name) },
      // A new replica loads before an old one leaves: capacity never drops during a rollout (one extra GPU node).
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: ROLLOUT_SURGE_REPLICAS, maxUnavailable: 0 } },
      progressDeadlineSeconds: rolloutDeadlineSeconds(ctx),
      revisionHistoryLimit: 5,
      template: servingPodTemplate(ctx, 'server', vllmServerContainer(ctx)),
    },
  };
  return toKubeObject(deployment);
}
