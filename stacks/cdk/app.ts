/**
 * The CDK app behind `cdk ls` / `cdk synth` / `cdk deploy` (cdk.json runs the build in dist/: run
 * `npm run build` after editing TypeScript; `npm ci` builds once through `prepare`).
 *
 *   npx cdk ls                                        # every blueprint, one stack each
 *   npx cdk synth -c blueprint=llm-eks                # constructs and validates only that stack
 *   npx cdk deploy -c spec=./my-model.yaml            # your own spec; the stack is named after spec.name
 *   npx cdk deploy github-deploy-role -c blueprint=llm-eks -c github-repository=my-org/my-models
 *
 * Checks when the CLI synthesizes for synth / deploy / diff / watch: cdk-nag (AWS Solutions), the AWS
 * Control Tower cfn-guard rules and our CloudFormation schema check. aws-cdk-lib's built-in template
 * validation is replaced by the schema check (see lib/validation/cloudformation-schema-plugin.ts); set
 * `-c aimd:builtinValidation=true` to run it as well. `cdk ls` and `cdk destroy` (the CLI then bundles no
 * stack) only need the stack list, so the checks are skipped; `-c aimd:checks=true|false` decides
 * explicitly. Only the CDK engine is loaded: cdktf and Pulumi modules never are.
 */
import { App, Validations } from 'aws-cdk-lib';
import { ALL_BLUEPRINTS } from '../../blueprints';
import { type Blueprint, rendersOn } from '../../blueprints/blueprint';
import { CDK_FEATURE_FLAGS } from '../../lib/synth/cdk-feature-flags';
import { contextsFor, renderAccount } from '../../lib/synth/context';
import { githubDeployAccessFromSettings } from '../../lib/pipeline/github-oidc-context';
import { selectBlueprint } from '../../lib/synth/select-blueprint';
import { addSecurityChecks } from '../../lib/validation/cdk-security';
import { CloudFormationSchemaPlugin } from '../../lib/validation/cloudformation-schema-plugin';
import { GUARD_RULES_NOT_ADOPTED } from '../../lib/validation/security-policy';
import { GITHUB_DEPLOY_ROLE_STACK, GithubDeployRoleStack } from './github-deploy-role-stack';

/** Context keys this app reads (besides `blueprint` and `spec`). */
export const CDK_APP_CONTEXT = {
  /** `true` / `false`: run the validation plugins or not. Default: unless the CLI bundles no stack. */
  checks: 'aimd:checks',
  /** `true`: also run aws-cdk-lib's built-in template validation (about 9 s of CPU). */
  builtinValidation: 'aimd:builtinValidation',
} as const;

/** The CLI sets this to the stacks it bundles: `[]` for commands that only list stacks (ls, destroy). */
const BUNDLING_STACKS = 'aws:cdk:bundling-stacks';

function contextFlag(app: App, key: string): boolean | undefined {
  const value = app.node.tryGetContext(key) as unknown;
  if (value === undefined) return undefined;
  return value === true || value === 'true';
}

/** The blueprints the app renders: the one selected by `-c blueprint=` / `-c spec=`, else all of them. */
export function selectedBlueprints(app: App): readonly Blueprint[] {
  const selected = selectBlueprint({
    blueprint: app.node.tryGetContext('blueprint'),
    spec: app.node.tryGetContext('spec'),
    environment: app.node.tryGetContext('environment'),
    flags: { blueprint: '-c blueprint=<name>', spec: '-c spec=<file>', environment: '-c environment=<name>' },
    subject: 'CDK app context',
  });
  // Every blueprint that CDK renders: blueprints of other clouds are Terraform/Pulumi only (a selected one refuses with why).
  return selected ? [selected] : ALL_BLUEPRINTS.filter((bp) => rendersOn(bp, 'cdk'));
}

/** Whether to run the validation plugins: explicit `aimd:checks`, else whenever the CLI bundles a stack. */
function checksWanted(app: App): boolean {
  const explicit = contextFlag(app, CDK_APP_CONTEXT.checks);
  if (explicit !== undefined) return explicit;
  const bundling = app.node.tryGetContext(BUNDLING_STACKS) as unknown;
  return !(Array.isArray(bundling) && bundling.length === 0);
}

/** A new App with the project's feature flags; the built-in template validation is opt-in (see above). */
export function newCdkApp(): App {
  const probe = new App({ autoSynth: false });
  const builtin = contextFlag(probe, CDK_APP_CONTEXT.builtinValidation) ?? false;
  return new App({ context: { ...CDK_FEATURE_FLAGS }, builtinCloudFormationValidation: builtin });
}

/** Adds the selected blueprints' stacks (validated and planned first) and the validation plugins. */
export function buildCdkApp(app: App = newCdkApp()): App {
  const blueprints = selectedBlueprints(app);
  const contexts = contextsFor(blueprints);
  blueprints.forEach((bp, i) => bp.renderCdk(app, contexts[i]!));
  // `-c github-repository=org/repo` adds the GitHub OIDC deploy roles for the rendered blueprints (docs/delivery.md).
  const access = githubDeployAccessFromSettings((key) => app.node.tryGetContext(key), {
    account: contexts[0]?.env.account ?? renderAccount(), region: process.env.CDK_DEFAULT_REGION ?? contexts[0]?.env.region ?? 'us-east-1',
    stacks: blueprints.map((b) => b.name), targetKinds: [...new Set(contexts.map((c) => c.plan.spec.target.kind))],
  });
  if (access) new GithubDeployRoleStack(app, GITHUB_DEPLOY_ROLE_STACK, { access });
  if (checksWanted(app)) {
    addSecurityChecks(app, { cfnGuard: true, disabledGuardRules: Object.keys(GUARD_RULES_NOT_ADOPTED) });
    Validations.of(app).addPlugins(new CloudFormationSchemaPlugin());
  }
  return app;
}

if (require.main === module) {
  try {
    buildCdkApp().synth();
  } catch (error) {
    // Input errors (a bad -c value, a spec that does not validate or plan) carry their own fix: print
    // them without a stack trace. Anything else is a bug and keeps its trace.
    const name = (error as Error).name;
    if (['InputValidationError', 'SpecFileError', 'BlueprintPlanningError', 'InfeasiblePlanError', 'HubError', 'CatalogueLookupError'].includes(name)) {
      console.error((error as Error).message);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}
