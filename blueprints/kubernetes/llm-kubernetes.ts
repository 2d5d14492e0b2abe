/**
 * `llm-kubernetes`: Llama 3.1 8B Instruct behind vLLM on a cluster you already run (any cloud or on-premises): only
 * the Kubernetes objects, as manifests, a Pulumi component on a kubeconfig context, or Terraform kubernetes_manifest
 * resources. No cloud resources, so no CDK stack (CDK is AWS-only).
 */
import { InputValidationError } from '../../lib/errors';
import { kubernetesTargetObjects, type LlmKubernetesDeploymentConfig } from '../../lib/kubernetes-target/deployment-config';
import type { ModelSource } from '../../lib/kubernetes/options';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import type { Blueprint, BlueprintContext } from '../blueprint';
import { cdkIsAwsOnly } from '../cdk-refusal';
import { engineModule } from '../engine-modules';

/** The Hub model vLLM downloads: `model.artifact.uri: hf://org/name`, else the catalogue id. */
function hubSource(context: BlueprintContext): ModelSource {
  const { spec, model } = context.plan;
  const uri = spec.model.artifact?.uri;
  if (uri !== undefined && !uri.startsWith('hf://')) {
    throw new InputValidationError(`Blueprint '${context.name}'`, [{
      field: 'model.artifact.uri', value: uri, message: 'is not on the Hugging Face Hub: an existing cluster has no object store binding',
      fix: 'use hf://<org>/<name> (vLLM downloads it), or a gke/eks target whose bucket the pods can read',
    }]);
  }
  const revision = spec.model.artifact?.revision;
  return { huggingFaceId: uri?.slice('hf://'.length) ?? model?.id ?? spec.model.id ?? context.name, ...(revision !== undefined && { revision }) };
}

export function llmKubernetesDeploymentConfig(context: BlueprintContext): LlmKubernetesDeploymentConfig {
  const { spec, llm, model } = context.plan;
  if (spec.target.kind !== 'kubernetes' || llm === undefined || model === undefined) {
    throw new Error(`Blueprint '${context.name}' needs an LLM planned for target kind 'kubernetes' (got target '${spec.target.kind}')`);
  }
  const minReplicas = Math.max(spec.scaling.minReplicas, 1);
  return {
    name: context.name,
    kubeContext: spec.target.kubeContext,
    serving: {
      name: context.name,
      namespace: spec.target.namespace ?? spec.name,
      plan: llm,
      model,
      modelSource: hubSource(context),
      serviceAccountName: `${context.name}-vllm`,
      // Secrets the operator creates in the namespace (never in the manifests): the Hub token for gated models, the API key.
      ...(model.gated && { huggingFaceTokenSecret: { secretName: `${context.name}-hf-token`, key: 'token' } }),
      apiKeySecret: { secretName: `${context.name}-api-key`, key: 'api-key' },
      capacity: 'managed-nodegroup',
      autoscaling: { minReplicas, maxReplicas: spec.scaling.maxReplicas ?? Math.max(llm.replicas * 2, minReplicas), scaleToZero: false, engine: 'keda', offHours: spec.scaling.offHours },
      monitoring: { prometheusRules: true, dashboard: true },
    },
  };
}

export function llmKubernetesBlueprint(definition: { name: string; description: string; spec: DeploymentSpecInput }): Blueprint {
  const { name, description, spec } = definition;
  return {
    name,
    description,
    spec,
    engines: ['terraform', 'pulumi', 'kubernetes'],
    renderCdk: () => {
      throw cdkIsAwsOnly(name, 'an existing Kubernetes cluster', ['terraform', 'pulumi', 'kubernetes']);
    },
    renderTerraform: (app, context) => {
      const { LlmKubernetesTerraformStack } = engineModule('terraform/llm-kubernetes-stack');
      return new LlmKubernetesTerraformStack(app, context.name, { config: llmKubernetesDeploymentConfig(context) });
    },
    renderPulumi: (context) => {
      const { llmKubernetesPulumiProgram } = engineModule('pulumi/llm-kubernetes');
      llmKubernetesPulumiProgram(llmKubernetesDeploymentConfig(context));
    },
    kubernetesObjects: (context) => kubernetesTargetObjects(llmKubernetesDeploymentConfig(context)),
  };
}

export const LLM_KUBERNETES = llmKubernetesBlueprint({
  name: 'llm-kubernetes',
  description: 'Llama 3.1 8B Instruct on vLLM on an existing cluster (any cloud or on-prem): objects only, Hub weights',
  spec: {
    name: 'llm-kubernetes',
    description: 'Llama 3.1 8B Instruct, OpenAI-compatible API on an existing Kubernetes cluster',
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct', artifact: { uri: 'hf://meta-llama/Llama-3.1-8B-Instruct', huggingFaceTokenSecret: 'hf-token' } },
    runtime: { engine: 'vllm' },
    target: { kind: 'kubernetes', kubeContext: 'gpu-cluster' },
    traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 4 },
  },
});
