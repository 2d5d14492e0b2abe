/**
 * From a planned blueprint (spec + plan) to the {@link LlmEksDeploymentConfig} every engine renders: the
 * one place where spec fields become cluster and serving settings for the `llm-eks*` blueprints.
 */
import type { LlmEksDeploymentConfig } from '../../lib/eks/deployment-config';
import { InputValidationError } from '../../lib/errors';
import { parseS3Uri } from '../../lib/eks/model-access';
import { eksModelUriProblem } from '../../lib/eks/model-uri';
import { modelBucketName } from '../../lib/eks/names';
import { generatedApiKeySecret, type LlmServingInputs } from '../../lib/eks/serving';
import type { ExposureOptions } from '../../lib/kubernetes/options';
import type { BlueprintContext } from '../blueprint';

/** Blueprint choices that are not part of the deployment spec. */
export interface EksBlueprintExtras {
  /** @default - ClusterIP only (reach it with `kubectl port-forward` or a gateway you add) */
  readonly exposure?: ExposureOptions;
  /** Karpenter GPU node image. @default 'al2023' */
  readonly amiFamily?: 'al2023' | 'bottlerocket';
}

/** Where the checkpoint comes from: our bucket (default prefix or the spec's prefix) or the Hugging Face Hub. */
function modelLocation(context: BlueprintContext, bucket: string): Pick<LlmServingInputs, 'modelPrefix' | 'huggingFaceId'> {
  const uri = context.plan.spec.model.artifact?.uri;
  if (uri === undefined) return {};
  if (uri.startsWith('hf://')) return { huggingFaceId: uri.slice('hf://'.length) };
  const s3 = parseS3Uri(uri);
  const problem = eksModelUriProblem(context.name, context.env.region, uri, context.env.account);
  if (s3 === undefined || s3.bucket !== bucket || problem) {
    throw new InputValidationError(`Blueprint '${context.name}'`, [problem ?? eksModelUriProblem(context.name, context.env.region, 's3://-/', context.env.account)!]);
  }
  return { modelPrefix: s3.prefix };
}

/** The deployment every engine renders for an EKS LLM blueprint. */
export function llmEksDeploymentConfig(context: BlueprintContext, extras: EksBlueprintExtras = {}): LlmEksDeploymentConfig {
  const { spec, llm, model } = context.plan;
  if (spec.target.kind !== 'eks' || llm === undefined || model === undefined) {
    throw new Error(`Blueprint '${context.name}' needs an LLM runtime on target kind 'eks' (got target '${spec.target.kind}', ${llm ? 'a' : 'no'} LLM plan)`);
  }
  const target = spec.target;
  const capacity = target.capacity ?? 'karpenter';
  const bucket = modelBucketName(context.name, context.env.account, context.env.region);
  const minReplicas = Math.max(spec.scaling.minReplicas, spec.scaling.scaleToZero ? 0 : 1);
  const maxReplicas = spec.scaling.maxReplicas ?? Math.max(llm.replicas * 2, minReplicas, 1);
  const tokenSecret = spec.model.artifact?.huggingFaceTokenSecret;
  const serving: LlmServingInputs = {
    name: context.name,
    namespace: target.namespace ?? spec.name,
    plan: llm,
    model,
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
    autoscaling: { minReplicas: Math.max(minReplicas, 1), maxReplicas, scaleToZero: spec.scaling.scaleToZero, engine: 'keda' },
    exposure: extras.exposure,
    monitoring: undefined,
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
    minReplicas: serving.autoscaling.minReplicas,
    maxReplicas,
    vpc,
    alarmEmail: spec.monitoring.alarmEmail,
    tags: { 'aimd:blueprint': context.name, ...spec.tags },
  };
}
