/** The validation harness: every engine's output checked offline, reported as one list of findings. */
export * from './types';
export { validateCloudFormationTemplate } from './cloudformation-schema';
export type { CloudFormationValidationOptions } from './cloudformation-schema';
export { validateCdkStacks } from './cdk-assembly';
export type { SynthesizedAssembly } from './cdk-assembly';
export { addSecurityChecks, acknowledgeFinding, synthWithSecurityChecks, MIN_ACKNOWLEDGEMENT_REASON_LENGTH } from './cdk-security';
export type { SecurityCheckOptions, SecuritySynthResult } from './cdk-security';
export { acknowledgeIamFindings } from './iam-acknowledgements';
export type { IamFindingReasons } from './iam-acknowledgements';
export { validateKubernetesObjects } from './kubernetes';
export type { KubernetesValidationOptions } from './kubernetes';
export { capturePulumiProgram, validatePulumiResources, UNKNOWN_OUTPUT } from './pulumi-mocks';
export type { RecordedPulumiResource, PulumiCaptureOptions } from './pulumi-mocks';
export type { MockEnvironment } from './private/pulumi-mock-state';
export { validateTerraformJson } from './terraform';
export {
  checkDeployability, checkExposure, checkLifecycle, checkObservability, checkSchedulability,
  deployabilityOfCloudFormation, deployabilityOfKubernetes, deployabilityOfPulumi, deployabilityOfTerraform,
  factsFromCloudFormation, factsFromPulumi, factsFromTerraform,
} from './deployability';
export type { DeploymentFacts } from './deployability';
