/**
 * Resolves a spec for one environment (or as written): the environment's overrides applied, the result
 * validated with the spec's own rules (problems named after the environment field that set the value), and
 * floating model references refused in production and reported as warnings elsewhere (docs/environments.md).
 */
import { InputValidationError, type InputProblem } from '../errors';
import { applyEnvironment, attributeToEnvironment } from './environments';
import { floatingModelReferences } from './model-version';
import { resolveDeploymentSpec } from './resolve';
import type { DeploymentSpec, DeploymentSpecInput, ResolvedEnvironment } from './types';

/** A spec resolved for an environment (or as written), with what deploys but deserves a look. */
export interface EnvironmentResolution {
  /** The spec every engine renders: the environment applied, without `environments`. @default - the spec as written */
  readonly input: DeploymentSpecInput;
  readonly spec: DeploymentSpec;
  /** @default - none: the spec as written */
  readonly environment?: ResolvedEnvironment;
  /** Problems that do not stop a deployment outside production (floating model references). */
  readonly warnings: readonly InputProblem[];
}

/**
 * Resolves a spec for `environment`, or as written when none is given (exactly as before environments).
 * @throws InputValidationError listing every problem: the spec's, the environment's, and in a production
 * environment every floating model reference
 */
export function resolveForEnvironment(input: unknown, environment?: string): EnvironmentResolution {
  if (environment === undefined) {
    const spec = resolveDeploymentSpec(input);
    // As written, a spec deploys exactly as it did before environments existed: no new warnings.
    return { input: input as DeploymentSpecInput, spec, warnings: [] };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) resolveDeploymentSpec(input); // throws the usual problem
  const written = input as DeploymentSpecInput;
  const applied = applyEnvironment(written, environment);
  const problems: InputProblem[] = [];
  let spec: DeploymentSpec | undefined;
  try {
    spec = resolveDeploymentSpec(applied.spec);
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    problems.push(...attributeToEnvironment(error.problems, written, environment));
  }
  const floating = floatingModelReferences(applied.spec);
  if (applied.environment.production) {
    problems.push(...floating.map((p) => ({ ...p, message: `${p.message}; production environment '${environment}' deploys only immutable model versions` })));
  }
  if (problems.length > 0 || spec === undefined) throw new InputValidationError(`Deployment spec '${written.name}' in environment '${environment}'`, problems);
  return { input: applied.spec, spec: { ...spec, environment: applied.environment }, environment: applied.environment, warnings: applied.environment.production ? [] : floating };
}
