/**
 * Deployability: what schemas and policy packs do not catch. Four pure checks over each engine's synthesized
 * output (read into engine-neutral facts): schedulability, lifecycle, exposure, observability.
 */
import type { KubeObject } from '../../kubernetes/types';
import type { RecordedPulumiResource } from '../pulumi-mocks';
import type { ValidationFinding } from '../types';
import { checkAutoscaling } from './autoscaling';
import { checkExposure } from './exposure';
import { type DeploymentFacts, emptyFacts, uniqueObjects } from './facts';
import { factsFromCloudFormation } from './facts-cloudformation';
import { factsFromPulumi } from './facts-pulumi';
import { factsFromTerraform } from './facts-terraform';
import { checkLifecycle } from './lifecycle';
import { checkMigResources } from './mig-resources';
import { checkObservability } from './observability';
import { checkPrivateMonitoring } from './private-monitoring';
import { checkSchedulability } from './schedulability';

export type { DeploymentFacts } from './facts';
export { emptyFacts, factsFromCloudFormation, factsFromPulumi, factsFromTerraform };
export { checkAutoscaling, checkExposure, checkLifecycle, checkMigResources, checkObservability, checkPrivateMonitoring, checkSchedulability };

/** All checks over one engine's facts. */
export function checkDeployability(facts: DeploymentFacts): ValidationFinding[] {
  return [...checkSchedulability(facts), ...checkMigResources(facts), ...checkLifecycle(facts), ...checkExposure(facts), ...checkObservability(facts), ...checkAutoscaling(facts), ...checkPrivateMonitoring(facts)];
}

export const deployabilityOfCloudFormation = (template: Record<string, any>) => checkDeployability(factsFromCloudFormation(template));
export const deployabilityOfTerraform = (json: Record<string, any>) => checkDeployability(factsFromTerraform(json));
export const deployabilityOfPulumi = (resources: readonly RecordedPulumiResource[]) => checkDeployability(factsFromPulumi(resources));
export const deployabilityOfKubernetes = (objects: readonly KubeObject[]) => checkDeployability({ ...emptyFacts('kubernetes'), kubeObjects: uniqueObjects(objects) });
