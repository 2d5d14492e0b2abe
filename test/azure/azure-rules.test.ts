/**
 * Our Azure security rules: each rule fails a bad resource and passes a good one, read from Terraform JSON
 * (azurerm names and defaults) and from Pulumi resources (azure-native inputs).
 */
import {
  AZURE_RULES, AZURE_RULE_EXCEPTIONS, azureFactsOfPulumi, checkAzureFacts, azureFactsOfTerraform, azureSecurityOfPulumi, azureSecurityOfTerraform,
} from '../../lib/validation/clouds/azure-rules';
import type { RecordedPulumiResource } from '../../lib/validation/pulumi-mocks';

const tf = (type: string, body: Record<string, unknown>) => ({ resource: { [type]: { subject: body } } });
const rulesOf = (findings: ReadonlyArray<{ rule: string; severity: string }>) => findings.filter((f) => f.severity === 'error').map((f) => f.rule).sort();
const pulumiResource = (type: string, inputs: Record<string, unknown>): RecordedPulumiResource => ({
  type: `azure-native:${type}`, name: 'subject', urn: `urn:pulumi:test::aimd::azure-native:${type}::subject`, inputs, custom: true, dependencies: [], retainOnDelete: false, protect: false,
});

const GOOD_ACCOUNT_TF = {
  allow_nested_items_to_be_public: false, shared_access_key_enabled: false, min_tls_version: 'TLS1_2', public_network_access_enabled: false,
  customer_managed_key: { key_vault_key_id: 'k', user_assigned_identity_id: 'i' },
};
const GOOD_CLUSTER_TF = {
  private_cluster_enabled: true, oidc_issuer_enabled: true, workload_identity_enabled: true, local_account_disabled: true,
  azure_active_directory_role_based_access_control: { azure_rbac_enabled: true },
};

describe('Azure rules over Terraform JSON', () => {
  test('GIVEN a hardened storage account, cluster and vault THEN no rule fails', () => {
    const json = { resource: {
      azurerm_storage_account: { weights: GOOD_ACCOUNT_TF },
      azurerm_kubernetes_cluster: { aks: GOOD_CLUSTER_TF },
      azurerm_key_vault: { kv: { purge_protection_enabled: true, network_acls: { default_action: 'Deny', bypass: 'AzureServices' } } },
      azurerm_storage_container: { models: { container_access_type: 'private' } },
    } };
    expect(azureSecurityOfTerraform(json, 'stack')).toEqual([]);
  });

  test('GIVEN a storage account with the azurerm defaults THEN public blob access, shared keys, public network and the missing CMK fail', () => {
    expect(rulesOf(azureSecurityOfTerraform(tf('azurerm_storage_account', {}), 'stack'))).toEqual(
      ['azure/storage-cmk', 'azure/storage-public-blob', 'azure/storage-public-network', 'azure/storage-shared-key'],
    );
  });

  test('GIVEN a CMK set by a separate azurerm_storage_account_customer_managed_key THEN the account counts as customer-key encrypted', () => {
    const json = { resource: {
      azurerm_storage_account: { weights: { ...GOOD_ACCOUNT_TF, customer_managed_key: undefined } },
      azurerm_storage_account_customer_managed_key: { cmk: { storage_account_id: '${azurerm_storage_account.weights.id}', key_name: 'k' } },
    } };
    expect(rulesOf(azureSecurityOfTerraform(json, 'stack'))).toEqual([]);
  });

  test('GIVEN TLS 1.0 or a public container THEN the TLS and public-blob rules fail', () => {
    expect(rulesOf(azureSecurityOfTerraform(tf('azurerm_storage_account', { ...GOOD_ACCOUNT_TF, min_tls_version: 'TLS1_0' }), 's'))).toEqual(['azure/storage-tls']);
    expect(rulesOf(azureSecurityOfTerraform(tf('azurerm_storage_container', { container_access_type: 'blob' }), 's'))).toEqual(['azure/storage-public-blob']);
  });

  test('GIVEN a cluster with a public API server, local accounts and no workload identity THEN each fails, naming the stack address', () => {
    const findings = azureSecurityOfTerraform(tf('azurerm_kubernetes_cluster', {}), 'llm-aks');
    expect(rulesOf(findings)).toEqual(['azure/aks-entra-rbac', 'azure/aks-local-accounts', 'azure/aks-private-cluster', 'azure/aks-workload-identity']);
    expect(findings[0]!.resource).toBe('llm-aks/azurerm_kubernetes_cluster.subject');
  });

  test('GIVEN OIDC issuer on but workload identity off THEN workload identity still fails', () => {
    expect(rulesOf(azureSecurityOfTerraform(tf('azurerm_kubernetes_cluster', { ...GOOD_CLUSTER_TF, workload_identity_enabled: false }), 's'))).toEqual(['azure/aks-workload-identity']);
  });

  test('GIVEN a vault without purge protection and an open firewall THEN both fail', () => {
    expect(rulesOf(azureSecurityOfTerraform(tf('azurerm_key_vault', {}), 's'))).toEqual(['azure/key-vault-firewall', 'azure/key-vault-purge-protection']);
  });

  test('GIVEN inbound Allow rules from *, 0.0.0.0/0 or Internet THEN each fails; a VNet source or a Deny rule passes', () => {
    const nsg = tf('azurerm_network_security_group', { security_rule: [
      { direction: 'Inbound', access: 'Allow', source_address_prefix: '*' },
      { direction: 'Inbound', access: 'Allow', source_address_prefixes: ['10.0.0.0/8', '0.0.0.0/0'] },
      { direction: 'Inbound', access: 'Allow', source_address_prefix: 'VirtualNetwork' },
      { direction: 'Inbound', access: 'Deny', source_address_prefix: '*' },
      { direction: 'Outbound', access: 'Allow', source_address_prefix: '*' },
    ] });
    expect(rulesOf(azureSecurityOfTerraform(nsg, 's'))).toEqual(['azure/nsg-open-ingress', 'azure/nsg-open-ingress']);
    expect(rulesOf(azureSecurityOfTerraform(tf('azurerm_network_security_rule', { direction: 'Inbound', access: 'Allow', source_address_prefix: 'Internet' }), 's'))).toEqual(['azure/nsg-open-ingress']);
  });

  test("GIVEN a GPU pool with another cloud's instance type THEN a warning (not an error) says so", () => {
    const findings = azureSecurityOfTerraform(tf('azurerm_kubernetes_cluster_node_pool', { vm_size: 'g6e.xlarge', node_taints: ['sku=gpu:NoSchedule'] }), 's');
    expect(findings).toEqual([expect.objectContaining({ rule: 'azure/gpu-vm-size', severity: 'warning' })]);
    expect(azureFactsOfTerraform(tf('azurerm_kubernetes_cluster_node_pool', { vm_size: 'Standard_NC24ads_A100_v4', node_taints: ['sku=gpu:NoSchedule'] }))).toEqual([
      { kind: 'gpu-node-pool', address: 'azurerm_kubernetes_cluster_node_pool.subject', vmSize: 'Standard_NC24ads_A100_v4' },
    ]);
  });

  test('GIVEN stacks of other clouds THEN the Azure rules see nothing', () => {
    expect(azureFactsOfTerraform({ resource: { aws_s3_bucket: { b: {} } } })).toEqual([]);
  });

  test('GIVEN a written exception THEN its finding is a warning quoting the reason; other resources still fail', () => {
    const facts = azureFactsOfTerraform({ resource: { azurerm_key_vault: { shared: { purge_protection_enabled: true }, other: { purge_protection_enabled: true } } } });
    const exceptions = [{ rule: 'azure/key-vault-firewall', resource: /\.shared$/, reason: 'the shared vault is reached by build agents outside any VNet' }];
    expect(checkAzureFacts(facts, 'terraform', '', AZURE_RULES, exceptions)).toEqual([
      expect.objectContaining({ resource: 'azurerm_key_vault.shared', severity: 'warning', message: expect.stringContaining('accepted: the shared vault is reached by build agents') }),
      expect.objectContaining({ resource: 'azurerm_key_vault.other', severity: 'error', rule: 'azure/key-vault-firewall' }),
    ]);
    expect(AZURE_RULE_EXCEPTIONS).toEqual([]);
  });
});

describe('Azure rules over Pulumi resources', () => {
  test('GIVEN a storage account without explicit settings THEN every storage rule fails (ARM defaults vary by API version)', () => {
    expect(rulesOf(azureSecurityOfPulumi([pulumiResource('storage:StorageAccount', {})]))).toEqual(
      ['azure/storage-cmk', 'azure/storage-public-blob', 'azure/storage-public-network', 'azure/storage-shared-key', 'azure/storage-tls'],
    );
  });

  test('GIVEN a hardened storage account THEN no rule fails', () => {
    expect(azureSecurityOfPulumi([pulumiResource('storage:StorageAccount', {
      allowBlobPublicAccess: false, allowSharedKeyAccess: false, minimumTlsVersion: 'TLS1_2', publicNetworkAccess: 'Disabled', encryption: { keySource: 'Microsoft.Keyvault' },
    })])).toEqual([]);
  });

  test('GIVEN a public cluster with local accounts THEN the cluster rules fail; a vault without purge protection fails', () => {
    expect(rulesOf(azureSecurityOfPulumi([pulumiResource('containerservice:ManagedCluster', { oidcIssuerProfile: { enabled: true } })]))).toEqual(
      ['azure/aks-entra-rbac', 'azure/aks-local-accounts', 'azure/aks-private-cluster', 'azure/aks-workload-identity'],
    );
    expect(rulesOf(azureSecurityOfPulumi([pulumiResource('keyvault:Vault', { properties: { networkAcls: { defaultAction: 'Deny' } } })]))).toEqual(['azure/key-vault-purge-protection']);
  });

  test('GIVEN an NSG allowing the internet in, and a public container THEN they fail', () => {
    const facts = azureFactsOfPulumi([
      pulumiResource('network:NetworkSecurityGroup', { securityRules: [{ direction: 'Inbound', access: 'Allow', sourceAddressPrefix: '0.0.0.0/0' }] }),
      pulumiResource('storage:BlobContainer', { publicAccess: 'Container' }),
    ]);
    expect(facts.map((f) => f.kind)).toEqual(['inbound-rule', 'blob-container']);
    expect(rulesOf(azureSecurityOfPulumi([
      pulumiResource('network:SecurityRule', { direction: 'Inbound', access: 'Allow', sourceAddressPrefix: '*' }),
      pulumiResource('storage:BlobContainer', { publicAccess: 'Container' }),
    ]))).toEqual(['azure/nsg-open-ingress', 'azure/storage-public-blob']);
  });
});
