/**
 * Metadata shared by the two serving workloads (Deployment, LeaderWorkerSet): labels, and the LoRA tenants
 * recorded for cost reports.
 */
import type { ServingContext } from './context';
import { commonLabels } from './labels';
import type { KubeObjectMeta } from './types';

export const LORA_TENANTS_ANNOTATION = 'ai-model-deployment/lora-tenants';

/** Minutes Karpenter may need to launch a GPU node before the pod even starts. */
const NODE_PROVISIONING_SECONDS = 600;

export function workloadMetadata(ctx: ServingContext): KubeObjectMeta {
  const annotations: Record<string, string> = {};
  if (ctx.adapters.length > 0) {
    annotations[LORA_TENANTS_ANNOTATION] = JSON.stringify(ctx.adapters.map((a) => ({ adapter: a.name, tenant: a.tenant ?? a.name })));
  }
  return {
    name: ctx.name,
    namespace: ctx.namespace,
    labels: commonLabels(ctx.name, ctx.imageTag),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}

/** How long a rollout may take before it is reported as failed: node launch, S3 sync, then the start-up budget. */
export function rolloutDeadlineSeconds(ctx: ServingContext): number {
  return NODE_PROVISIONING_SECONDS + ctx.budget.syncSeconds + ctx.budget.startupSeconds;
}
