/**
 * Checks a spec file the way a deployment would, without loading any engine: the spec's own rules
 * (resolveDeploymentSpec), whether its target serves its runtime (lib/spec/targets.ts), the plan
 * (instance, GPUs, parallelism, replicas, cost) and the target's engine-neutral description (the same
 * functions the CDK, cdktf and Pulumi renderers call). Every problem is pinned to its line and column.
 * Behind `aimd validate`, `aimd plan --spec`, `aimd synth --spec` and `aimd init`.
 */
import { InfeasiblePlanError, InputValidationError, type InputProblem } from '../errors';
import { planDeployment, type DeploymentPlan } from '../plan/deployment-plan';
import { loadSpecFile, type LoadedSpecFile } from './load-file';
import { resolveForEnvironment, type EnvironmentResolution } from './resolve-environment';
import type { DeploymentSpecInput, ResolvedEnvironment } from './types';
import { SpecFileError } from './spec-file-error';
import { targetRuntimeProblems, unrenderableTargetProblems } from './targets';

/** A spec file that deploys as written, with its plan. */
export interface CheckedSpec {
  readonly file: LoadedSpecFile;
  readonly plan: DeploymentPlan;
  /** The spec the engines render: the file's, with the environment applied when one was asked for. */
  readonly input: DeploymentSpecInput;
  /** @default - none: the spec as written */
  readonly environment?: ResolvedEnvironment;
  /** Problems that do not stop this deployment, located (floating model references outside production). */
  readonly warnings: readonly InputProblem[];
}

/** Where a catalogue lookup's value comes from in a spec. */
const LOOKUP_FIELDS: Record<string, string> = { model: 'model.id', accelerator: 'target.accelerator', 'instance type': 'target.instanceType' };

/**
 * The problems of an error raised while planning or describing a valid spec, named by spec field
 * (catalogue lookups, a Hugging Face config.json that cannot be read); undefined for other errors.
 */
export function specProblemsOf(error: unknown, configPath?: string): InputProblem[] | undefined {
  if (error instanceof InputValidationError) return [...error.problems];
  const e = error as Error & { kind?: string; requested?: string; suggestion?: string; advice?: string; problems?: readonly string[] };
  if (e?.name === 'HuggingFaceConfigError') {
    return [{ field: 'model.configPath', value: configPath, message: `cannot be used: ${(e.problems ?? [e.message]).join('; ')}`, fix: 'point model.configPath at a Hugging Face config.json (a relative path is read from the spec file\'s folder)' }];
  }
  if (e?.name === 'CatalogueLookupError') {
    return [{ field: LOOKUP_FIELDS[e.kind ?? ''] ?? `(${e.kind})`, value: e.requested, message: `is not a known ${e.kind} of the catalogue`,
      fix: `${e.suggestion ? `did you mean '${e.suggestion}'? (see aimd catalogue --list ${e.kind === 'model' ? 'models' : e.kind === 'accelerator' ? 'accelerators' : 'instances'})` : 'see aimd catalogue'}${e.advice ? `. ${e.advice}` : ''}` }];
  }
  return undefined;
}

/**
 * The engine-neutral description each target's renderers build first: its problems surface here too.
 * Loaded on use, so that `aimd plan --model ...` (which imports this module) does not pay for them.
 */
function describeTarget(plan: DeploymentPlan): void {
  switch (plan.spec.target.kind) {
    case 'lambda':
    case 'batch':
    case 'streaming': {
      const { serverlessDeploymentConfig } = require('../inference/deployment/config') as typeof import('../inference/deployment/config');
      const { REVIEW_ACCOUNT } = require('../../blueprints/blueprint') as typeof import('../../blueprints/blueprint');
      serverlessDeploymentConfig(plan, { account: REVIEW_ACCOUNT, region: plan.spec.region });
      break;
    }
    case 'sagemaker': {
      const { describeSageMakerEndpoint } = require('../sagemaker/describe-endpoint') as typeof import('../sagemaker/describe-endpoint');
      const { endpointOptionsOfSpec, specFieldsOfEndpointProblems } = require('../sagemaker/spec-endpoint-options') as typeof import('../sagemaker/spec-endpoint-options');
      try {
        describeSageMakerEndpoint(plan, endpointOptionsOfSpec(plan.spec));
      } catch (error) {
        if (error instanceof InputValidationError) throw new InputValidationError(`Deployment spec '${plan.spec.name}'`, specFieldsOfEndpointProblems(error.problems));
        throw error;
      }
      break;
    }
    case 'eks': {
      // The account is not known before deploying: any account's model bucket is accepted here.
      const { eksModelUriProblem } = require('../eks/model-uri') as typeof import('../eks/model-uri');
      const problems = [eksModelUriProblem(plan.spec.name, plan.spec.region, plan.spec.model.artifact?.uri)].filter((p): p is InputProblem => p !== undefined);
      // With no pod running vLLM exports no metric to wake on; the wake-up query (a gateway's counter) is a construct prop only.
      if (plan.spec.scaling.scaleToZero) {
        problems.push({ field: 'scaling.scaleToZero', value: true, message: 'an EKS vLLM deployment at zero pods needs a wake-up query on a gateway\'s request counter, which a spec cannot name yet',
          fix: 'set scaling.scaleToZero to false and minReplicas to 1 or more, or build the LLM serving objects with autoscaling.wakeUpQuery' });
      }
      if (problems.length > 0) throw new InputValidationError(`Deployment spec '${plan.spec.name}'`, problems);
      break;
    }
    default:
      break;
  }
}

/**
 * Validates and plans a loaded spec.
 * @throws SpecFileError listing every problem with its line and column (`infeasible` when only the plan failed)
 */
export function checkSpec(file: LoadedSpecFile, environment?: string): CheckedSpec {
  const problems: InputProblem[] = [];
  let resolution: EnvironmentResolution | undefined;
  try {
    resolution = resolveForEnvironment(file.spec, environment);
  } catch (error) {
    const found = specProblemsOf(error);
    if (!found) throw error;
    problems.push(...found);
  }
  // A runtime the target cannot serve is refused here, never swapped for another one.
  if (!problems.some((p) => p.field === 'target.kind' || p.field === 'runtime.engine')) {
    problems.push(...targetRuntimeProblems(file.spec.target?.kind, file.spec.runtime?.engine));
  }
  if (!problems.some((p) => p.field.startsWith('target.'))) problems.push(...unrenderableTargetProblems(file.spec.target));
  if (problems.length > 0 || resolution === undefined) throw new SpecFileError(file.path, file.locate(problems));
  const resolved = resolution.spec;
  let plan: DeploymentPlan;
  try {
    plan = planDeployment(resolved);
    describeTarget(plan);
  } catch (error) {
    if (error instanceof InfeasiblePlanError) {
      const reason = error.message.split('\nWhat would work:')[0]!.replace(/\s*\n\s*/g, ' ').trim().replace(/\.$/, '');
      const field = resolved.model.id !== undefined ? 'model.id' : 'model.configPath';
      throw new SpecFileError(file.path, file.locate([{
        field, value: resolved.model.id ?? resolved.model.configPath,
        message: `cannot be served as specified: ${reason}`,
        fix: error.suggestions.length > 0 ? `change the spec to one of: ${error.suggestions.join('; ')}` : 'relax the traffic, latency or fixed hardware settings',
      }]), true);
    }
    const found = specProblemsOf(error, resolved.model.configPath);
    if (!found) throw error;
    throw new SpecFileError(file.path, file.locate(found));
  }
  return { file, plan, input: resolution.input, environment: resolution.environment, warnings: resolution.warnings };
}

/**
 * Reads, validates and plans a spec file, for one of its environments when `environment` is given.
 * @throws SpecFileError
 */
export function checkSpecFile(path: string, environment?: string): CheckedSpec {
  return checkSpec(loadSpecFile(path), environment);
}
