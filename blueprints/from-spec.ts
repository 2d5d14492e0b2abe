/**
 * A blueprint for any deployment spec: the one place that decides which renderers serve a spec's
 * target and runtime. `aimd synth --spec`, `cdk -c spec=`, the Pulumi program's `aimd:spec` and the
 * library's `DeploymentStack` / `Deployment` all go through it, so a spec deploys the same way whichever
 * road a user takes. A target/runtime pair that no renderer serves is refused, never substituted.
 * Like every blueprint, the ones made here load an engine's modules only when that engine renders.
 */
import { ProblemCollector } from '../lib/errors';
import type { DeploymentSpecInput, RuntimeEngine, TargetKind } from '../lib/spec/types';
import type { Blueprint } from './blueprint';
import { llmEksBlueprint } from './eks/llm-eks-blueprint';
import { sageMakerBlueprint } from './sagemaker/sagemaker-blueprint';
import { BATCH_SCORING_RENDERERS, SERVERLESS_ONNX_RENDERERS, STREAMING_INFERENCE_RENDERERS } from './serverless/renderers';
import { serverlessBlueprint } from './serverless/serverless-blueprint';

type SpecBlueprintFactory = (spec: DeploymentSpecInput, description: string) => Blueprint;

interface TargetRenderers {
  /** Runtimes this target's renderers deploy, exactly as they are (no substitution). */
  readonly runtimes: readonly RuntimeEngine[];
  readonly create: SpecBlueprintFactory;
}

/**
 * What each target serves. A runtime missing here is refused at validation with this list.
 * SageMaker runtimes are the ones lib/sagemaker maps to a serving image.
 */
const RENDERERS: Partial<Record<TargetKind, TargetRenderers>> = {
  eks: {
    runtimes: ['vllm'],
    create: (spec, description) => llmEksBlueprint({ name: spec.name, description, spec }),
  },
  sagemaker: {
    runtimes: ['vllm', 'lmi', 'tgi', 'huggingface', 'triton', 'onnxruntime', 'torchserve', 'tensorflow-serving', 'sklearn', 'xgboost', 'custom'],
    create: (spec, description) => sageMakerBlueprint({ name: spec.name, description, spec }),
  },
  lambda: {
    runtimes: ['onnxruntime'],
    create: (spec, description) => serverlessBlueprint({ name: spec.name, description, spec, ...SERVERLESS_ONNX_RENDERERS }),
  },
  batch: {
    runtimes: ['onnxruntime'],
    create: (spec, description) => serverlessBlueprint({ name: spec.name, description, spec, ...BATCH_SCORING_RENDERERS }),
  },
  streaming: {
    runtimes: ['onnxruntime'],
    create: (spec, description) => serverlessBlueprint({ name: spec.name, description, spec, ...STREAMING_INFERENCE_RENDERERS }),
  },
};

/** The runtimes a target kind deploys from a spec (empty when the target has no spec renderer yet). */
export function runtimesServedBy(kind: TargetKind): readonly RuntimeEngine[] {
  return RENDERERS[kind]?.runtimes ?? [];
}

/**
 * The blueprint that deploys a spec, named after `spec.name` (the stack name on every engine).
 * The spec itself is validated and planned later, when the blueprint is rendered (lib/synth/context.ts).
 * @throws InputValidationError when no renderer serves the spec's target and runtime.
 */
export function blueprintForSpec(spec: DeploymentSpecInput, source = 'deployment spec'): Blueprint {
  const kind = spec.target?.kind;
  const engine = spec.runtime?.engine;
  const renderers = RENDERERS[kind];
  const p = new ProblemCollector();
  const servedBy = Object.entries(RENDERERS).filter(([, r]) => r!.runtimes.includes(engine)).map(([k]) => k);
  if (p.check(renderers !== undefined, 'target.kind', kind, 'has no renderer for specs yet', `use one of ${Object.keys(RENDERERS).join(', ')}`)) {
    p.check(renderers!.runtimes.includes(engine), 'runtime.engine', engine, `cannot be served on target '${kind}' (it serves ${renderers!.runtimes.join(', ')})`,
      servedBy.length > 0 ? `use one of ${renderers!.runtimes.join(', ')}, or target.kind ${servedBy.join(' | ')} for ${engine}` : `use one of ${renderers!.runtimes.join(', ')}`);
  }
  p.throwIfAny(source);
  return renderers!.create(spec, spec.description ?? `${spec.model?.id ?? spec.model?.configPath ?? 'model'} on ${kind} (${engine})`);
}
