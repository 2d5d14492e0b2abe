/**
 * `azureml-online-endpoint`: Llama 3.1 8B Instruct on vLLM in an Azure ML managed online endpoint with
 * Entra ID token auth and no public network access; blue serves 90 % and green the 10 % canary, each on
 * the plan's VM size; the workspace encrypts with its own key.
 */
import { azureMlBlueprint } from './azureml-blueprint';

export const AZUREML_ONLINE_ENDPOINT = azureMlBlueprint({
  name: 'azureml-online-endpoint',
  description: 'Llama 3.1 8B Instruct on vLLM, Azure ML managed online endpoint (private, Entra ID auth), blue/green 90/10',
  spec: {
    name: 'azureml-online-endpoint',
    description: 'Llama 3.1 8B Instruct on an Azure ML managed online endpoint (vLLM)',
    region: 'eastus',
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct', servedName: 'llama-3.1-8b-instruct' },
    runtime: { engine: 'vllm' },
    target: { kind: 'azureml' },
    traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 2 },
    rollout: { strategy: 'canary', canaryPercent: 10 },
    tags: { blueprint: 'azureml-online-endpoint' },
  },
});
