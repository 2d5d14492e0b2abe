/**
 * Checks a planned deployment against what SageMaker supports for its mode (serverless ranges and
 * exclusions, async, multi-model, shadow variants, scale to zero, guardrail timings), collecting every
 * problem and throwing once with field, value and fix.
 */
import { getInstanceType } from '../catalogue';
import { ProblemCollector } from '../errors';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { LLM_ENGINES } from '../spec/types';
import type { DeploymentSpec } from '../spec/types';
import { IMAGE_FAMILIES, imageFamilyFor } from './images';
import {
  MAX_PAYLOAD_KB,
  SERVERLESS_EXCLUSIONS_SOURCE,
  SERVERLESS_MAX_CONCURRENCY,
  SERVERLESS_MEMORY_SIZES_MB,
  SERVERLESS_PROVISIONED_CONCURRENCY,
  TRAFFIC_WAIT_INTERVAL_SECONDS,
} from './limits';
import { checkModelQualityOptions } from './model-quality';
import { sageMakerDisasterRecoveryProblems } from '../disaster-recovery/sagemaker-standby';
import type { EndpointOptions } from './options';

type SageMakerTarget = Extract<DeploymentSpec['target'], { kind: 'sagemaker' }>;

/** The serverless settings with the spec's defaults applied. */
export function serverlessSettings(target: SageMakerTarget): { memorySizeInMb: number; maxConcurrency: number; provisionedConcurrency: number } {
  return {
    memorySizeInMb: target.serverlessMemoryMb ?? 2048,
    maxConcurrency: target.serverlessMaxConcurrency ?? 5,
    provisionedConcurrency: target.serverlessProvisionedConcurrency ?? 0,
  };
}

/**
 * Serverless memory and concurrency ranges.
 * Memory: 1024–6144 MB in 1 GB steps; max concurrency: 1–200; provisioned concurrency: 0 (none) or
 * 1–200 and at most the max concurrency.
 */
export function checkServerlessConfig(p: ProblemCollector, settings: { memorySizeInMb: number; maxConcurrency: number; provisionedConcurrency: number }, prefix = 'target'): void {
  const { memorySizeInMb: memory, maxConcurrency: max, provisionedConcurrency: provisioned } = settings;
  p.check(SERVERLESS_MEMORY_SIZES_MB.includes(memory), `${prefix}.serverlessMemoryMb`, memory,
    'must be 1024-6144 MB in 1 GB (1024 MB) steps',
    `use one of ${SERVERLESS_MEMORY_SIZES_MB.join(', ')}${Number.isFinite(memory) && memory > 0 ? ` (nearest: ${nearestMemory(memory)})` : ''}`);
  const maxOk = p.check(Number.isInteger(max) && max >= SERVERLESS_MAX_CONCURRENCY.min && max <= SERVERLESS_MAX_CONCURRENCY.max,
    `${prefix}.serverlessMaxConcurrency`, max,
    `must be a whole number from ${SERVERLESS_MAX_CONCURRENCY.min} to ${SERVERLESS_MAX_CONCURRENCY.max} concurrent invocations`,
    `set it between ${SERVERLESS_MAX_CONCURRENCY.min} and ${SERVERLESS_MAX_CONCURRENCY.max}; ask AWS for a quota increase beyond that`);
  if (provisioned !== 0) {
    const inRange = p.check(Number.isInteger(provisioned) && provisioned >= SERVERLESS_PROVISIONED_CONCURRENCY.min && provisioned <= SERVERLESS_PROVISIONED_CONCURRENCY.max,
      `${prefix}.serverlessProvisionedConcurrency`, provisioned,
      `must be 0 (none) or a whole number from ${SERVERLESS_PROVISIONED_CONCURRENCY.min} to ${SERVERLESS_PROVISIONED_CONCURRENCY.max}`,
      `set it between ${SERVERLESS_PROVISIONED_CONCURRENCY.min} and ${SERVERLESS_PROVISIONED_CONCURRENCY.max}, or remove it`);
    if (inRange && maxOk) {
      p.check(provisioned <= max, `${prefix}.serverlessProvisionedConcurrency`, provisioned,
        `must not exceed ${prefix}.serverlessMaxConcurrency (${max})`, `lower it to ${max} or raise serverlessMaxConcurrency to ${provisioned}`);
    }
  }
}

function nearestMemory(memory: number): number {
  return SERVERLESS_MEMORY_SIZES_MB.reduce((best, size) => (Math.abs(size - memory) < Math.abs(best - memory) ? size : best));
}

function checkServerlessExclusions(p: ProblemCollector, spec: DeploymentSpec): void {
  const why = `Serverless Inference does not support it (${SERVERLESS_EXCLUSIONS_SOURCE})`;
  p.check(!spec.monitoring.dataCapture.enabled, 'monitoring.dataCapture.enabled', true, why, "set monitoring.dataCapture.enabled to false, or use mode 'realtime'");
  p.check(!spec.monitoring.driftDetection, 'monitoring.driftDetection', true, why, "set monitoring.driftDetection to false, or use mode 'realtime'");
  p.check(!spec.security.networkIsolation, 'security.networkIsolation', true, why, "set security.networkIsolation to false, or use mode 'realtime'");
  p.check(!('vpcId' in spec.security.vpc), 'security.vpc', spec.security.vpc, `${why}: serverless endpoints cannot be attached to a VPC`, "remove security.vpc (serverless endpoints run outside your VPC), or use mode 'realtime'");
  p.check(spec.rollout.strategy !== 'shadow', 'rollout.strategy', 'shadow', `${why}: shadow tests need a second variant`, "use rollout.strategy 'all-at-once', or mode 'realtime'");
}

function checkModeFeatures(p: ProblemCollector, spec: DeploymentSpec, target: SageMakerTarget, options: EndpointOptions): void {
  const engine = spec.runtime.engine;
  const family = imageFamilyFor(engine);
  const mode = target.mode;
  if (mode === 'serverless') {
    checkServerlessConfig(p, serverlessSettings(target));
    checkServerlessExclusions(p, spec);
  }
  if (mode === 'multi-model') {
    p.check(!LLM_ENGINES.includes(engine), 'runtime.engine', engine, 'multi-model endpoints load many small models on demand; LLM engines hold one model on the GPUs', "use mode 'realtime' for LLMs");
    if (family !== undefined) {
      const spec2 = IMAGE_FAMILIES[family];
      p.check(spec2.multiModel, 'runtime.engine', engine, `the ${spec2.label} container does not support multi-model endpoints`,
        'use sklearn, xgboost, torchserve, tensorflow-serving or triton (https://docs.aws.amazon.com/sagemaker/latest/dg/multi-model-support.html)');
    }
  }
  const payloadLimit = MAX_PAYLOAD_KB[mode];
  p.check(spec.traffic.maxPayloadKb <= payloadLimit, 'traffic.maxPayloadKb', spec.traffic.maxPayloadKb,
    `exceeds the ${mode} invocation limit of ${payloadLimit} KB`,
    mode === 'async' ? 'split the payload; async accepts at most 1 GB' : `use mode 'async' (up to 1 GB, payload read from S3) or keep payloads under ${payloadLimit} KB`);
  const zero = spec.scaling.scaleToZero || spec.scaling.minReplicas === 0;
  if (zero) {
    p.check(mode === 'async', 'scaling.scaleToZero', spec.scaling.scaleToZero,
      `scaling to zero instances is only possible for asynchronous endpoints (requests wait in the queue); a ${mode} endpoint needs a running instance`,
      mode === 'serverless' ? 'remove scaling.scaleToZero: serverless endpoints already scale to zero' : "use mode 'async', or set scaling.minReplicas to 1 and scaleToZero to false");
  }
  // The A/B arms are model versions of one container; a pipeline's arms would be every container's (not rendered).
  p.check(!(spec.rollout.strategy === 'ab' && spec.graph !== undefined), 'rollout.strategy', 'ab', 'an A/B split of an inference pipeline (graph) is not rendered',
    "use rollout.strategy 'canary', 'linear' or 'all-at-once' with a graph");
  if (spec.rollout.strategy === 'shadow') {
    // The shadow candidate is one model version; a pipeline's candidate would be every container's (not rendered).
    p.check(spec.graph === undefined, 'rollout.strategy', 'shadow', 'a shadow variant of an inference pipeline (graph) is not rendered',
      "use rollout.strategy 'canary', 'linear' or 'all-at-once' with a graph");
    p.check(mode === 'realtime', 'rollout.strategy', 'shadow', `shadow variants are supported on real-time endpoints only, not ${mode}`, "use mode 'realtime' or another rollout strategy");
    p.check(options.shadowModel !== undefined, 'shadowModel', undefined, "rollout.strategy 'shadow' needs the next model version to shadow", "pass shadowModel: { version: 'v2' } (and artifactUri when the candidate is not in the artifacts bucket)");
  } else {
    p.check(options.shadowModel === undefined, 'shadowModel', options.shadowModel?.version, `is only used with rollout.strategy 'shadow' (strategy is '${spec.rollout.strategy}')`, "set rollout.strategy to 'shadow' or remove shadowModel");
  }
  if (spec.rollout.strategy === 'ab') {
    // Multi-model and serverless endpoints are described with one variant here; async A/B arms would share one queue.
    p.check(mode === 'realtime', 'rollout.strategy', 'ab', `A/B variants are rendered for real-time endpoints only, not ${mode}`, "use mode 'realtime', or another rollout strategy");
  }
  if (spec.rollout.strategy === 'canary' || spec.rollout.strategy === 'linear') {
    const seconds = spec.rollout.intervalMinutes * 60;
    p.check(seconds <= TRAFFIC_WAIT_INTERVAL_SECONDS.max, 'rollout.intervalMinutes', spec.rollout.intervalMinutes,
      `is ${seconds} s between traffic shifts; SageMaker allows at most ${TRAFFIC_WAIT_INTERVAL_SECONDS.max} s (WaitIntervalInSeconds)`,
      `use at most ${TRAFFIC_WAIT_INTERVAL_SECONDS.max / 60} minutes`);
  }
  if (spec.monitoring.driftDetection) {
    p.check(spec.monitoring.dataCapture.enabled, 'monitoring.driftDetection', true, 'Model Monitor reads the captured requests, but data capture is off', 'set monitoring.dataCapture.enabled to true');
    p.check(mode === 'realtime' || mode === 'async', 'monitoring.driftDetection', true, `Model Monitor data-quality jobs monitor single-model endpoints, not ${mode}`, "use mode 'realtime' or turn drift detection off");
    p.check((options.monitoredFeatures ?? []).length > 0, 'monitoredFeatures', options.monitoredFeatures,
      'drift detection needs the features whose baseline drift raises the alarm', "pass monitoredFeatures: ['<feature>', ...] (the column names of the baseline constraints)");
  }
}

function checkArtifacts(p: ProblemCollector, spec: DeploymentSpec, options: EndpointOptions): void {
  const uri = spec.model.artifact?.uri;
  if (uri !== undefined) {
    p.check(uri.startsWith('s3://'), 'model.artifact.uri', uri, 'SageMaker models load their artifacts from S3; a Hub download would need internet access from the container',
      'copy the repository to S3 (`huggingface-cli download` then `aws s3 sync`) and give its s3:// prefix');
  }
  if (options.shadowModel !== undefined) {
    const uri = options.shadowModel.artifactUri;
    if (uri !== undefined) {
      p.check(/^s3:\/\/[a-z0-9.-]{3,63}\/.+/.test(uri), 'shadowModel.artifactUri', uri, 'must be an s3://bucket/key of the candidate model', 'upload the next model version to S3 and give its URI, or leave it out to use the artifacts bucket');
    }
    p.check(/^[a-zA-Z0-9-]{1,20}$/.test(options.shadowModel.version), 'shadowModel.version', options.shadowModel.version, 'must be 1-20 letters, digits or -', "e.g. 'v2'");
  }
}

function checkInstance(p: ProblemCollector, plan: DeploymentPlan, target: SageMakerTarget): void {
  if (target.mode === 'serverless' || target.instanceType === undefined || plan.llm !== undefined) return;
  try {
    const instance = getInstanceType(target.instanceType, 'target.instanceType');
    if (instance.acceleratorCount > 0) {
      p.check(instance.sagemaker !== undefined, 'target.instanceType', target.instanceType, 'is not offered by SageMaker hosting according to the catalogue', 'choose an ml.g5, ml.g6, ml.g6e or ml.p* type listed by `aimd catalogue instances`');
    }
  } catch (error) {
    p.add('target.instanceType', target.instanceType, (error as Error).message.split('\n')[0]!, 'use an ml.* instance type from the catalogue (`aimd catalogue instances`)');
  }
}

/**
 * Validates a plan for SageMaker.
 * @throws InputValidationError listing every problem (field, value, fix)
 */
export function validateSageMakerPlan(plan: DeploymentPlan, options: EndpointOptions = {}): void {
  const spec = plan.spec;
  const p = new ProblemCollector();
  const target = spec.target;
  if (!p.check(target.kind === 'sagemaker', 'target.kind', target.kind, 'a SageMaker endpoint needs a sagemaker target', "set target.kind to 'sagemaker'")) {
    p.throwIfAny(`SageMaker endpoint '${spec.name}'`);
  }
  const t = target as SageMakerTarget;
  checkModeFeatures(p, spec, t, options);
  checkArtifacts(p, spec, options);
  checkInstance(p, plan, t);
  if (options.modelQuality !== undefined) checkModelQualityOptions(p, plan, options.modelQuality);
  for (const d of sageMakerDisasterRecoveryProblems(plan)) p.check(false, d.field, d.value, d.message, d.fix);
  if (LLM_ENGINES.includes(spec.runtime.engine) && t.mode !== 'serverless') {
    p.check(plan.llm !== undefined, 'runtime.engine', spec.runtime.engine, 'an LLM engine needs the LLM plan (plan.llm), which is missing', 'plan the spec with planDeployment()');
  }
  p.throwIfAny(`SageMaker endpoint '${spec.name}'`);
}
