/**
 * `llm-platform-eks`: three models of different sizes on one EKS cluster behind one OpenAI-compatible gateway
 * (docs/gateway.md). Llama 3.1 8B Instruct with two LoRA adapters, Llama 3.1 70B Instruct and Llama 3.2 3B Instruct
 * (the catalogue has no embedding model yet), each its own vLLM deployment scaled by KEDA on its own queue depth;
 * two tenants with keys in Secrets Manager, one allowed only the small models. Adapter URIs point at a bucket you own.
 */
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { modelBucketName } from '../../lib/eks/names';
import { type PlatformGatewayObjects, type PlatformInstall, type PlatformModel, platformGatewayObjects, platformInstall, tenantSecretIdPattern } from '../../lib/eks/platform-gateway';
import type { GatewayTenant } from '../../lib/kubernetes/gateway';
import { prepareSpecDeployment } from '../../lib/synth/spec-deployment';
import type { Blueprint, BlueprintEnvironment } from '../blueprint';
import { engineModule } from '../engine-modules';
import { llmEksDeploymentConfig } from './deployment-config';

export const LLM_PLATFORM_EKS_NAME = 'llm-platform-eks';

/** A model of the platform: its spec and the requests per minute each tenant may send it. */
export interface PlatformModelSpec {
  readonly spec: DeploymentSpecInput;
  readonly requestsPerMinutePerTenant?: number;
}

const model = (name: string, id: string, traffic: number, maxReplicas: number, extra: Partial<DeploymentSpecInput> = {}): DeploymentSpecInput => ({
  name,
  description: `${id} behind the ${LLM_PLATFORM_EKS_NAME} gateway`,
  region: 'us-east-1',
  model: { id },
  runtime: { engine: 'vllm' },
  target: { kind: 'eks', capacity: 'karpenter' },
  traffic: { requestsPerSecond: traffic, promptTokens: 1024, outputTokens: 256 },
  scaling: { minReplicas: 1, maxReplicas },
  ...extra,
} as DeploymentSpecInput);

export const LLM_PLATFORM_MODELS: readonly PlatformModelSpec[] = [
  {
    spec: model('chat-8b', 'meta-llama/Llama-3.1-8B-Instruct', 4, 4, {
      runtime: {
        engine: 'vllm',
        lora: { adapters: ['support', 'legal'].map((t) => ({ name: `${t}-assistant`, uri: `s3://acme-llm-adapters/tenants/${t}/`, tenant: t })), maxLoraRank: 16 },
      },
    } as Partial<DeploymentSpecInput>),
    requestsPerMinutePerTenant: 600,
  },
  { spec: model('chat-70b', 'meta-llama/Llama-3.1-70B-Instruct', 1, 2), requestsPerMinutePerTenant: 120 },
  { spec: model('chat-3b', 'meta-llama/Llama-3.2-3B-Instruct', 2, 3) },
];

/** Keys under `aimd/<platform>/tenants/` ({@link tenantSecretIdPattern}): the cluster's External Secrets Operator reads them. */
const tenantKey = (tenant: string) => tenantSecretIdPattern(LLM_PLATFORM_EKS_NAME).replace('*', tenant);

export const LLM_PLATFORM_TENANTS: readonly GatewayTenant[] = [
  { name: 'acme', apiKeySecretId: tenantKey('acme'), allowedModels: ['chat-8b', 'chat-70b', 'chat-3b'] },
  { name: 'globex', apiKeySecretId: tenantKey('globex'), allowedModels: ['chat-8b', 'chat-3b'], requestsPerMinute: 60 },
];

/** Plans each model and places it on the platform's cluster (the cluster and model bucket are the platform's). */
function placeModels(env: BlueprintEnvironment, models: readonly PlatformModelSpec[]): PlatformModel[] {
  const bucket = modelBucketName(LLM_PLATFORM_EKS_NAME, env.account, env.region);
  return models.map(({ spec, requestsPerMinutePerTenant }) => {
    const { context } = prepareSpecDeployment(spec, env);
    const config = llmEksDeploymentConfig(context);
    return {
      config: { ...config, name: LLM_PLATFORM_EKS_NAME, serving: { ...config.serving, modelBucketName: bucket } },
      ...(requestsPerMinutePerTenant !== undefined && { requestsPerMinutePerTenant }),
    };
  });
}

const gatewayOf = (env: BlueprintEnvironment, placed: readonly PlatformModel[], tenants: readonly GatewayTenant[]) =>
  platformGatewayObjects({ name: 'llm', namespace: 'llm-gateway', region: env.region, models: placed, tenants });

/** Every model's and the gateway's Kubernetes objects (the plain-manifest rendering). */
export function llmPlatformObjects(env: BlueprintEnvironment, models: readonly PlatformModelSpec[] = LLM_PLATFORM_MODELS, tenants: readonly GatewayTenant[] = LLM_PLATFORM_TENANTS): PlatformGatewayObjects {
  return gatewayOf(env, placeModels(env, models), tenants);
}

/** The same platform in install order for the engines: cluster, gateway releases and objects, each model. */
export function llmPlatformInstall(env: BlueprintEnvironment, models: readonly PlatformModelSpec[] = LLM_PLATFORM_MODELS, tenants: readonly GatewayTenant[] = LLM_PLATFORM_TENANTS): PlatformInstall {
  const placed = placeModels(env, models);
  return platformInstall(LLM_PLATFORM_EKS_NAME, placed, gatewayOf(env, placed, tenants));
}

/** Every object of the plain-manifest rendering, platform first. */
export function llmPlatformKubeObjects(env: BlueprintEnvironment) {
  const built = llmPlatformObjects(env);
  return [...built.platform.objects, ...built.models.flatMap((m) => m.objects)];
}

export const LLM_PLATFORM_EKS: Blueprint = {
  name: LLM_PLATFORM_EKS_NAME,
  description: 'Three vLLM models (8B with LoRA adapters, 70B, 3B) on one EKS cluster behind one OpenAI-compatible gateway with per-tenant keys',
  // The platform's plan and account are its first model's (it sizes the cluster); the other models are planned in llmPlatformInstall.
  spec: { ...LLM_PLATFORM_MODELS[0]!.spec, name: LLM_PLATFORM_EKS_NAME },
  renderCdk: (app, context) => {
    const { LlmPlatformEksStack } = engineModule('cdk/llm-platform-eks-stack');
    return new LlmPlatformEksStack(app, context.name, { env: context.env, install: llmPlatformInstall(context.env) });
  },
  renderTerraform: (app, context) => {
    const { LlmPlatformEksTerraformStack } = engineModule('terraform/llm-platform-eks-stack');
    return new LlmPlatformEksTerraformStack(app, context.name, { install: llmPlatformInstall(context.env) });
  },
  renderPulumi: (context) => {
    const { llmPlatformEksPulumiProgram } = engineModule('pulumi/llm-platform-eks');
    llmPlatformEksPulumiProgram(llmPlatformInstall(context.env));
  },
  kubernetesObjects: (context) => llmPlatformKubeObjects(context.env),
};
