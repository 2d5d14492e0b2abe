/**
 * Models and variants of an endpoint: which image serves which artifacts on which instances.
 */
import { getInstanceType } from '../catalogue';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { DEFAULT_SAGEMAKER_CPU_INSTANCE } from '../plan/deployment-plan';
import type { AbVariantSpec, DeploymentSpec } from '../spec/types';
import { frameworkEnvironment, lmiEnvironment, tgiEnvironment } from './container-environment';
import { imageFamilyFor, resolveImage, type ImageProcessor } from './images';
import { STARTUP_TIMEOUT_SECONDS } from './limits';
import type { EndpointOptions } from './options';
import type { ModelDescription, S3Location, VariantDescription } from './types';
import { serialPipelineContainers } from './serial-pipeline';
import { serverlessSettings } from './validate';

/** Name of the production variant. Blue/green updates need the same variant name in old and new configuration. */
export const PRODUCTION_VARIANT = 'primary';

type SageMakerTarget = Extract<DeploymentSpec['target'], { kind: 'sagemaker' }>;

/** `s3://bucket/key` → a location in a bucket the user brought. */
export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new Error(`'${uri}' is not an s3:// URI`);
  return { bucket: { external: match[1]! }, key: match[2]! };
}

function defaultArtifacts(spec: DeploymentSpec, kind: ModelDescription['artifacts']['kind'], version?: string): S3Location {
  const prefix = `models/${spec.model.id ?? spec.name}/${version !== undefined ? `${version}/` : ''}`;
  return { bucket: 'artifacts', key: kind === 'archive' ? `${prefix}model.tar.gz` : prefix };
}

/** Where the production model's artifacts are: the spec's URI, or a prefix of the artifacts bucket named after the model. */
export function productionArtifacts(spec: DeploymentSpec, kind: ModelDescription['artifacts']['kind']): S3Location {
  const uri = spec.model.artifact?.uri;
  return uri !== undefined ? parseS3Uri(uri) : defaultArtifacts(spec, kind);
}

/** Instance type of the variants: the LLM planner's choice, the spec's, or the CPU default. */
export function variantInstanceType(plan: DeploymentPlan): string | undefined {
  const target = plan.spec.target as SageMakerTarget;
  if (target.mode === 'serverless') return undefined;
  return plan.llm?.instanceType ?? target.instanceType ?? DEFAULT_SAGEMAKER_CPU_INSTANCE;
}

/** Instances a variant starts with (at least one; async endpoints scale to zero afterwards). */
export function initialInstanceCount(plan: DeploymentPlan): number {
  return Math.max(1, plan.spec.scaling.minReplicas, plan.llm?.replicas ?? 0);
}

function imageFor(plan: DeploymentPlan, processor: ImageProcessor): ModelDescription['image'] {
  const spec = plan.spec;
  const family = imageFamilyFor(spec.runtime.engine);
  if (family === undefined) return { uri: spec.runtime.image as string, custom: true };
  return resolveImage({ family, region: spec.region, processor, tag: spec.runtime.version });
}

function environmentFor(plan: DeploymentPlan): Record<string, string> {
  const spec = plan.spec;
  const family = imageFamilyFor(spec.runtime.engine);
  if (plan.llm !== undefined) {
    const served = spec.model.servedName ?? plan.llm.model;
    return family === 'tgi' ? tgiEnvironment(plan.llm, spec.traffic.outputTokens) : lmiEnvironment(plan.llm, served);
  }
  if (family === undefined) return {};
  return frameworkEnvironment(family, spec, (spec.target as SageMakerTarget).mode === 'multi-model');
}

/**
 * Seconds to download and load LLM weights: 10 minutes plus 10 s per GiB (a 16 GiB 8B model gets
 * 760 s), within SageMaker's 60–3600 s. Smaller models keep SageMaker's defaults.
 */
export function llmStartupSeconds(weightsGiB: number): number {
  return Math.min(STARTUP_TIMEOUT_SECONDS.max, Math.max(STARTUP_TIMEOUT_SECONDS.min, Math.ceil(600 + 10 * weightsGiB)));
}

/** Where an A/B arm's model is: its own URI, its version's key in the artifacts bucket, or the spec's own model. */
function abVariantArtifacts(spec: DeploymentSpec, kind: ModelDescription['artifacts']['kind'], v: AbVariantSpec): S3Location {
  if (v.artifactUri !== undefined) return parseS3Uri(v.artifactUri);
  return v.version !== undefined ? defaultArtifacts(spec, kind, v.version) : productionArtifacts(spec, kind);
}

/** Id of the model an A/B arm serves. */
export function abModelId(variantName: string): string {
  return `variant-${variantName}`;
}

/** The models of the endpoint: production (or one per A/B arm), and the shadow candidate when there is one. */
export function endpointModels(plan: DeploymentPlan, options: EndpointOptions): ModelDescription[] {
  const spec = plan.spec;
  const target = spec.target as SageMakerTarget;
  const instanceType = variantInstanceType(plan);
  const processor: ImageProcessor = instanceType !== undefined && getInstanceType(instanceType).acceleratorCount > 0 ? 'gpu' : 'cpu';
  const kind: ModelDescription['artifacts']['kind'] = target.mode === 'multi-model' ? 'multi-model' : plan.llm !== undefined ? 'prefix' : 'archive';
  const base = {
    image: imageFor(plan, processor),
    environment: environmentFor(plan),
    networkIsolation: spec.security.networkIsolation,
    vpc: target.mode !== 'serverless',
  };
  const arms = spec.rollout.strategy === 'ab' ? spec.rollout.variants ?? [] : [];
  if (arms.length > 0 && spec.graph === undefined) return arms.map((v) => ({ id: abModelId(v.name), ...base, artifacts: { kind, location: abVariantArtifacts(spec, kind, v) } }));
  const pipeline = spec.graph !== undefined ? serialPipelineContainers(spec, processor) : undefined;
  const models: ModelDescription[] = [pipeline !== undefined
    // The first container stands for the model where one image is asked for (monitoring, registry).
    ? { id: 'production', ...base, image: pipeline[0]!.image, environment: pipeline[0]!.environment, artifacts: { kind: 'archive', location: pipeline[0]!.artifacts }, pipeline }
    : { id: 'production', ...base, artifacts: { kind, location: productionArtifacts(spec, kind) } }];
  if (options.shadowModel !== undefined) {
    const shadow = options.shadowModel;
    models.push({ id: 'shadow', ...base, artifacts: { kind, location: shadow.artifactUri !== undefined ? parseS3Uri(shadow.artifactUri) : defaultArtifacts(spec, kind, shadow.version) } });
  }
  return models;
}

function variant(plan: DeploymentPlan, name: string, modelId: string, weight: number): VariantDescription {
  const target = plan.spec.target as SageMakerTarget;
  if (target.mode === 'serverless') {
    const s = serverlessSettings(target);
    return { name, modelId, initialVariantWeight: weight, acceleratorCount: 0, localStorage: false, serverless: { memorySizeInMb: s.memorySizeInMb, maxConcurrency: s.maxConcurrency, provisionedConcurrency: s.provisionedConcurrency } };
  }
  const instanceType = variantInstanceType(plan) as string;
  const instance = getInstanceType(instanceType);
  const startup = plan.llm !== undefined ? llmStartupSeconds(plan.llm.weightsGiB) : undefined;
  // A shadow variant carries its sampled share of the production load, an A/B arm its weight's share.
  const instances = weight < 1 ? Math.max(1, Math.ceil(initialInstanceCount(plan) * weight)) : initialInstanceCount(plan);
  return {
    name,
    modelId,
    instanceType: instanceType.startsWith('ml.') ? instanceType : `ml.${instanceType}`,
    initialInstanceCount: instances,
    initialVariantWeight: weight,
    acceleratorCount: instance.acceleratorCount,
    vcpus: instance.vcpus,
    localStorage: instance.localNvmeGB > 0,
    ...(startup !== undefined ? { containerStartupHealthCheckTimeoutInSeconds: startup, modelDataDownloadTimeoutInSeconds: startup } : {}),
  };
}

/**
 * Production and shadow variants. SageMaker copies to a shadow variant the share of requests given by
 * its weight relative to the production variant's (weight 0.2 against 1 mirrors 20 %), the same
 * encoding an InferenceExperiment's SamplingPercentage produces.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/dg/shadow-tests.html, read 2026-11-24.
 *
 * An A/B test (`rollout.strategy: 'ab'`) has one production variant per arm, its weight the arm's share (0.9 and 0.1
 * for 90/10): SageMaker sends each variant "the ratio of the VariantWeight to the sum of all VariantWeight values".
 * Source: InitialVariantWeight, https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html,
 * and https://docs.aws.amazon.com/sagemaker/latest/dg/model-ab-testing.html, read 2026-12-03.
 */
export function endpointVariants(plan: DeploymentPlan, options: EndpointOptions): { production: VariantDescription[]; shadow: VariantDescription[] } {
  const arms = plan.spec.rollout.strategy === 'ab' ? plan.spec.rollout.variants ?? [] : [];
  const production = arms.length > 0
    ? arms.map((v) => variant(plan, v.name, abModelId(v.name), v.weight / 100))
    : [variant(plan, PRODUCTION_VARIANT, 'production', 1)];
  const shadow = options.shadowModel === undefined ? [] : [variant(plan, `shadow-${options.shadowModel.version}`, 'shadow', plan.spec.rollout.shadowSamplingPercent / 100)];
  return { production, shadow };
}
