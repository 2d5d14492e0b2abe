/**
 * The CDK app behind `cdk synth` / `cdk deploy` (cdk.json): one stack per blueprint, named after it,
 * with cdk-nag and the cfn-guard Control Tower rules as validation plugins.
 *
 *   npx cdk deploy llm-eks              # one blueprint
 *   npx cdk deploy -c blueprint=llm-eks # render only that blueprint (faster synth)
 *   npx cdk deploy github-deploy-role -c blueprint=llm-eks -c github-repository=my-org/my-models
 */
import { App } from 'aws-cdk-lib';
import { ALL_BLUEPRINTS, getBlueprint } from '../../blueprints';
import { CDK_FEATURE_FLAGS } from '../../lib/synth/cdk-feature-flags';
import { contextsFor, renderAccount } from '../../lib/synth/context';
import { GUARD_RULES_NOT_ADOPTED } from '../../lib/validation/security-policy';
import { addSecurityChecks } from '../../lib/validation/cdk-security';
import { githubDeployAccessFromSettings } from '../../lib/pipeline/github-oidc-context';
import { GITHUB_DEPLOY_ROLE_STACK, GithubDeployRoleStack } from './github-deploy-role-stack';

export function buildCdkApp(app = new App({ context: { ...CDK_FEATURE_FLAGS } })): App {
  const only = app.node.tryGetContext('blueprint') as string | undefined;
  const blueprints = only ? [getBlueprint(only)] : ALL_BLUEPRINTS;
  const contexts = contextsFor(blueprints);
  blueprints.forEach((bp, i) => bp.renderCdk(app, contexts[i]!));
  // `-c github-repository=org/repo` adds the GitHub OIDC deploy roles for the rendered blueprints (docs/delivery.md).
  const access = githubDeployAccessFromSettings((key) => app.node.tryGetContext(key), {
    account: contexts[0]?.env.account ?? renderAccount(), region: process.env.CDK_DEFAULT_REGION ?? contexts[0]?.env.region ?? 'us-east-1',
    stacks: blueprints.map((b) => b.name), targetKinds: [...new Set(contexts.map((c) => c.plan.spec.target.kind))],
  });
  if (access) new GithubDeployRoleStack(app, GITHUB_DEPLOY_ROLE_STACK, { access });
  addSecurityChecks(app, { cfnGuard: true, disabledGuardRules: Object.keys(GUARD_RULES_NOT_ADOPTED) });
  return app;
}

if (require.main === module) {
  buildCdkApp().synth();
}
