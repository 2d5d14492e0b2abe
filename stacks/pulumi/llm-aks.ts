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
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { llmAksKubeObjects, llmAksServingOptions } from '../../lib/azure/llm-aks-objects';
import { azureDeploymentAlerting } from '../../lib/azure/alert-routing';
import { aksPrometheusRuleGroup } from '../../lib/azure/alert-rules';
import { alertActionGroup } from '../../constructs/pulumi/azure/alert-action-group';
import { prometheusAlertRuleGroup } from '../../constructs/pulumi/azure/prometheus-rule-group';
import { resourceGroupBudget } from '../../constructs/pulumi/azure/resource-group-budget';
import { AZURE_CLIENT_ID_ANNOTATION } from '../../lib/kubernetes/cloud';
import type { KubeObject } from '../../lib/kubernetes/types';
import type { DeploymentPlan } from '../../lib/plan/deployment-plan';
import { applyKubeObjects } from '../../constructs/pulumi/eks/kube-objects';
import { aksKedaIdentity } from '../../constructs/pulumi/azure/aks-keda-identity';
import { prometheusPrivateIngestion } from '../../constructs/pulumi/azure/prometheus-private-ingestion';
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

/** KEDA's objects, applied with their Outputs resolved (never the manifests' placeholders). */
const isKedaObject = (o: KubeObject) => o.apiVersion.startsWith('keda.sh/');

/** @param opts options of every resource, e.g. `{ parent }` */
export function llmAksPulumiProgram(design: LlmAksDesign, plan: DeploymentPlan, opts: pulumi.CustomResourceOptions = {}): LlmAksPulumiOutputs {
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
    // The AKS KEDA add-on: the ScaledObject of the serving objects needs its CRDs and operator.
    workloadAutoScalerProfile: { keda: { enabled: true } },
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
  // The metrics add-on's private path to the endpoint (lib/azure/llm-aks-private-ingestion.ts).
  prometheusPrivateIngestion({ design, resourceGroupName, clusterId: cluster.id, endpointId: dce.id, endpointsSubnetId: endpoints.id, vnetId: vnet.id }, opts);

  // Alerts that reach people: the vLLM alerts as an Azure Prometheus rule group over the workspace, and the resource
  // group's budget, both to the deployment's action group (lib/azure/alert-routing.ts).
  const alerting = azureDeploymentAlerting(plan);
  const actionGroupId = alertActionGroup(`${design.name}-alerts`, { design: alerting.routing.actionGroup, resourceGroupName, subscriptionId: client.subscriptionId, tags }, opts);
  prometheusAlertRuleGroup(`${design.name}-vllm-alerts`, {
    design: aksPrometheusRuleGroup(llmAksServingOptions(design, plan), design.clusterName), resourceGroupName, location,
    workspaceId: workspace.id, clusterId: cluster.id, actionGroupIds: [actionGroupId], tags,
  }, opts);
  if (alerting.budget) resourceGroupBudget(`${design.name}-budget`, { design: alerting.budget, resourceGroupId: group.id, actionGroupIds: [actionGroupId] }, opts);

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
  // The serving objects, through the private API server with Entra ID: the user kubeconfig in kubelogin exec format.
  const credentials = containerservice.listManagedClusterUserCredentialsOutput({ resourceGroupName, resourceName: cluster.name, format: 'exec' });
  const kubeconfig = credentials.apply((c) => Buffer.from(c.kubeconfigs?.[0]?.value ?? '', 'base64').toString('utf8'));
  const provider = new k8s.Provider(`${design.name}-k8s`, { kubeconfig }, { ...opts, dependsOn: [gpuPool] });
  const parent = new pulumi.ComponentResource('aimd:azure:LlmAksServing', `${design.name}-serving`, {}, opts);
  // Namespaces, then the ServiceAccount (its client-id annotation is an Output, which a ConfigGroup would stringify), then the rest.
  const objects = llmAksKubeObjects(design, plan);
  const isReaderAccount = (o: KubeObject) => o.kind === 'ServiceAccount' && o.metadata.name === workloadIdentity.serviceAccount;
  // KEDA's TriggerAuthentication and ScaledObject carry Outputs too (its identity, the workspace's query endpoint).
  const keda = aksKedaIdentity({
    design, resourceGroupName, subscriptionId: client.subscriptionId, issuer: cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? ''),
    workspaceId: workspace.id, endpointsSubnetId: endpoints.id, vnetId: vnet.id,
  }, opts);
  const kedaObjects = pulumi.all([workspace.metrics, keda.identity.clientId]).apply(([metrics, kedaClientId]) =>
    llmAksKubeObjects(design, plan, undefined, metrics?.prometheusQueryEndpoint ?? '', kedaClientId).filter(isKedaObject));
  const namespaces = applyKubeObjects({ name: `${design.name}-namespaces`, objects: objects.filter((o) => o.kind === 'Namespace'), provider, parent, dependsOn: [gpuPool] });
  const readerAccount = objects.find(isReaderAccount)!;
  const serviceAccount = new k8s.core.v1.ServiceAccount(`${design.name}-sa`, {
    ...(JSON.parse(JSON.stringify(readerAccount)) as Record<string, unknown>),
    metadata: { ...readerAccount.metadata, annotations: { ...(readerAccount.metadata.annotations ?? {}), [AZURE_CLIENT_ID_ANNOTATION]: modelReader.clientId } },
  } as k8s.core.v1.ServiceAccountArgs, { provider, parent, dependsOn: [namespaces] });
  applyKubeObjects({ name: design.name, objects: objects.filter((o) => o.kind !== 'Namespace' && !isReaderAccount(o) && !isKedaObject(o)), provider, parent, dependsOn: [serviceAccount] });
  for (const o of objects.filter(isKedaObject)) {
    new k8s.apiextensions.CustomResource(`${design.name}-${o.kind.toLowerCase()}`, {
      apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata,
      spec: kedaObjects.apply((built) => built.find((b) => b.kind === o.kind && b.metadata.name === o.metadata.name)?.spec as Record<string, unknown>),
    }, { provider, parent, dependsOn: [namespaces, ...keda.ready] });
  }
  return { cluster, gpuPool, storageAccount: account, modelReader };
}

