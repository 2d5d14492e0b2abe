/**
 * The validation harness: every engine's output checked offline, reported as one list of findings.
 * Needs the CDK packages; the Pulumi helpers load `@pulumi/pulumi` only when called.
 */
import './engine-check';
import type * as PulumiMocks from './pulumi-mocks';
import { assertPackagesInstalled } from '../engine-packages';

export * from './types';
export { validateCloudFormationTemplate } from './cloudformation-schema';
export type { CloudFormationValidationOptions } from './cloudformation-schema';
export { validateCdkStacks } from './cdk-assembly';
export type { SynthesizedAssembly } from './cdk-assembly';
export { addSecurityChecks, acknowledgeFinding, hasSecurityChecks, synthWithSecurityChecks, MIN_ACKNOWLEDGEMENT_REASON_LENGTH } from './cdk-security';
export { GUARD_RULES_NOT_ADOPTED } from './security-policy';
export type { SecurityCheckOptions, SecuritySynthResult } from './cdk-security';
export { acknowledgeIamFindings } from './iam-acknowledgements';
export type { IamFindingReasons } from './iam-acknowledgements';
export { validateKubernetesObjects } from './kubernetes';
export type { KubernetesValidationOptions } from './kubernetes';
export { UNKNOWN_OUTPUT } from './private/unknown-output';

function pulumiMocks(): typeof PulumiMocks {
  assertPackagesInstalled(['@pulumi/pulumi'], 'capturePulumiProgram / validatePulumiResources');
  return require('./pulumi-mocks') as typeof PulumiMocks;
}

/** Runs a Pulumi program under mocks and records every resource it registers (see pulumi-mocks.ts). */
export function capturePulumiProgram(...args: Parameters<typeof PulumiMocks.capturePulumiProgram>): ReturnType<typeof PulumiMocks.capturePulumiProgram> {
  return pulumiMocks().capturePulumiProgram(...args);
}

/** Checks recorded Pulumi resources (see pulumi-mocks.ts). */
export function validatePulumiResources(...args: Parameters<typeof PulumiMocks.validatePulumiResources>): ReturnType<typeof PulumiMocks.validatePulumiResources> {
  return pulumiMocks().validatePulumiResources(...args);
}
export type { RecordedPulumiResource, PulumiCaptureOptions } from './pulumi-mocks';
export type { MockEnvironment } from './private/pulumi-mock-state';
export { validateTerraformJson } from './terraform';
export {
  checkDeployability, checkExposure, checkLifecycle, checkObservability, checkSchedulability,
  deployabilityOfCloudFormation, deployabilityOfKubernetes, deployabilityOfPulumi, deployabilityOfTerraform,
  factsFromCloudFormation, factsFromPulumi, factsFromTerraform,
} from './deployability';
export type { DeploymentFacts } from './deployability';
