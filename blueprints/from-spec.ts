/**
 * A blueprint for any deployment spec: the one place that decides which renderers serve a spec's
 * target and runtime. `aimd synth --spec`, `cdk -c spec=`, the Pulumi program's `aimd:spec` and the
 * library's `DeploymentStack` / `Deployment` all go through it, so a spec deploys the same way whichever
 * road a user takes. A target/runtime pair that no renderer serves is refused, never substituted.
 * Like every blueprint, the ones made here load an engine's modules only when that engine renders.
 */
import { InputValidationError } from '../lib/errors';
import { endpointOptionsOfSpec } from '../lib/sagemaker/spec-endpoint-options';
import { checkSpecFile } from '../lib/spec/check-spec';
import { runtimesServedBy, targetRuntimeProblems, unrenderableTargetProblems } from '../lib/spec/targets';
import type { DeploymentSpecInput, TargetKind } from '../lib/spec/types';
import { llmAksBlueprint } from './aks/llm-aks-blueprint';
import type { Blueprint } from './blueprint';
import { llmEksBlueprint } from './eks/llm-eks-blueprint';
import { azureMlBlueprint } from './managed/azureml-blueprint';
import { vertexAiBlueprint } from './managed/vertex-ai-blueprint';
import { llmGkeBlueprint } from './gke/llm-gke';
import { llmKubernetesBlueprint } from './kubernetes/llm-kubernetes';
import { huggingFaceEndpointBlueprint } from './huggingface/hf-inference-endpoint';
import { sageMakerBlueprint } from './sagemaker/sagemaker-blueprint';
import { BATCH_SCORING_RENDERERS, SERVERLESS_ONNX_RENDERERS, STREAMING_INFERENCE_RENDERERS } from './serverless/renderers';
import { serverlessBlueprint } from './serverless/serverless-blueprint';

type SpecBlueprintFactory = (spec: DeploymentSpecInput, description: string) => Blueprint;

interface TargetRenderers {
  readonly create: SpecBlueprintFactory;
}

/**
 * The renderers of each target. Which runtimes each one serves is lib/spec/targets.ts's table (read by
 * validation without loading any engine); a target has an entry here exactly when it has one there.
 */
const RENDERERS: Partial<Record<TargetKind, TargetRenderers>> = {
  aks: {
    create: (spec, description) => llmAksBlueprint({ name: spec.name, description, spec }),
  },
  eks: {
    create: (spec, description) => llmEksBlueprint({ name: spec.name, description, spec }),
  },
  gke: {
    create: (spec, description) => llmGkeBlueprint({ name: spec.name, description, spec }),
  },
  kubernetes: {
    create: (spec, description) => llmKubernetesBlueprint({ name: spec.name, description, spec }),
  },
  sagemaker: {
    create: (spec, description) => sageMakerBlueprint({ name: spec.name, description, spec, endpointOptions: endpointOptionsOfSpec(spec) }),
  },
  lambda: {
    create: (spec, description) => serverlessBlueprint({ name: spec.name, description, spec, ...SERVERLESS_ONNX_RENDERERS }),
  },
  batch: {
    create: (spec, description) => serverlessBlueprint({ name: spec.name, description, spec, ...BATCH_SCORING_RENDERERS }),
  },
  streaming: {
    create: (spec, description) => serverlessBlueprint({ name: spec.name, description, spec, ...STREAMING_INFERENCE_RENDERERS }),
  },
  'vertex-ai': {
    create: (spec, description) => vertexAiBlueprint({ name: spec.name, description, spec }),
  },
  azureml: {
    create: (spec, description) => azureMlBlueprint({ name: spec.name, description, spec }),
  },
  'huggingface-endpoint': {
    create: (spec, description) => huggingFaceEndpointBlueprint({ name: spec.name, description, spec }),
  },
};

export { runtimesServedBy };

/**
 * The blueprint that deploys a spec, named after `spec.name` (the stack name on every engine).
 * The spec itself is validated and planned later, when the blueprint is rendered (lib/synth/context.ts).
 * @throws InputValidationError when no renderer serves the spec's target and runtime.
 */
export function blueprintForSpec(spec: DeploymentSpecInput, source = 'deployment spec'): Blueprint {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new InputValidationError(source, [{ field: '(spec)', value: spec, message: 'must be an object', fix: 'pass a DeploymentSpecInput object' }]);
  }
  const kind = spec.target?.kind;
  const engine = spec.runtime?.engine;
  const problems = [...targetRuntimeProblems(kind, engine), ...unrenderableTargetProblems(spec.target)];
  const renderers = Object.prototype.hasOwnProperty.call(RENDERERS, kind) ? RENDERERS[kind] : undefined;
  if (problems.length > 0 || renderers === undefined) throw new InputValidationError(source, problems);
  return renderers.create(spec, spec.description ?? `${spec.model?.id ?? spec.model?.configPath ?? 'model'} on ${kind} (${engine})`);
}

/**
 * The blueprint that deploys a spec file (`cdk -c spec=`, Pulumi's `aimd:spec`): the file is validated and
 * planned first, so that every problem is reported with its line and column before any engine runs.
 * @param environment one of the spec's environments (`-c environment=`, `aimd:environment`): its overrides
 *   applied and the blueprint named `<name>-<environment>` @default - the spec as written
 * @throws SpecFileError (an InputValidationError) listing every problem of the file
 */
export function blueprintForSpecFile(path: string, environment?: string): Blueprint {
  return blueprintForSpec(checkSpecFile(path, environment).input, path);
}
