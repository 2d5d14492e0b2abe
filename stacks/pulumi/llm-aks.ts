/**
 * The Pulumi program of the `llm-aks` blueprint (azure-native): the same private AKS cluster, weights'
 * storage and workload identity as the cdktf stack, from the same {@link LlmAksDesign}. Storage account,
 * vault and key are `retainOnDelete`: `pulumi destroy` leaves the weights and their key in place.
 */
import * as authorization from '@pulumi/azure-native/authorization';
import * as containerservice from '@pulumi/azure-native/containerservice';
import * as keyvault from '@pulumi/azure-native/keyvault';
import * as managedidentity from '@pulumi/azure-native/managedidentity';
import * as monitor from '@pulumi/azure-native/monitor';
import * as network from '@pulumi/azure-native/network';
import * as privatedns from '@pulumi/azure-native/privatedns';
import * as resources from '@pulumi/azure-native/resources';
import * as storage from '@pulumi/azure-native/storage';
import * as pulumi from '@pulumi/pulumi';
import {
  BLOB_PRIVATE_DNS_ZONE, KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER, STORAGE_BLOB_DATA_READER, WORKLOAD_IDENTITY_AUDIENCE,
  blobContainerScope, builtInRoleDefinitionId, type LlmAksDesign,
} from '../../lib/azure/llm-aks-design';

export interface LlmAksPulumiOutputs {
  readonly cluster: containerservice.ManagedCluster;
  readonly gpuPool: containerservice.AgentPool;
  readonly storageAccount: storage.StorageAccount;
  readonly modelReader: managedidentity.UserAssignedIdentity;
}

/** @param opts options of every resource, e.g. `{ parent }` */
export function llmAksPulumiProgram(design: LlmAksDesign, opts: pulumi.CustomResourceOptions = {}): LlmAksPulumiOutputs {
  const { location, network: net, storage: store, workloadIdentity } = design;
  const tags = { ...design.tags };
  const keep: pulumi.CustomResourceOptions = { ...opts, retainOnDelete: true };
  const client = authorization.getClientConfigOutput();
  const role = (id: string) => client.subscriptionId.apply((sub) => builtInRoleDefinitionId(sub, id));
  const group = new resources.ResourceGroup(`${design.name}-rg`, { resourceGroupName: design.resourceGroupName, location, tags }, opts);
  const resourceGroupName = group.name;

  // Network: nodes and private endpoints, no default outbound access.
  const vnet = new network.VirtualNetwork(`${design.name}-vnet`, { virtualNetworkName: net.vnetName, resourceGroupName, location, addressSpace: { addressPrefixes: [net.addressSpace] }, tags }, opts);
  const nodes = new network.Subnet(`${design.name}-nodes`, { subnetName: net.nodesSubnet.name, resourceGroupName, virtualNetworkName: vnet.name, addressPrefix: net.nodesSubnet.prefix, defaultOutboundAccess: false }, opts);
  const endpoints = new network.Subnet(`${design.name}-endpoints`, {
    subnetName: net.endpointsSubnet.name, resourceGroupName, virtualNetworkName: vnet.name, addressPrefix: net.endpointsSubnet.prefix, defaultOutboundAccess: false, privateEndpointNetworkPolicies: 'Enabled',
  }, { ...opts, dependsOn: [nodes] });

  const workspace = new monitor.AzureMonitorWorkspace(`${design.name}-amw`, { azureMonitorWorkspaceName: design.monitorWorkspaceName, resourceGroupName, location, publicNetworkAccess: 'Disabled', tags }, opts);

  const cluster = new containerservice.ManagedCluster(`${design.name}-aks`, {
    resourceName: design.clusterName,
    resourceGroupName,
    location,
    dnsPrefix: design.clusterName,
    kubernetesVersion: design.kubernetesVersion,
    sku: { name: 'Base', tier: 'Standard' },
    identity: { type: 'SystemAssigned' },
    enableRBAC: true,
    disableLocalAccounts: true,
    aadProfile: { managed: true, enableAzureRBAC: true, tenantID: client.tenantId },
    apiServerAccessProfile: { enablePrivateCluster: true, enablePrivateClusterPublicFQDN: false, privateDNSZone: 'system' },
    oidcIssuerProfile: { enabled: true },
    securityProfile: { workloadIdentity: { enabled: true } },
    addonProfiles: { azurepolicy: { enabled: true } },
    azureMonitorProfile: { metrics: { enabled: true } },
    autoUpgradeProfile: { upgradeChannel: 'patch', nodeOSUpgradeChannel: 'NodeImage' },
    networkProfile: {
      networkPlugin: 'azure', networkPluginMode: 'overlay', networkPolicy: 'cilium', networkDataplane: 'cilium',
      podCidr: net.podCidr, serviceCidr: net.serviceCidr, dnsServiceIP: net.dnsServiceIp, loadBalancerSku: 'standard', outboundType: 'loadBalancer',
    },
    agentPoolProfiles: [{
      name: design.systemPool.name, mode: 'System', vmSize: design.systemPool.vmSize, vnetSubnetID: nodes.id,
      enableAutoScaling: true, minCount: design.systemPool.minCount, maxCount: design.systemPool.maxCount, count: design.systemPool.minCount,
      osDiskSizeGB: design.systemPool.osDiskSizeGb, osType: 'Linux', osSKU: 'AzureLinux', type: 'VirtualMachineScaleSets',
      nodeLabels: { ...design.systemPool.labels }, nodeTaints: ['CriticalAddonsOnly=true:NoSchedule'],
    }],
    tags,
  }, { ...opts, ignoreChanges: ['agentPoolProfiles[0].count'] });

  const gpuPool = new containerservice.AgentPool(`${design.name}-gpu`, {
    agentPoolName: design.gpuPool.name, resourceGroupName, resourceName: cluster.name, mode: 'User',
    vmSize: design.gpuPool.vmSize, vnetSubnetID: nodes.id, osType: 'Linux', osSKU: 'Ubuntu', type: 'VirtualMachineScaleSets',
    enableAutoScaling: true, minCount: design.gpuPool.minCount, maxCount: design.gpuPool.maxCount, count: design.gpuPool.minCount,
    nodeTaints: [...design.gpuPool.taints], nodeLabels: { ...design.gpuPool.labels }, osDiskSizeGB: design.gpuPool.osDiskSizeGb,
    // AKS installs the NVIDIA driver; the device plugin comes with the Kubernetes objects.
    gpuProfile: { driver: 'Install' },
    upgradeSettings: { maxSurge: '0', maxUnavailable: '1' },
    tags,
  }, { ...opts, ignoreChanges: ['count'] });

  // Managed Prometheus: endpoint, rule into the workspace, associated with the cluster.
  const dce = new monitor.DataCollectionEndpoint(`${design.name}-dce`, {
    dataCollectionEndpointName: `dce-${design.name}`, resourceGroupName, location, kind: 'Linux', networkAcls: { publicNetworkAccess: 'Disabled' }, tags,
  }, opts);
  const dcr = new monitor.DataCollectionRule(`${design.name}-dcr`, {
    dataCollectionRuleName: `dcr-${design.name}`, resourceGroupName, location, kind: 'Linux', dataCollectionEndpointId: dce.id,
    destinations: { monitoringAccounts: [{ accountResourceId: workspace.id, name: 'MonitoringAccount1' }] },
    dataFlows: [{ streams: ['Microsoft-PrometheusMetrics'], destinations: ['MonitoringAccount1'] }],
    dataSources: { prometheusForwarder: [{ streams: ['Microsoft-PrometheusMetrics'], name: 'PrometheusDataSource' }] },
    tags,
  }, opts);
  new monitor.DataCollectionRuleAssociation(`${design.name}-dcra`, { associationName: `dcra-${design.name}`, resourceUri: cluster.id, dataCollectionRuleId: dcr.id }, opts);

  // Weights: CMK from a purge-protected vault, private endpoint only, no shared keys; all retained.
  const vault = new keyvault.Vault(`${design.name}-kv`, {
    vaultName: store.keyVaultName, resourceGroupName, location,
    properties: {
      tenantId: client.tenantId, sku: { family: 'A', name: 'premium' }, enableRbacAuthorization: true,
      enableSoftDelete: true, enablePurgeProtection: true, softDeleteRetentionInDays: 90,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
    },
    tags,
  }, keep);
  const key = new keyvault.Key(`${design.name}-key`, {
    keyName: store.keyName, vaultName: vault.name, resourceGroupName,
    properties: { kty: 'RSA-HSM', keySize: 3072, keyOps: ['wrapKey', 'unwrapKey'] },
  }, keep);
  const encryptionIdentity = new managedidentity.UserAssignedIdentity(`${design.name}-storage-cmk`, { resourceName: store.encryptionIdentityName, resourceGroupName, location, tags }, opts);
  const keyUser = new authorization.RoleAssignment(`${design.name}-cmk-key-user`, {
    scope: vault.id, roleDefinitionId: role(KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER.id), principalId: encryptionIdentity.principalId, principalType: 'ServicePrincipal',
  }, opts);
  const account = new storage.StorageAccount(`${design.name}-weights`, {
    accountName: store.accountName, resourceGroupName, location,
    kind: 'StorageV2', sku: { name: 'Standard_ZRS' },
    allowBlobPublicAccess: false, allowSharedKeyAccess: false, defaultToOAuthAuthentication: true,
    minimumTlsVersion: 'TLS1_2', enableHttpsTrafficOnly: true, publicNetworkAccess: 'Disabled', allowCrossTenantReplication: false,
    identity: { type: 'UserAssigned', userAssignedIdentities: [encryptionIdentity.id] },
    encryption: {
      keySource: 'Microsoft.Keyvault', requireInfrastructureEncryption: true,
      keyVaultProperties: { keyName: key.name, keyVaultUri: vault.properties.vaultUri },
      encryptionIdentity: { encryptionUserAssignedIdentity: encryptionIdentity.id },
      services: { blob: { enabled: true, keyType: 'Account' }, file: { enabled: true, keyType: 'Account' } },
    },
    networkRuleSet: { defaultAction: 'Deny', bypass: 'AzureServices' },
    tags,
  }, { ...keep, dependsOn: [keyUser] });
  new storage.BlobContainer(`${design.name}-models`, { containerName: store.containerName, accountName: account.name, resourceGroupName, publicAccess: 'None' }, keep);

  const zone = new privatedns.PrivateZone(`${design.name}-blob-zone`, { privateZoneName: BLOB_PRIVATE_DNS_ZONE, resourceGroupName, location: 'Global', tags }, opts);
  new privatedns.VirtualNetworkLink(`${design.name}-blob-link`, {
    virtualNetworkLinkName: `${net.vnetName}-blob`, privateZoneName: zone.name, resourceGroupName, location: 'Global', registrationEnabled: false, virtualNetwork: { id: vnet.id }, tags,
  }, opts);
  new network.PrivateEndpoint(`${design.name}-blob-pe`, {
    privateEndpointName: `pe-${store.accountName}-blob`, resourceGroupName, location, subnet: { id: endpoints.id },
    privateLinkServiceConnections: [{ name: 'blob', privateLinkServiceId: account.id, groupIds: ['blob'] }],
    tags,
  }, opts);

  // The serving pods' identity: federated with the cluster's issuer, reads the weights' container only.
  const modelReader = new managedidentity.UserAssignedIdentity(`${design.name}-model-reader`, { resourceName: workloadIdentity.identityName, resourceGroupName, location, tags }, opts);
  new managedidentity.FederatedIdentityCredential(`${design.name}-model-reader-federation`, {
    federatedIdentityCredentialResourceName: `${design.name}-serving`, resourceName: modelReader.name, resourceGroupName,
    issuer: cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? ''), subject: workloadIdentity.subject, audiences: [WORKLOAD_IDENTITY_AUDIENCE],
  }, opts);
  new authorization.RoleAssignment(`${design.name}-model-reader-blob`, {
    scope: account.id.apply((id) => blobContainerScope(id, store.containerName)),
    roleDefinitionId: role(STORAGE_BLOB_DATA_READER.id), principalId: modelReader.principalId, principalType: 'ServicePrincipal',
  }, opts);
  return { cluster, gpuPool, storageAccount: account, modelReader };
}
