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
const awsRegion = new pulumi.Config('aws').get('region');
if (awsRegion !== undefined && awsRegion !== context.env.region) {
  throw new Error(`aws:region is '${awsRegion}' but blueprint '${blueprint.name}' is planned for '${context.env.region}'. Fix: pulumi config set aws:region ${context.env.region}`);
}
export const plan = context.plan.summary;
export const ready = Promise.resolve(blueprint.renderPulumi(context));
