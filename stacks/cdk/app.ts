/**
 * The CDK app behind `cdk synth` / `cdk deploy` (cdk.json): one stack per blueprint, named after it,
 * with cdk-nag and the cfn-guard Control Tower rules as validation plugins.
 *
 *   npx cdk deploy llm-eks              # one blueprint
 *   npx cdk deploy -c blueprint=llm-eks # render only that blueprint (faster synth)
 */
import { App } from 'aws-cdk-lib';
import { ALL_BLUEPRINTS, getBlueprint } from '../../blueprints';
import { CDK_FEATURE_FLAGS } from '../../lib/synth/cdk-feature-flags';
import { contextsFor } from '../../lib/synth/context';
import { GUARD_RULES_NOT_ADOPTED } from '../../lib/validation/security-policy';
import { addSecurityChecks } from '../../lib/validation/cdk-security';

export function buildCdkApp(app = new App({ context: { ...CDK_FEATURE_FLAGS } })): App {
  const only = app.node.tryGetContext('blueprint') as string | undefined;
  const blueprints = only ? [getBlueprint(only)] : ALL_BLUEPRINTS;
  const contexts = contextsFor(blueprints);
  blueprints.forEach((bp, i) => bp.renderCdk(app, contexts[i]!));
  addSecurityChecks(app, { cfnGuard: true, disabledGuardRules: Object.keys(GUARD_RULES_NOT_ADOPTED) });
  return app;
}

if (require.main === module) {
  buildCdkApp().synth();
}
