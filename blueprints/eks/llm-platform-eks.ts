/**
 * `llm-platform-eks`: three models of different sizes on one EKS cluster behind one OpenAI-compatible gateway
 * (docs/gateway.md). Llama 3.1 8B Instruct with two LoRA adapters, Llama 3.1 70B Instruct and Llama 3.2 3B Instruct
 * (the catalogue has no embedding model yet), each its own vLLM deployment scaled by KEDA on its own queue depth;
 * two tenants with keys in Secrets Manager, one allowed only the small models. Adapter URIs point at a bucket you own.
 * The 8B model runs an A/B test of a `v2` checkpoint on 10 % of its requests (two deployments, one weighted route:
 * lib/eks/platform-ab.ts, docs/ab-testing.md).
 */
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { modelBucketName } from '../../lib/eks/names';
import { abTestArms, abTrafficSplit, type ArmModelLocation, isAbTest, onAccelerator, tenantsOfArms } from '../../lib/eks/platform-ab';
import { type PlatformGatewayObjects, type PlatformInstall, type PlatformModel, platformGatewayObjects, platformInstall, servedModelName, tenantSecretIdPattern } from '../../lib/eks/platform-gateway';
import type { GatewayTenant, GatewayTrafficSplit } from '../../lib/kubernetes/gateway';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import { platformPlanSummary, type PlatformDeploymentPlan } from '../../lib/eks/platform-plan-summary';
import type { PlanSummary } from '../../lib/plan/deployment-plan';
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
      // An A/B test of a new checkpoint (uploaded under models/<model id>/v2/ in the model bucket) on 10 % of requests.
      rollout: { strategy: 'ab', variants: [{ name: 'control', weight: 90 }, { name: 'candidate', version: 'v2', weight: 10 }] },
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

/** The platform's models (an A/B-tested spec as one deployment per arm), its A/B splits and the arms of each spec. */
interface PlacedModels {
  readonly models: readonly PlatformModel[];
  readonly trafficSplits: readonly GatewayTrafficSplit[];
  /** Spec name -> its deployments (one, or one per A/B arm). */
  readonly armsOf: ReadonlyMap<string, readonly string[]>;
  /** Each deployment's plan, in the order of `models`. */
  readonly plans: readonly PlatformDeploymentPlan[];
}

/**
 * Plans each model and places it on the platform's cluster (the cluster and model bucket are the platform's); a spec
 * with `rollout.strategy: 'ab'` is validated whole, then each arm is planned for its share (lib/eks/platform-ab.ts).
 */
function placeModels(env: BlueprintEnvironment, models: readonly PlatformModelSpec[]): PlacedModels {
  const bucket = modelBucketName(LLM_PLATFORM_EKS_NAME, env.account, env.region);
  const plans: PlatformDeploymentPlan[] = [];
  const place = (spec: DeploymentSpecInput, location: ArmModelLocation, requestsPerMinutePerTenant: number | undefined, abWeight?: number, ownNamespace = true): PlatformModel => {
    const { context } = prepareSpecDeployment(spec, env);
    plans.push({ deployment: context.name, plan: context.plan, ...(abWeight !== undefined && { abWeight }) });
    const config = llmEksDeploymentConfig(context);
    // An arm's own checkpoint replaces the spec's: the bucket prefix or the Hub repository, never both.
    const source = location.huggingFaceId !== undefined ? { modelPrefix: undefined, huggingFaceRevision: undefined } : location.modelPrefix !== undefined ? { huggingFaceId: undefined, huggingFaceRevision: undefined } : {};
    // The later arms of an A/B test share the first arm's namespace, which the first arm creates.
    const serving = { ...config.serving, modelBucketName: bucket, ...source, ...location, ...(!ownNamespace && { createNamespace: false }) };
    return { config: { ...config, name: LLM_PLATFORM_EKS_NAME, serving }, ...(requestsPerMinutePerTenant !== undefined && { requestsPerMinutePerTenant }) };
  };
  const placed: PlatformModel[] = [];
  const trafficSplits: GatewayTrafficSplit[] = [];
  const armsOf = new Map<string, string[]>();
  for (const { spec, requestsPerMinutePerTenant } of models) {
    if (isAbTest(spec)) resolveDeploymentSpec(spec);
    const arms = abTestArms(spec, bucket);
    if (arms === undefined) {
      placed.push(place(spec, {}, requestsPerMinutePerTenant));
      armsOf.set(spec.name, [spec.name]);
      continue;
    }
    const control = place(arms[0]!.spec, arms[0]!.location, requestsPerMinutePerTenant, arms[0]!.weight);
    // Every arm on the first arm's accelerator: the test compares models, not GPUs.
    const accelerator = plans[plans.length - 1]!.plan.llm?.accelerator;
    const armModels = [control, ...arms.slice(1).map((arm) => onAccelerator(arm, accelerator)).map((arm) => place(arm.spec, arm.location, requestsPerMinutePerTenant, arm.weight, false))];
    placed.push(...armModels);
    trafficSplits.push(abTrafficSplit(spec, arms, servedModelName(armModels[0]!.config)));
    armsOf.set(spec.name, arms.map((a) => a.deployment));
  }
  return { models: placed, trafficSplits, armsOf, plans };
}

const gatewayOf = (env: BlueprintEnvironment, placed: PlacedModels, tenants: readonly GatewayTenant[]) =>
  platformGatewayObjects({ name: 'llm', namespace: 'llm-gateway', region: env.region, models: placed.models, tenants: tenantsOfArms(tenants, placed.armsOf), trafficSplits: placed.trafficSplits });

/** Every model's and the gateway's Kubernetes objects (the plain-manifest rendering). */
export function llmPlatformObjects(env: BlueprintEnvironment, models: readonly PlatformModelSpec[] = LLM_PLATFORM_MODELS, tenants: readonly GatewayTenant[] = LLM_PLATFORM_TENANTS): PlatformGatewayObjects {
  return gatewayOf(env, placeModels(env, models), tenants);
}

/** The same platform in install order for the engines: cluster, gateway releases and objects, each model. */
export function llmPlatformInstall(env: BlueprintEnvironment, models: readonly PlatformModelSpec[] = LLM_PLATFORM_MODELS, tenants: readonly GatewayTenant[] = LLM_PLATFORM_TENANTS): PlatformInstall {
  const placed = placeModels(env, models);
  return platformInstall(LLM_PLATFORM_EKS_NAME, placed.models, gatewayOf(env, placed, tenants));
}

/** Every model's and arm's plan, and their total monthly cost (what `aimd synth` prints and the budget follows). */
export function llmPlatformPlanSummary(env: BlueprintEnvironment, models: readonly PlatformModelSpec[] = LLM_PLATFORM_MODELS): PlanSummary {
  return platformPlanSummary(placeModels(env, models).plans);
}

/** Every object of the plain-manifest rendering, platform first. */
export function llmPlatformKubeObjects(env: BlueprintEnvironment) {
  const built = llmPlatformObjects(env);
  return [...built.platform.objects, ...built.models.flatMap((m) => m.objects)];
}

export const LLM_PLATFORM_EKS: Blueprint = {
  name: LLM_PLATFORM_EKS_NAME,
  description: 'Three vLLM models (8B with LoRA adapters, A/B tested 90/10; 70B; 3B) on one EKS cluster behind one OpenAI-compatible gateway with per-tenant keys',
  // The platform's account and cluster are its first model's (it sizes the cluster); every model is planned in
  // llmPlatformInstall, and the summary is their total.
  spec: { ...LLM_PLATFORM_MODELS[0]!.spec, name: LLM_PLATFORM_EKS_NAME },
  planSummary: (context) => llmPlatformPlanSummary(context.env),
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
