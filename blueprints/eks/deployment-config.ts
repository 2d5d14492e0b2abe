/**
 * From a planned blueprint (spec + plan) to the {@link LlmEksDeploymentConfig} every engine renders: the
 * one place where spec fields become cluster and serving settings for the `llm-eks*` blueprints.
 */
import { lowestReplicaFloor } from '../../lib/spec/check-off-hours';
import { llmDriftSettings } from '../../lib/eks/llm-drift';
import { managedPrometheusSettings } from '../../lib/eks/managed-prometheus';
import { CONTRACT_ENGINES, resolveContainerContract } from '../../lib/spec/container-contract';
import type { LlmEksDeploymentConfig } from '../../lib/eks/deployment-config';
import { InputValidationError } from '../../lib/errors';
import { parseS3Uri } from '../../lib/eks/model-access';
import { eksModelUriProblem } from '../../lib/eks/model-uri';
import { modelBucketName } from '../../lib/eks/names';
import { generatedApiKeySecret, type LlmServingInputs } from '../../lib/eks/serving';
import type { ExposureOptions, ProgressiveRolloutOptions } from '../../lib/kubernetes/options';
import type { TritonModelRepository } from '../../lib/kubernetes/runtimes/triton/repository';
import type { DeploymentSpec } from '../../lib/spec/types';
import { rolloutStrategyProblems } from '../../lib/spec/targets';
import type { BlueprintContext } from '../blueprint';
import { deploymentBudget, deploymentCostTags } from '../../lib/budgets/deployment-budget';

/** Blueprint choices that are not part of the deployment spec. */
export interface EksBlueprintExtras {
  /** @default - ClusterIP only (reach it with `kubectl port-forward` or a gateway you add) */
  readonly exposure?: ExposureOptions;
  /** Karpenter GPU node image. @default 'al2023' */
  readonly amiFamily?: 'al2023' | 'bottlerocket';
  /**
   * Classic models served next to the LLM on CPU, each from a prefix of the blueprint's model bucket, by runtimes that
   * serve both (`runtime.engine: 'kserve'`: an InferenceService on KServe's sklearn, XGBoost or Triton runtime).
   * @default - none
   */
  readonly classicModels?: readonly EksClassicModel[];
  /** Triton's model repository (runtime.engine 'triton'): its config.pbtxt files are generated from it. @default - Triton auto-completes configurations */
  readonly tritonRepository?: TritonModelRepository;
}

/** A classic model in the blueprint's model bucket. */
export interface EksClassicModel {
  /** Name of its InferenceService (and the `model_name` clients call). */
  readonly name: string;
  readonly format: 'sklearn' | 'xgboost' | 'onnx';
  /** Key prefix in the model bucket, e.g. `models/sklearn-iris/`. */
  readonly prefix: string;
}

/** Where the checkpoint comes from: our bucket (default prefix or the spec's prefix) or the Hugging Face Hub. */
function modelLocation(context: BlueprintContext, bucket: string): Pick<LlmServingInputs, 'modelPrefix' | 'huggingFaceId' | 'huggingFaceRevision'> {
  const artifact = context.plan.spec.model.artifact;
  const uri = artifact?.uri;
  if (uri === undefined) return {};
  if (uri.startsWith('hf://')) return { huggingFaceId: uri.slice('hf://'.length), ...(artifact?.revision !== undefined && { huggingFaceRevision: artifact.revision }) };
  const s3 = parseS3Uri(uri);
  const problem = eksModelUriProblem(context.name, context.env.region, uri, context.env.account);
  if (s3 === undefined || s3.bucket !== bucket || problem) {
    throw new InputValidationError(`Blueprint '${context.name}'`, [problem ?? eksModelUriProblem(context.name, context.env.region, 's3://-/', context.env.account)!]);
  }
  return { modelPrefix: s3.prefix };
}

/**
 * The spec's rollout as Argo Rollouts options: canary and linear roll out progressively with an analysis on the
 * spec's SLO (timeToFirstTokenMs, p95LatencyMs) and the checks its rollbackAlarms name; all-at-once keeps the
 * Deployment's rolling update. Shadow traffic has no Kubernetes implementation here yet.
 */
export function progressiveRollout(blueprint: string, spec: DeploymentSpec): ProgressiveRolloutOptions | undefined {
  const r = spec.rollout;
  if (r.strategy === 'all-at-once') return undefined;
  if (r.strategy === 'shadow') {
    throw new Error(`Blueprint '${blueprint}': rollout.strategy 'shadow' is not supported on EKS (vLLM serves no shadow variant); use 'canary', 'linear' or 'all-at-once'`);
  }
  if (r.strategy === 'ab') {
    // The arms are split by the model gateway: the platform turns the spec into one deployment per arm (lib/eks/platform-ab.ts).
    throw new InputValidationError(`Blueprint '${blueprint}'`, [{
      field: 'rollout.strategy', value: 'ab', message: 'an A/B test on EKS is split by the model gateway, and this blueprint deploys one model without it',
      fix: "add the spec to the llm-platform-eks blueprint's models (one deployment per arm behind its gateway), or use rollout.strategy 'canary' (docs/ab-testing.md)",
    }]);
  }
  // A spec resolved by resolveDeploymentSpec never gets here with an unsupported runtime; a hand-built one is refused, not ignored.
  const problems = rolloutStrategyProblems('eks', spec.runtime.engine, r.strategy);
  if (problems.length > 0) throw new InputValidationError(`Blueprint '${blueprint}'`, problems);
  const { timeToFirstTokenMs, p95LatencyMs } = spec.traffic;
  return {
    strategy: r.strategy,
    canaryPercent: r.canaryPercent,
    linearStepPercent: r.linearStepPercent,
    intervalMinutes: r.intervalMinutes,
    analysis: {
      // vLLM answers engine failures with HTTP 5xx: both alarms read the canary's 5xx share.
      errors: r.rollbackAlarms.includes('errors-5xx') || r.rollbackAlarms.includes('model-errors'),
      latency: r.rollbackAlarms.includes('latency-p95'),
      ...(timeToFirstTokenMs !== undefined && { ttftP95Seconds: timeToFirstTokenMs / 1000 }),
      ...(p95LatencyMs !== undefined && { e2eLatencyP95Seconds: p95LatencyMs / 1000 }),
    },
  };
}

/** The deployment every engine renders for an EKS blueprint: an LLM runtime (vLLM...) or a classic model server (Triton...). */
export function llmEksDeploymentConfig(context: BlueprintContext, extras: EksBlueprintExtras = {}): LlmEksDeploymentConfig {
  const { spec, llm, model, modelServer } = context.plan;
  const plan = llm ?? modelServer;
  if (spec.target.kind !== 'eks' || plan === undefined || (llm !== undefined && model === undefined)) {
    throw new Error(`Blueprint '${context.name}' needs a runtime planned for target kind 'eks' (got target '${spec.target.kind}', ${llm ? 'an LLM plan' : modelServer ? 'a model-server plan' : 'no plan'})`);
  }
  const target = spec.target;
  const capacity = target.capacity ?? 'karpenter';
  const bucket = modelBucketName(context.name, context.env.account, context.env.region);
  const minReplicas = Math.max(spec.scaling.minReplicas, spec.scaling.scaleToZero ? 0 : 1);
  const maxReplicas = spec.scaling.maxReplicas ?? Math.max(plan.replicas * 2, minReplicas, 1);
  const tokenSecret = spec.model.artifact?.huggingFaceTokenSecret;
  const serving: LlmServingInputs = {
    name: context.name,
    namespace: target.namespace ?? spec.name,
    runtime: spec.runtime.engine,
    plan,
    model,
    ...(extras.tritonRepository !== undefined && { tritonRepository: extras.tritonRepository }),
    ...(CONTRACT_ENGINES.includes(spec.runtime.engine) && spec.runtime.image !== undefined && {
      container: resolveContainerContract(spec.runtime.engine, spec.runtime.image, spec.runtime.container),
    }),
    capacity,
    modelBucketName: bucket,
    ...modelLocation(context, bucket),
    // The External Secrets Operator syncs the Secrets Manager secret into this Kubernetes Secret.
    ...(tokenSecret !== undefined && {
      huggingFaceTokenSecret: { secretName: `${context.name}-hf-token`, key: 'token', fromSecretsManager: { secretId: tokenSecret, region: context.env.region } },
    }),
    // Every model API asks for a key: generated into Secrets Manager by the engine, synced by the External Secrets Operator.
    apiKeySecret: generatedApiKeySecret(context.name, context.env.region),
    loraAdapters: spec.runtime.lora?.adapters.map((a) => ({ name: a.name, uri: a.uri, tenant: a.tenant ?? a.name })),
    autoscaling: { minReplicas: Math.max(minReplicas, 1), maxReplicas, scaleToZero: spec.scaling.scaleToZero, engine: 'keda', offHours: spec.scaling.offHours },
    exposure: extras.exposure,
    monitoring: undefined,
    rollout: progressiveRollout(context.name, spec),
    ...(spec.graph !== undefined && { inferenceGraph: spec.graph }),
    ...(extras.classicModels !== undefined && {
      classicModels: extras.classicModels.map((m) => ({ name: m.name, format: m.format, uri: `s3://${bucket}/${m.prefix.replace(/^\/+/, '')}` })),
    }),
  };
  const vpc = 'vpcId' in spec.security.vpc ? spec.security.vpc : undefined;
  return {
    name: context.name,
    account: context.env.account,
    region: context.env.region,
    capacity,
    amiFamily: capacity === 'auto-mode' ? undefined : extras.amiFamily,
    capacityReservationId: target.capacityReservationId,
    serving,
    // GPU nodes kept at every hour: the off-hours floor when there is one (Cluster Autoscaler adds nodes in the morning).
    minReplicas: lowestReplicaFloor({ minReplicas: serving.autoscaling.minReplicas, offHours: spec.scaling.offHours }),
    maxReplicas,
    vpc,
    alarmEmail: spec.monitoring.alarmEmail,
    alarmRecipients: spec.monitoring.recipients,
    budget: deploymentBudget(context.plan),
    // LLM capture through the collector and the drift job over it, when the spec captures (vLLM only).
    llmDrift: llm !== undefined ? llmDriftSettings(spec, { name: context.name, account: context.env.account, region: context.env.region, modelBucket: bucket }) : undefined,
    managedPrometheus: managedPrometheusSettings(spec),
    tags: { 'aimd:blueprint': context.name, ...spec.tags, ...deploymentCostTags(spec.name) },
  };
}
