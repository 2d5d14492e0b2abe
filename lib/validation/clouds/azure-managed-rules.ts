/**
 * Our security rules for the Azure ML blueprint's resources, on cdktf (hashicorp/azurerm) and Pulumi
 * (@pulumi/azure-native) output alike: a private, customer-key-encrypted workspace, endpoints without
 * public inbound or outbound access and without long-lived keys, a registry without an admin user, and
 * role assignments that never hand out Owner, Contributor or User Access Administrator.
 * (Storage accounts and key vaults in general are lib/validation/clouds/azure-rules.ts's, where present.)
 */
import type { RecordedPulumiResource } from '../pulumi-mocks';
import type { ValidationFinding } from '../types';
import { findingsOf, pulumiResources, terraformResources, type EngineResource, type RuleException, type RuleProblem } from './managed-rule-support';

type Rule = (r: EngineResource) => RuleProblem[];

const ML = 'azure-native:machinelearningservices:';

/** The workspace: public network access off and a customer-managed key. */
export const privateEncryptedWorkspace: Rule = (r) => {
  const out: RuleProblem[] = [];
  if (r.type === 'azurerm_machine_learning_workspace') {
    if (r.props.public_network_access_enabled !== false) out.push({ rule: 'azure/ml-workspace-public', address: r.address, message: 'public_network_access_enabled is not false' });
    if (!r.props.encryption?.key_id) out.push({ rule: 'azure/ml-workspace-cmk', address: r.address, message: 'no encryption.key_id: the workspace uses Microsoft-managed keys' });
  } else if (r.type === `${ML}Workspace`) {
    if (r.props.publicNetworkAccess !== 'Disabled') out.push({ rule: 'azure/ml-workspace-public', address: r.address, message: "publicNetworkAccess is not 'Disabled'" });
    if (r.props.encryption?.status !== 'Enabled') out.push({ rule: 'azure/ml-workspace-cmk', address: r.address, message: "encryption.status is not 'Enabled': the workspace uses Microsoft-managed keys" });
  }
  return out;
};

/** Online endpoints: no public inbound access and no long-lived keys (Entra ID tokens). */
export const privateTokenEndpoint: Rule = (r) => {
  if (r.type !== `${ML}OnlineEndpoint`) return [];
  const out: RuleProblem[] = [];
  if (r.props.properties?.publicNetworkAccess !== 'Disabled') out.push({ rule: 'azure/ml-endpoint-public', address: r.address, message: "properties.publicNetworkAccess is not 'Disabled'" });
  if (r.props.properties?.authMode === 'Key') out.push({ rule: 'azure/ml-endpoint-key-auth', address: r.address, subject: 'Key', message: "authMode 'Key' hands out long-lived keys: use 'AADToken'" });
  return out;
};

/** Online deployments: no public outbound access (the container reaches storage and the registry privately). */
export const privateEgressDeployment: Rule = (r) => (r.type === `${ML}OnlineDeployment` && r.props.properties?.egressPublicNetworkAccess !== 'Disabled'
  ? [{ rule: 'azure/ml-deployment-egress', address: r.address, message: "properties.egressPublicNetworkAccess is not 'Disabled'" }]
  : []);

/** Container registries: no admin user (shared password) and no public network access. */
export const privateRegistry: Rule = (r) => {
  const out: RuleProblem[] = [];
  if (r.type === 'azurerm_container_registry') {
    if (r.props.admin_enabled === true) out.push({ rule: 'azure/acr-admin-user', address: r.address, message: 'admin_enabled is true' });
    if (r.props.public_network_access_enabled !== false) out.push({ rule: 'azure/acr-public', address: r.address, message: 'public_network_access_enabled is not false' });
  } else if (r.type === 'azure-native:containerregistry:Registry') {
    if (r.props.adminUserEnabled === true) out.push({ rule: 'azure/acr-admin-user', address: r.address, message: 'adminUserEnabled is true' });
    if (r.props.publicNetworkAccess !== 'Disabled') out.push({ rule: 'azure/acr-public', address: r.address, message: "publicNetworkAccess is not 'Disabled'" });
  }
  return out;
};

/** Built-in roles that administer rather than use (learn.microsoft.com/azure/role-based-access-control/built-in-roles, read 2026-12-03). */
const ADMIN_ROLES: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-4677-b0c7-9ec6dbbcb2bb': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
};

/** Least privilege: role assignments name a data-plane role, never an administrative one. */
export const noAdministrativeRoles: Rule = (r) => {
  if (r.type !== 'azurerm_role_assignment' && r.type !== 'azure-native:authorization:RoleAssignment') return [];
  const byName = String(r.props.role_definition_name ?? '');
  const id = String(r.props.role_definition_id ?? r.props.roleDefinitionId ?? '').split('/').pop() ?? '';
  const admin = ADMIN_ROLES[id] ?? (Object.values(ADMIN_ROLES).includes(byName) ? byName : undefined);
  return admin ? [{ rule: 'azure/role-administrative', address: r.address, subject: admin, message: `assigns ${admin}: grant the data-plane role the identity uses instead` }] : [];
};

export const AZURE_MANAGED_RULES: readonly Rule[] = [privateEncryptedWorkspace, privateTokenEndpoint, privateEgressDeployment, privateRegistry, noAdministrativeRoles];

/** No exception is needed by the azureml-online-endpoint blueprint today. */
export const AZURE_MANAGED_RULE_EXCEPTIONS: readonly RuleException[] = [];

function check(resources: readonly EngineResource[]): ValidationFinding[] {
  return findingsOf(resources.flatMap((r) => AZURE_MANAGED_RULES.flatMap((rule) => rule(r))), resources, AZURE_MANAGED_RULE_EXCEPTIONS);
}

export function azureManagedFindingsOfTerraform(json: Record<string, any>): ValidationFinding[] {
  return check(terraformResources(json));
}

export function azureManagedFindingsOfPulumi(resources: readonly RecordedPulumiResource[]): ValidationFinding[] {
  return check(pulumiResources(resources));
}
