/**
 * Turns blueprints into render contexts: the spec is validated and planned once, before any engine
 * runs, so a bad spec or an infeasible plan fails before anything is written.
 */
import type { Blueprint, BlueprintContext } from '../../blueprints/blueprint';
import { REVIEW_ACCOUNT } from '../../blueprints/blueprint';
import { planDeployment } from '../plan/deployment-plan';
import { InputValidationError } from '../errors';
import { specProblemsOf } from '../spec/check-spec';
import { resolveDeploymentSpec } from '../spec/resolve';

/** Thrown when one or more blueprints cannot be planned; lists each blueprint's error. */
export class BlueprintPlanningError extends Error {
  constructor(public readonly failures: ReadonlyArray<{ blueprint: string; error: Error }>) {
    super(failures.map((f) => `Blueprint '${f.blueprint}': ${f.error.message}`).join('\n\n'));
    this.name = 'BlueprintPlanningError';
  }
}

/** The account blueprints are rendered for: the CDK CLI's account when deploying, else the review placeholder. */
export function renderAccount(): string {
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  return account && /^\d{12}$/.test(account) ? account : REVIEW_ACCOUNT;
}

/** Validates and plans one blueprint. @throws InputValidationError | InfeasiblePlanError */
export function contextFor(blueprint: Blueprint): BlueprintContext {
  const spec = resolveDeploymentSpec(blueprint.spec);
  let plan: ReturnType<typeof planDeployment>;
  try {
    plan = planDeployment(spec);
  } catch (error) {
    // An unknown model, accelerator or instance type is named by its spec field, as `aimd validate` does.
    const problems = specProblemsOf(error, spec.model.configPath);
    if (problems) throw new InputValidationError(`Deployment spec '${spec.name}'`, problems);
    throw error;
  }
  // An account named in the spec (or by its environment) is where it deploys; the engines' CLIs refuse other credentials.
  const context = { name: blueprint.name, plan, env: { account: spec.account ?? renderAccount(), region: spec.region } };
  // A platform's summary is the total of its deployments, not its first model's plan.
  return blueprint.planSummary === undefined ? context : { ...context, plan: { ...plan, summary: blueprint.planSummary(context) } };
}

/** Plans every blueprint, collecting every failure before throwing once. */
export function contextsFor(blueprints: readonly Blueprint[]): BlueprintContext[] {
  const failures: Array<{ blueprint: string; error: Error }> = [];
  const contexts: BlueprintContext[] = [];
  for (const blueprint of blueprints) {
    try {
      contexts.push(contextFor(blueprint));
    } catch (error) {
      failures.push({ blueprint: blueprint.name, error: error as Error });
    }
  }
  if (failures.length > 0) throw new BlueprintPlanningError(failures);
  return contexts;
}
