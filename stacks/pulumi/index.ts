/**
 * The Pulumi program behind `pulumi up` (Pulumi.yaml): deploys the blueprint named by the stack's
 * `aimd:blueprint` config value.
 *
 *   pulumi stack init llm-eks && pulumi config set aimd:blueprint llm-eks && pulumi up
 */
import * as pulumi from '@pulumi/pulumi';
import { getBlueprint } from '../../blueprints';
import { contextFor } from '../../lib/synth/context';

const config = new pulumi.Config('aimd');
const blueprint = getBlueprint(config.require('blueprint'));
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
