/** The managed-platform rules of every cloud, run on each engine's output by `aimd synth` (lib/synth/engines.ts). */
import type { RecordedPulumiResource } from '../pulumi-mocks';
import type { ValidationFinding } from '../types';
import { azureManagedFindingsOfPulumi, azureManagedFindingsOfTerraform } from './azure-managed-rules';
import { gcpManagedFindingsOfPulumi, gcpManagedFindingsOfTerraform } from './gcp-managed-rules';

export function managedCloudFindingsOfTerraform(json: Record<string, any>): ValidationFinding[] {
  return [...gcpManagedFindingsOfTerraform(json), ...azureManagedFindingsOfTerraform(json)];
}

export function managedCloudFindingsOfPulumi(resources: readonly RecordedPulumiResource[]): ValidationFinding[] {
  return [...gcpManagedFindingsOfPulumi(resources), ...azureManagedFindingsOfPulumi(resources)];
}
