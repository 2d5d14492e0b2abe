/**
 * An `llm-kubernetes` deployment: only the serving objects, for a cluster that already exists (any cloud or
 * on-premises), with the generic cloud binding (GPU nodes by NVIDIA GPU Feature Discovery's label, no cloud identity,
 * the model pulled from the Hugging Face Hub, Prometheus Operator CRs). Engine-free.
 */
import { genericCloud } from '../kubernetes/cloud/generic';
import type { ClusterCloud } from '../kubernetes/cloud/types';
import { buildLlmServingObjects } from '../kubernetes/llm-serving';
import type { LlmServingObjectsOptions } from '../kubernetes/options';
import type { KubeObject } from '../kubernetes/types';

export interface LlmKubernetesDeploymentConfig {
  readonly name: string;
  /** kubeconfig context the engines apply to. @default - the kubeconfig's current context */
  readonly kubeContext?: string;
  /** @default genericCloud */
  readonly cloud?: ClusterCloud;
  readonly serving: LlmServingObjectsOptions;
}

export function kubernetesTargetObjects(config: LlmKubernetesDeploymentConfig): KubeObject[] {
  return buildLlmServingObjects({ ...config.serving, cloud: config.cloud ?? genericCloud });
}
