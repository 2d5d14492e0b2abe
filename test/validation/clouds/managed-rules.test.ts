/** The managed-platform rules (Vertex AI, Azure ML) as specifications, over hand-written resources of both engines. */
import { gcpManagedFindingsOfPulumi, gcpManagedFindingsOfTerraform } from '../../../lib/validation/clouds/gcp-managed-rules';
import { azureManagedFindingsOfPulumi, azureManagedFindingsOfTerraform } from '../../../lib/validation/clouds/azure-managed-rules';
import type { RecordedPulumiResource } from '../../../lib/validation/pulumi-mocks';

const tf = (type: string, props: Record<string, unknown>) => ({ resource: { [type]: { it: props } } });
const pulumi = (type: string, inputs: Record<string, unknown>): RecordedPulumiResource[] => [{ type, name: 'it', urn: `urn:${type}::it`, inputs, custom: true, dependencies: [], retainOnDelete: false, protect: false }];
const rules = (findings: { rule: string; severity: string }[]) => findings.map((f) => `${f.severity}:${f.rule}`).sort();

describe('Google Cloud managed rules', () => {
  test('a bucket without public access prevention, uniform access or CMEK fails all three', () => {
    expect(rules(gcpManagedFindingsOfTerraform(tf('google_storage_bucket', { name: 'b' })))).toEqual(['error:gcp/bucket-cmek', 'error:gcp/bucket-public-access', 'error:gcp/bucket-uniform-access']);
  });

  test('a private, uniform, CMEK bucket passes', () => {
    expect(gcpManagedFindingsOfTerraform(tf('google_storage_bucket', { public_access_prevention: 'enforced', uniform_bucket_level_access: true, encryption: { default_kms_key_name: 'k' } }))).toEqual([]);
  });

  test('a public Vertex AI endpoint without CMEK fails on Pulumi; PSC or a peered network makes it private', () => {
    expect(rules(gcpManagedFindingsOfPulumi(pulumi('gcp:vertex/aiEndpoint:AiEndpoint', {})))).toEqual(['error:gcp/vertex-endpoint-cmek', 'error:gcp/vertex-endpoint-public']);
    expect(gcpManagedFindingsOfTerraform(tf('google_vertex_ai_endpoint', { network: 'projects/1/global/networks/n', encryption_spec: { kms_key_name: 'k' } }))).toEqual([]);
  });

  test('a key rotating every 365 days fails; 90 days passes', () => {
    expect(rules(gcpManagedFindingsOfTerraform(tf('google_kms_crypto_key', { rotation_period: '31536000s' })))).toEqual(['error:gcp/kms-rotation']);
    expect(gcpManagedFindingsOfTerraform(tf('google_kms_crypto_key', { rotation_period: '7776000s' }))).toEqual([]);
  });

  test('basic roles and public members fail; project-wide log writing is accepted as a warning quoting its reason', () => {
    expect(rules(gcpManagedFindingsOfTerraform(tf('google_storage_bucket_iam_member', { role: 'roles/editor', member: 'allUsers' })))).toEqual(['error:gcp/iam-basic-role', 'error:gcp/iam-public-member']);
    const [logs] = gcpManagedFindingsOfTerraform(tf('google_project_iam_member', { role: 'roles/logging.logWriter', member: 'serviceAccount:x' }));
    expect(logs).toMatchObject({ severity: 'warning', rule: 'gcp/iam-project-scope', message: expect.stringContaining('accepted: log writing is granted per project only') });
    expect(rules(gcpManagedFindingsOfTerraform(tf('google_project_iam_member', { role: 'roles/storage.objectViewer', member: 'serviceAccount:x' })))).toEqual(['error:gcp/iam-project-scope']);
  });
});

describe('Azure managed rules', () => {
  test('a public workspace without a customer-managed key fails on both engines', () => {
    expect(rules(azureManagedFindingsOfTerraform(tf('azurerm_machine_learning_workspace', {})))).toEqual(['error:azure/ml-workspace-cmk', 'error:azure/ml-workspace-public']);
    expect(rules(azureManagedFindingsOfPulumi(pulumi('azure-native:machinelearningservices:Workspace', { publicNetworkAccess: 'Enabled' })))).toEqual(['error:azure/ml-workspace-cmk', 'error:azure/ml-workspace-public']);
  });

  test('a public, key-authenticated endpoint and a deployment with public egress fail', () => {
    expect(rules(azureManagedFindingsOfPulumi(pulumi('azure-native:machinelearningservices:OnlineEndpoint', { properties: { authMode: 'Key', publicNetworkAccess: 'Enabled' } })))).toEqual(['error:azure/ml-endpoint-key-auth', 'error:azure/ml-endpoint-public']);
    expect(rules(azureManagedFindingsOfPulumi(pulumi('azure-native:machinelearningservices:OnlineDeployment', { properties: {} })))).toEqual(['error:azure/ml-deployment-egress']);
  });

  test('a registry with an admin user and public access fails', () => {
    expect(rules(azureManagedFindingsOfTerraform(tf('azurerm_container_registry', { admin_enabled: true })))).toEqual(['error:azure/acr-admin-user', 'error:azure/acr-public']);
  });

  test('Owner or Contributor assignments fail, by id or by name; a data-plane role passes', () => {
    expect(rules(azureManagedFindingsOfPulumi(pulumi('azure-native:authorization:RoleAssignment', { roleDefinitionId: '/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-4677-b0c7-9ec6dbbcb2bb' })))).toEqual(['error:azure/role-administrative']);
    expect(rules(azureManagedFindingsOfTerraform(tf('azurerm_role_assignment', { role_definition_name: 'Contributor' })))).toEqual(['error:azure/role-administrative']);
    expect(azureManagedFindingsOfTerraform(tf('azurerm_role_assignment', { role_definition_id: '/x/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1' }))).toEqual([]);
  });
});
