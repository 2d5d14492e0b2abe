/**
 * Multi-node serving: a LeaderWorkerSet (leaderworkerset.x-k8s.io/v1) whose groups are one replica of the
 * model. Group size = pipeline-parallel degree = nodes; each pod holds one pipeline stage with tensor
 * parallelism across its node's GPUs. The leader runs the Ray head and `vllm serve` (vLLM's LWS guide,
 * docs/deployment/frameworks/lws.md); workers join its Ray cluster.
 *
 * Start-up ordering: workers need the leader's Ray head, the leader needs every worker before it serves.
 * `startupPolicy: LeaderReady` would create workers only once the leader is Ready, but the leader becomes
 * Ready (model listed on /v1/models) only after the workers joined: a deadlock. So workers start with the
 * leader (`LeaderCreated`) and the ordering lives in the commands: the worker retries joining until the head
 * answers, the leader waits for the whole group before it starts vLLM.
 */
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { ServingContext } from './context';
import { toKubeObject } from './kube-object';
import { servingPodTemplate } from './pod-template';
import type { KubeObject, KubeObjectMeta } from './types';
import { vllmServerContainer, vllmWorkerContainer } from './vllm-container';
import { ROLLOUT_SURGE_REPLICAS } from './vllm-deployment';
import { workloadMetadata } from './workload-metadata';

export const LWS_API_VERSION = 'leaderworkerset.x-k8s.io/v1';

/** The fields of LeaderWorkerSet v1 we set (api/leaderworkerset/v1/leaderworkerset_types.go in kubernetes-sigs/lws). */
export interface ILeaderWorkerSet {
  readonly apiVersion: typeof LWS_API_VERSION;
  readonly kind: 'LeaderWorkerSet';
  readonly metadata: KubeObjectMeta;
  readonly spec: {
    /** Groups; left to the autoscaler (LWS has a scale subresource). */
    readonly replicas?: number;
    readonly leaderWorkerTemplate: {
      readonly leaderTemplate?: IPodTemplateSpec;
      readonly workerTemplate: IPodTemplateSpec;
      /** Pods per group, leader included. */
      readonly size: number;
      readonly restartPolicy: 'RecreateGroupOnPodRestart' | 'RecreateGroupAfterStart' | 'None';
    };
    readonly rolloutStrategy?: {
      readonly type: 'RollingUpdate';
      readonly rollingUpdateConfiguration?: { readonly maxUnavailable?: number | string; readonly maxSurge?: number | string };
    };
    readonly startupPolicy: 'LeaderCreated' | 'LeaderReady';
    readonly networkConfig?: { readonly subdomainPolicy: 'Shared' | 'UniquePerReplica' };
  };
}

export function vllmLeaderWorkerSet(ctx: ServingContext): KubeObject {
  const lws: ILeaderWorkerSet = {
    apiVersion: LWS_API_VERSION,
    kind: 'LeaderWorkerSet',
    metadata: workloadMetadata(ctx),
    spec: {
      leaderWorkerTemplate: {
        size: ctx.layout.podsPerReplica,
        // A pipeline with a lost stage cannot serve: restart the whole group together.
        restartPolicy: 'RecreateGroupOnPodRestart',
        leaderTemplate: servingPodTemplate(ctx, 'server', vllmServerContainer(ctx)),
        workerTemplate: servingPodTemplate(ctx, 'worker', vllmWorkerContainer(ctx)),
      },
      rolloutStrategy: { type: 'RollingUpdate', rollingUpdateConfiguration: { maxSurge: ROLLOUT_SURGE_REPLICAS, maxUnavailable: 0 } },
      startupPolicy: 'LeaderCreated',
      networkConfig: { subdomainPolicy: 'Shared' },
    },
  };
  return toKubeObject(lws);
}
