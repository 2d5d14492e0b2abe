/**
 * `vertex-ai-endpoint`: Llama 3.1 8B Instruct on vLLM behind a private (Private Service Connect),
 * CMEK-encrypted Vertex AI endpoint, weights streamed from a retained GCS bucket, autoscaling on GPU
 * duty cycle, a serving service account that may only read the weights and write logs and metrics.
 */
import { blueprintBillingAccount } from '../gke/deployment-config';
import { vertexAiBlueprint } from './vertex-ai-blueprint';

export const VERTEX_AI_ENDPOINT = vertexAiBlueprint({
  name: 'vertex-ai-endpoint',
  description: 'Llama 3.1 8B Instruct on vLLM, private Vertex AI endpoint (PSC, CMEK), GPU duty-cycle autoscaling 1..3',
  spec: {
    name: 'vertex-ai-endpoint',
    description: 'Llama 3.1 8B Instruct on a Vertex AI endpoint (vLLM)',
    region: 'us-central1',
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct', servedName: 'llama-3.1-8b-instruct' },
    runtime: { engine: 'vllm' },
    target: { kind: 'vertex-ai' },
    traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 3 },
    // The Cloud Billing budget's account (a review placeholder unless AIMD_GCP_BILLING_ACCOUNT is set).
    monitoring: { budget: { billingAccount: blueprintBillingAccount() } },
    tags: { blueprint: 'vertex-ai-endpoint' },
  },
});
