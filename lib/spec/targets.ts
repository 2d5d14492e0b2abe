/**
 * Which runtimes each target deploys from a spec: the one table behind the refusal at validation
 * (`aimd validate`, `aimd plan --spec`) and the renderer choice (blueprints/from-spec.ts). Kept apart
 * from the renderers so that validating a spec never loads an engine (CDK, cdktf, Pulumi).
 */
import type { InputProblem } from '../errors';
import type { CloudProvider, RolloutStrategy, RuntimeEngine, TargetKind, TargetSpec } from './types';

/**
 * Runtimes each target's renderers deploy exactly as asked (never substituted). A target missing here
 * has no spec renderer yet. SageMaker's list is the runtimes lib/sagemaker maps to a serving image; EKS
 * renders the runtimes of lib/kubernetes/runtimes/registry.ts; the serverless targets run ONNX Runtime.
 */
export const RUNTIMES_BY_TARGET: Readonly<Partial<Record<TargetKind, readonly RuntimeEngine[]>>> = {
  eks: ['vllm', 'tgi', 'kserve', 'ray-serve', 'triton', 'torchserve', 'tensorflow-serving', 'seldon', 'bentoml', 'custom'],
  sagemaker: ['vllm', 'lmi', 'tgi', 'huggingface', 'triton', 'onnxruntime', 'torchserve', 'tensorflow-serving', 'sklearn', 'xgboost', 'custom'],
  lambda: ['onnxruntime'],
  batch: ['onnxruntime'],
  streaming: ['onnxruntime'],
  // vLLM's image with the plan's flags (lib/vertex-ai, lib/azureml); other runtimes have no managed-endpoint container yet.
  'vertex-ai': ['vllm'],
  azureml: ['vllm'],
  // Other clouds' clusters serve vLLM through the cloud binding of lib/kubernetes/cloud (issue 14).
  gke: ['vllm'],
  kubernetes: ['vllm'],
  // llm-aks renders vLLM (blueprints/aks); the other runtimes follow once the cloud seam carries them.
  aks: ['vllm'],
  // lib/huggingface-endpoints renders TGI and vLLM containers (no TEI embedding path yet).
  'huggingface-endpoint': ['tgi', 'vllm'],
};

/**
 * Runtimes whose objects a target rolls out progressively (`rollout.strategy` canary or linear). On EKS that is the
 * vLLM Deployment turned into an Argo Rollouts Rollout (lib/kubernetes/argo-rollout.ts); every other EKS runtime
 * updates with its own workload's rolling update (Deployment, InferenceService, KubeRay NewCluster, Seldon Server).
 * A target missing here rolls out every runtime it serves progressively (SageMaker's deployment guardrails).
 */
export const PROGRESSIVE_ROLLOUT_RUNTIMES: Readonly<Partial<Record<TargetKind, readonly RuntimeEngine[]>>> = {
  eks: ['vllm'],
};

/** Strategies that shift traffic step by step (canary, linear) and need a progressive rollout. */
const PROGRESSIVE_STRATEGIES: readonly RolloutStrategy[] = ['canary', 'linear'];

/** Whether a target rolls a runtime out progressively. */
export function rollsOutProgressively(kind: TargetKind, engine: RuntimeEngine): boolean {
  const runtimes = PROGRESSIVE_ROLLOUT_RUNTIMES[kind];
  return runtimes === undefined || runtimes.includes(engine);
}

/** The strategy of a spec that names none: canary where the target can, else all-at-once (never a canary ignored). */
export function defaultRolloutStrategy(kind: TargetKind, engine: RuntimeEngine): RolloutStrategy {
  return rollsOutProgressively(kind, engine) ? 'canary' : 'all-at-once';
}

/** A canary or linear rollout asked of a runtime the target cannot roll out progressively: refused with what can. */
export function rolloutStrategyProblems(kind: unknown, engine: unknown, strategy: unknown): InputProblem[] {
  const runtimes = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(PROGRESSIVE_ROLLOUT_RUNTIMES, kind) ? PROGRESSIVE_ROLLOUT_RUNTIMES[kind as TargetKind] : undefined;
  if (runtimes === undefined || !PROGRESSIVE_STRATEGIES.includes(strategy as RolloutStrategy) || runtimes.includes(engine as RuntimeEngine)) return [];
  return [{
    field: 'rollout.strategy', value: strategy,
    message: `runtime.engine '${String(engine)}' on target '${String(kind)}' updates with its workload's rolling update; ${PROGRESSIVE_STRATEGIES.join(' and ')} rollouts (Argo Rollouts) are implemented for ${runtimes.join(', ')} only`,
    fix: `use rollout.strategy 'all-at-once' (the rolling update, also the default for this runtime), or runtime.engine ${runtimes.join(' | ')}`,
  }];
}

/** Why a target has no spec renderer, when it has none (shown with the refusal). */
export const UNSERVED_TARGETS: Readonly<Partial<Record<TargetKind, string>>> = {
  greengrass: 'Greengrass fleets are deployed from code today (the edge-greengrass blueprint publishes its ONNX model bytes as component releases); a spec cannot name those releases yet',
};

/** The cloud each target kind runs on; `undefined` where the spec chooses (`target.cloud`). */
export const CLOUD_OF_TARGET: Readonly<Record<TargetKind, CloudProvider | undefined>> = {
  lambda: 'aws', sagemaker: 'aws', eks: 'aws', greengrass: 'aws', batch: 'aws', streaming: 'aws',
  gke: 'gcp', 'vertex-ai': 'gcp',
  aks: 'azure', azureml: 'azure',
  kubernetes: undefined, 'huggingface-endpoint': undefined,
};

/** Every cloud a plan can be sized on. */
export const CLOUD_PROVIDERS: readonly CloudProvider[] = ['aws', 'gcp', 'azure'];

/** The cloud whose catalogue, regions and prices size a target's plan (`target.cloud`, else the kind's, else aws). */
export function cloudOfTarget(target: TargetSpec): CloudProvider {
  const fixed = CLOUD_OF_TARGET[target.kind];
  if (fixed !== undefined) return fixed;
  return ('cloud' in target ? target.cloud : undefined) ?? 'aws';
}

/** A `target.cloud` that contradicts the kind's cloud, or is not a cloud at all. */
export function targetCloudProblems(kind: unknown, cloud: unknown): InputProblem[] {
  if (cloud === undefined) return [];
  if (!CLOUD_PROVIDERS.includes(cloud as CloudProvider)) {
    return [{ field: 'target.cloud', value: cloud, message: 'is not a supported cloud', fix: `use one of ${CLOUD_PROVIDERS.join(', ')}` }];
  }
  const fixed = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(CLOUD_OF_TARGET, kind) ? CLOUD_OF_TARGET[kind as TargetKind] : undefined;
  if (fixed !== undefined && fixed !== cloud) {
    return [{ field: 'target.cloud', value: cloud, message: `contradicts target.kind '${String(kind)}', which runs on ${fixed}`, fix: `remove target.cloud or set it to '${fixed}'` }];
  }
  return [];
}

/** Target kinds that deploy from a spec. */
export function specTargetKinds(): readonly TargetKind[] {
  return Object.keys(RUNTIMES_BY_TARGET) as TargetKind[];
}

/** The runtimes a target kind deploys from a spec (empty when the target has no spec renderer yet). */
export function runtimesServedBy(kind: TargetKind): readonly RuntimeEngine[] {
  return RUNTIMES_BY_TARGET[kind] ?? [];
}

/**
 * The problems of a spec whose target cannot deploy its runtime: target without a spec renderer, or a
 * runtime the target does not serve (with the runtimes it serves, and the targets that serve the runtime).
 */
export function targetRuntimeProblems(kind: unknown, engine: unknown): InputProblem[] {
  // Own keys only: a kind such as 'constructor' must not find Object.prototype's.
  const own = <T>(table: Readonly<Partial<Record<TargetKind, T>>>): T | undefined => (typeof kind === 'string' && Object.prototype.hasOwnProperty.call(table, kind) ? table[kind as TargetKind] : undefined);
  const served = own(RUNTIMES_BY_TARGET);
  if (served === undefined) {
    const why = own(UNSERVED_TARGETS);
    return [{ field: 'target.kind', value: kind, message: why ? `has no renderer for specs yet: ${why}` : 'has no renderer for specs yet', fix: `use one of ${specTargetKinds().join(', ')}` }];
  }
  if (served.includes(engine as RuntimeEngine)) return [];
  const elsewhere = specTargetKinds().filter((k) => runtimesServedBy(k).includes(engine as RuntimeEngine));
  return [{
    field: 'runtime.engine', value: engine,
    message: `cannot be served on target '${String(kind)}' (it serves ${served.join(', ')})`,
    fix: elsewhere.length > 0 ? `use one of ${served.join(', ')}, or target.kind ${elsewhere.join(' | ')} for ${String(engine)}` : `use one of ${served.join(', ')}`,
  }];
}

/**
 * Target settings a spec may write but no spec renderer can honour yet (the library's constructs take
 * what they need as props): refused at validation rather than failing when an engine renders.
 */
export function unrenderableTargetProblems(target: unknown): InputProblem[] {
  const t = (typeof target === 'object' && target !== null ? target : {}) as Record<string, unknown>;
  if (t.kind === 'batch' && t.executor === 'sagemaker-batch-transform') {
    return [{
      field: 'target.executor', value: t.executor, message: 'needs the SageMaker model and instances Batch Transform runs on, which a spec cannot name yet',
      fix: "use executor 'lambda' (the default), or build the BatchScoringWorkflow construct with its transform settings",
    }];
  }
  return [];
}
