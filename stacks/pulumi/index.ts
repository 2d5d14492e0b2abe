/**
 * The Pulumi program behind `pulumi up` (Pulumi.yaml, which runs the build in dist/: `npm run build`
 * after editing TypeScript): deploys the built-in blueprint named by the stack's `aimd:blueprint` config
 * value, or the deployment spec file named by `aimd:spec` (exactly one of them).
 *
 *   pulumi stack init llm-eks && pulumi config set aimd:blueprint llm-eks && pulumi up
 *   pulumi config set aimd:spec ./my-model.yaml && pulumi up
 *   pulumi stack init prod && pulumi config set aimd:spec ./my-model.yaml && pulumi config set aimd:environment prod && pulumi up
 *
 * Only the Pulumi engine is loaded: aws-cdk-lib and cdktf never are.
 */
import * as pulumi from '@pulumi/pulumi';
import { contextFor } from '../../lib/synth/context';
import { selectBlueprint } from '../../lib/synth/select-blueprint';

const config = new pulumi.Config('aimd');
const blueprint = selectBlueprint({
  blueprint: config.get('blueprint'),
  spec: config.get('spec'),
  environment: config.get('environment'),
  flags: { blueprint: 'aimd:blueprint', spec: 'aimd:spec', environment: 'aimd:environment' },
  subject: `Pulumi stack '${pulumi.getStack()}' config`,
});
if (blueprint === undefined) {
  throw new Error(`Pulumi stack '${pulumi.getStack()}' deploys nothing: set exactly one of aimd:blueprint or aimd:spec. Fix: pulumi config set aimd:blueprint llm-eks, or pulumi config set aimd:spec ./my-model.yaml`);
}
const context = contextFor(blueprint);
// Providers must deploy where the plan priced things (and aws-native, used by Greengrass, has its own key).
for (const namespace of ['aws', 'aws-native']) {
  const region = new pulumi.Config(namespace).get('region');
  if (region !== undefined && region !== context.env.region) {
    throw new Error(`${namespace}:region is '${region}' but blueprint '${blueprint.name}' is planned for '${context.env.region}'. Fix: pulumi config set ${namespace}:region ${context.env.region}`);
  }
}
export const plan = context.plan.summary;
export const ready = Promise.resolve(blueprint.renderPulumi(context));
