/**
 * A/B tests on the platform: a model spec with `rollout.strategy: 'ab'` becomes one vLLM deployment per arm
 * (`rollout.variants`), all serving the spec's model name, and one weighted split of that name at the model gateway
 * (lib/kubernetes/gateway `trafficSplits`). The first arm keeps the spec's name, so promoting a winner (back to one
 * variant) keeps the deployment clients already reach; the others are `<spec name>-<variant>`. Each arm is planned for
 * its share of the spec's traffic (and of its maxReplicas), so a 10 % arm costs about a tenth. Engine-free.
 * See docs/ab-testing.md.
 */
import { InputValidationError, type InputProblem } from '../errors';
import type { GatewayTenant, GatewayTrafficSplit } from '../kubernetes/gateway';
import type { AbVariantSpec, DeploymentSpecInput } from '../spec/types';
import { parseS3Uri } from './model-access';
import { defaultModelPrefix } from './names';
import type { LlmServingInputs } from './serving';

/** The gateway allows 35 characters per deployment name (lib/kubernetes/gateway/validate.ts). */
const MAX_DEPLOYMENT_NAME = 35;

/** Where an arm's checkpoint comes from, applied over the arm's planned serving inputs. */
export type ArmModelLocation = Pick<LlmServingInputs, 'modelPrefix' | 'huggingFaceId'>;

/** One arm of an A/B test as the platform deploys it. */
export interface AbArm {
  /** Its deployment (and gateway model) name. */
  readonly deployment: string;
  readonly variant: string;
  /** Percent of the split name's requests. */
  readonly weight: number;
  /** The arm as a spec of its own: the spec's name for the first arm, its share of the traffic, no `ab` rollout. */
  readonly spec: DeploymentSpecInput;
  /** Its checkpoint, when it is not the spec's own (`version` or `artifactUri`). */
  readonly location: ArmModelLocation;
}

/** Whether a spec asks for an A/B test. */
export function isAbTest(spec: DeploymentSpecInput): boolean {
  return spec.rollout?.strategy === 'ab' && (spec.rollout.variants?.length ?? 0) > 0;
}

function armLocation(spec: DeploymentSpecInput, variant: AbVariantSpec, bucket: string, at: string, problems: InputProblem[]): ArmModelLocation {
  const uri = variant.artifactUri;
  if (uri?.startsWith('hf://')) return { huggingFaceId: uri.slice('hf://'.length) };
  if (uri !== undefined) {
    const s3 = parseS3Uri(uri);
    if (s3 === undefined || s3.bucket !== bucket) {
      problems.push({ field: `${at}.artifactUri`, value: uri, message: `is outside the platform's model bucket (${bucket}), the only bucket its model servers may read`, fix: `upload the checkpoint to s3://${bucket}/<prefix>/ or use hf://org/name` });
      return {};
    }
    return { modelPrefix: s3.prefix };
  }
  // Like SageMaker's variants: `models/<model id>/<version>/` in the deployment's (here the platform's) model bucket.
  if (variant.version !== undefined) return { modelPrefix: `${defaultModelPrefix(String(spec.model?.id ?? spec.name))}${variant.version}/` };
  return {};
}

/**
 * The arms of a spec's A/B test, each a spec planned on its own; undefined when the spec runs no A/B test.
 * The spec itself is validated first by the caller (weights, names, runtime: lib/spec/ab-variants.ts).
 * @param bucket the platform's model bucket, the only one an arm's `artifactUri` may name besides the Hub
 * @throws InputValidationError when an arm's name is too long or its checkpoint is outside the bucket
 */
export function abTestArms(spec: DeploymentSpecInput, bucket: string): AbArm[] | undefined {
  if (!isAbTest(spec)) return undefined;
  const problems: InputProblem[] = [];
  const variants = spec.rollout!.variants!;
  const namespace = spec.target && 'namespace' in spec.target && spec.target.namespace !== undefined ? spec.target.namespace : spec.name;
  const arms = variants.map((variant, i): AbArm => {
    const at = `rollout.variants[${i}]`;
    const deployment = i === 0 ? spec.name : `${spec.name}-${variant.name}`;
    if (deployment.length > MAX_DEPLOYMENT_NAME) {
      problems.push({ field: `${at}.name`, value: variant.name, message: `makes the deployment '${deployment}' (${deployment.length} characters), over the gateway's ${MAX_DEPLOYMENT_NAME}`, fix: 'shorten the variant or the spec name' });
    }
    const share = variant.weight / 100;
    const scaling = spec.scaling ?? {};
    const traffic = spec.traffic ?? {};
    const armSpec = {
      ...spec,
      name: deployment,
      // The arms of one test run in one namespace: the split's HTTPRoute then needs no ReferenceGrant.
      target: { ...spec.target, namespace },
      rollout: { ...withoutKey(spec.rollout ?? {}, 'variants'), strategy: 'all-at-once' },
      traffic: { ...traffic, ...(traffic.requestsPerSecond !== undefined && { requestsPerSecond: traffic.requestsPerSecond * share }) },
      scaling: { ...scaling, ...(scaling.maxReplicas !== undefined && { maxReplicas: Math.max(scaling.minReplicas ?? 1, Math.ceil(scaling.maxReplicas * share), 1) }) },
      // LoRA adapters stay on the first arm: they were trained on its weights, and a name served by two arms unsplit is unroutable.
      ...(i > 0 && spec.runtime !== undefined && { runtime: withoutKey(spec.runtime, 'lora') }),
    } as DeploymentSpecInput;
    return { deployment, variant: variant.name, weight: variant.weight, spec: armSpec, location: armLocation(spec, variant, bucket, at, problems) };
  });
  if (problems.length > 0) throw new InputValidationError(`Deployment spec '${spec.name}'`, problems);
  return arms;
}

function withoutKey<T extends object, K extends keyof T>(object: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = object;
  return rest;
}

/**
 * An arm planned on the first arm's accelerator (unless the spec fixes an accelerator or instance type): planned alone
 * for a small share, a candidate could land on a smaller GPU, and the test would compare GPUs as well as models. The
 * accelerator, not the instance type, is fixed so that the arm keeps its ranked fallback instance types.
 */
export function onAccelerator(arm: AbArm, accelerator: string | undefined): AbArm {
  const target = arm.spec.target as { instanceType?: string; accelerator?: string } | undefined;
  if (accelerator === undefined || target?.instanceType !== undefined || target?.accelerator !== undefined) return arm;
  return { ...arm, spec: { ...arm.spec, target: { ...arm.spec.target, accelerator } } as DeploymentSpecInput };
}

/** The gateway split of an A/B test: the served name answered by every arm at its weight. */
export function abTrafficSplit(spec: DeploymentSpecInput, arms: readonly AbArm[], servedModelName: string): GatewayTrafficSplit {
  return { name: spec.name, modelName: servedModelName, backends: arms.map((a) => ({ model: a.deployment, weight: a.weight })) };
}

/** Tenants as the gateway sees them: a tenant allowed an A/B-tested model is allowed each of its arms. */
export function tenantsOfArms(tenants: readonly GatewayTenant[], armsOf: ReadonlyMap<string, readonly string[]>): GatewayTenant[] {
  return tenants.map((t) => ({ ...t, allowedModels: [...new Set(t.allowedModels.flatMap((m) => armsOf.get(m) ?? [m]))] }));
}
