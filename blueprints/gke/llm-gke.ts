/**
 * `llm-gke`: Llama 3.1 8B Instruct behind vLLM on a private GKE Standard cluster: a GPU node pool GKE scales between
 * the spec's bounds, weights in a CMEK Cloud Storage bucket read through Workload Identity, Managed Prometheus.
 * Rendered by cdktf and Pulumi (and as plain manifests); CDK is AWS-only.
 */
import { gkeKubeObjects } from '../../lib/gke/deployment-config';
import type { Blueprint } from '../blueprint';
import { engineModule } from '../engine-modules';
import { blueprintBillingAccount, type GkeBlueprintExtras, llmGkeDeploymentConfig } from './deployment-config';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { cdkIsAwsOnly } from '../cdk-refusal';

export function llmGkeBlueprint(definition: { name: string; description: string; spec: DeploymentSpecInput } & GkeBlueprintExtras): Blueprint {
  const { name, description, spec, ...extras } = definition;
  return {
    name,
    description,
    spec,
    engines: ['terraform', 'pulumi', 'kubernetes'],
    renderCdk: () => {
      throw cdkIsAwsOnly(name, 'Google Cloud (GKE)', ['terraform', 'pulumi', 'kubernetes']);
    },
    renderTerraform: (app, context) => {
      const { LlmGkeTerraformStack } = engineModule('terraform/llm-gke-stack');
      return new LlmGkeTerraformStack(app, context.name, { config: llmGkeDeploymentConfig(context, extras) });
    },
    renderPulumi: (context) => {
      const { llmGkePulumiProgram } = engineModule('pulumi/llm-gke');
      llmGkePulumiProgram(llmGkeDeploymentConfig(context, extras));
    },
    kubernetesObjects: (context) => gkeKubeObjects(llmGkeDeploymentConfig(context, extras)),
  };
}

export const LLM_GKE = llmGkeBlueprint({
  name: 'llm-gke',
  description: 'Llama 3.1 8B Instruct on vLLM, private GKE with an L4 GPU pool, GCS weights via Workload Identity',
  spec: {
    name: 'llm-gke',
    description: 'Llama 3.1 8B Instruct, OpenAI-compatible API on GKE',
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct' },
    runtime: { engine: 'vllm' },
    target: { kind: 'gke', accelerator: 'l4' },
    traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 4 },
    // The Cloud Billing budget's account (a review placeholder unless AIMD_GCP_BILLING_ACCOUNT is set).
    monitoring: { budget: { billingAccount: blueprintBillingAccount() } },
  },
});
