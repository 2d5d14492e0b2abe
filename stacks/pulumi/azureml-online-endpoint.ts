/**
 * The Pulumi program of the `azureml-online-endpoint` blueprint: an Azure ML workspace (Key Vault with the
 * CMK, storage, registry, Application Insights) with public network access disabled, a managed online
 * endpoint with Entra ID token auth and the blue and green deployments on the plan's VM size.
 * The blue/green split is set after both deployments exist (the `trafficCommand` output): ARM refuses an
 * endpoint whose traffic names a deployment that does not exist yet.
 */
import * as applicationinsights from '@pulumi/azure-native/applicationinsights';
import * as authorization from '@pulumi/azure-native/authorization';
import * as containerregistry from '@pulumi/azure-native/containerregistry';
import * as keyvault from '@pulumi/azure-native/keyvault';
import * as managedidentity from '@pulumi/azure-native/managedidentity';
import * as ml from '@pulumi/azure-native/machinelearningservices';
import * as operationalinsights from '@pulumi/azure-native/operationalinsights';
import * as resources from '@pulumi/azure-native/resources';
import * as storage from '@pulumi/azure-native/storage';
import * as pulumi from '@pulumi/pulumi';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { alphanumericName, AZURE_ROLES, roleDefinitionId } from '../../lib/azureml/azure-names';
import { azureDeploymentAlerting } from '../../lib/azure/alert-routing';
import { azureMlEndpointAlerts } from '../../lib/azure/alert-rules';
import { alertActionGroup } from '../../constructs/pulumi/azure/alert-action-group';
import { metricAlerts } from '../../constructs/pulumi/azure/metric-alerts';
import { resourceGroupBudget } from '../../constructs/pulumi/azure/resource-group-budget';
import { azureMlDockerfile, azureMlTrafficCommand, describeAzureMlOnlineEndpoint } from '../../lib/azureml/describe-online-endpoint';

export interface AzureMlOnlineEndpointProgram {
  readonly workspace: ml.Workspace;
  readonly endpoint: ml.OnlineEndpoint;
  readonly deployments: readonly ml.OnlineDeployment[];
  readonly trafficCommand: pulumi.Output<string>;
}

/** Registers the Azure ML online endpoint of a blueprint in the running Pulumi program. */
export function renderAzureMlOnlineEndpointPulumi(context: BlueprintContext, opts: pulumi.ComponentResourceOptions = {}): AzureMlOnlineEndpointProgram {
  const spec = context.plan.spec;
  const d = describeAzureMlOnlineEndpoint(context.plan);
  const tags = { ...spec.tags, 'managed-by': 'ai-model-deployment' };
  const location = d.region;
  const client = authorization.getClientConfigOutput({ parent: opts.parent });
  const role = (id: string) => client.subscriptionId.apply((s) => roleDefinitionId(s, id));
  const n = (suffix: string) => `${d.name}-${suffix}`;

  const group = new resources.ResourceGroup(n('rg'), { resourceGroupName: n('rg'), location, tags }, opts);
  const resourceGroupName = group.name;
  const vault = new keyvault.Vault(n('kv'), {
    vaultName: alphanumericName(d.name, 'kv', 24), resourceGroupName, location, tags,
    properties: {
      tenantId: client.tenantId, sku: { family: 'A', name: 'standard' }, enableRbacAuthorization: true,
      enableSoftDelete: true, enablePurgeProtection: true, softDeleteRetentionInDays: 90,
      publicNetworkAccess: 'Disabled', networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
    },
  }, { ...opts, retainOnDelete: true });
  const key = new keyvault.Key(n('cmk'), { keyName: 'workspace-cmk', vaultName: vault.name, resourceGroupName, properties: { kty: 'RSA', keySize: 3072, rotationPolicy: { lifetimeActions: [{ action: { type: 'rotate' }, trigger: { timeAfterCreate: 'P90D' } }] } } }, { ...opts, retainOnDelete: true });
  const cmkIdentity = new managedidentity.UserAssignedIdentity(n('cmk-identity'), { resourceName: n('cmk-identity'), resourceGroupName, location, tags }, opts);
  const cmkGrant = new authorization.RoleAssignment(n('cmk-grant'), { principalId: cmkIdentity.principalId, principalType: 'ServicePrincipal', roleDefinitionId: role(AZURE_ROLES.keyVaultCryptoServiceEncryptionUser), scope: vault.id }, opts);

  const account = new storage.StorageAccount(n('st'), {
    accountName: alphanumericName(d.name, 'st', 24), resourceGroupName, location, tags,
    kind: 'StorageV2', sku: { name: 'Standard_ZRS' }, allowBlobPublicAccess: false, allowSharedKeyAccess: false,
    minimumTlsVersion: 'TLS1_2', enableHttpsTrafficOnly: true, publicNetworkAccess: 'Disabled',
    networkRuleSet: { defaultAction: 'Deny', bypass: 'AzureServices' },
    identity: { type: 'UserAssigned', userAssignedIdentities: [cmkIdentity.id] },
    encryption: {
      keySource: 'Microsoft.Keyvault', requireInfrastructureEncryption: true, services: { blob: { enabled: true, keyType: 'Account' } },
      keyVaultProperties: { keyName: key.name, keyVaultUri: pulumi.interpolate`https://${vault.name}.vault.azure.net/` }, encryptionIdentity: { encryptionUserAssignedIdentity: cmkIdentity.id },
    },
  }, { ...opts, dependsOn: [cmkGrant], retainOnDelete: true });
  const weights = new storage.BlobContainer(n('models'), { containerName: d.weightsContainer, accountName: account.name, resourceGroupName, publicAccess: 'None' }, { ...opts, retainOnDelete: true });
  const builds = new storage.BlobContainer(n('environments'), { containerName: 'environments', accountName: account.name, resourceGroupName, publicAccess: 'None' }, opts);
  const weightsUri = pulumi.interpolate`az://${d.weightsContainer}/${d.weightsPrefix}`;
  const dockerfile = weightsUri.apply((uri) => azureMlDockerfile(d, uri));
  new storage.Blob(n('dockerfile'), { blobName: `${d.name}/Dockerfile`, containerName: builds.name, accountName: account.name, resourceGroupName, source: dockerfile.apply((text) => new pulumi.asset.StringAsset(text)), contentType: 'text/plain' }, opts);

  const registry = new containerregistry.Registry(n('acr'), { registryName: alphanumericName(d.name, 'acr', 50), resourceGroupName, location, tags, sku: { name: 'Premium' }, adminUserEnabled: false, publicNetworkAccess: 'Disabled' }, opts);
  const logs = new operationalinsights.Workspace(n('logs'), { workspaceName: n('logs'), resourceGroupName, location, tags, sku: { name: 'PerGB2018' }, retentionInDays: 90 }, opts);
  const insights = new applicationinsights.Component(n('appi'), { resourceName: n('appi'), resourceGroupName, location, tags, kind: 'web', applicationType: 'web', workspaceResourceId: logs.id, ingestionMode: 'LogAnalytics' }, opts);

  const workspace = new ml.Workspace(n('ws'), {
    workspaceName: n('ws'), resourceGroupName, location, tags,
    sku: { name: 'Basic', tier: 'Basic' },
    identity: { type: 'SystemAssigned,UserAssigned', userAssignedIdentities: [cmkIdentity.id] },
    keyVault: vault.id, storageAccount: account.id, containerRegistry: registry.id, applicationInsights: insights.id,
    publicNetworkAccess: d.publicNetworkAccess,
    managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' },
    encryption: { status: 'Enabled', identity: { userAssignedIdentity: cmkIdentity.id }, keyVaultProperties: { keyVaultArmId: vault.id, keyIdentifier: key.keyUriWithVersion } },
  }, { ...opts, dependsOn: [cmkGrant] });
  const workspaceName = workspace.name;

  const environment = new ml.EnvironmentVersion(n('vllm-env'), {
    name: n('vllm'), version: '1', resourceGroupName, workspaceName,
    properties: {
      build: { contextUri: pulumi.interpolate`${account.primaryEndpoints.blob}environments/${d.name}/`, dockerfilePath: 'Dockerfile' },
      osType: 'Linux',
      inferenceConfig: {
        livenessRoute: { path: d.container.livenessPath, port: d.container.port },
        readinessRoute: { path: d.container.readinessPath, port: d.container.port },
        scoringRoute: { path: d.container.scoringPath, port: d.container.port },
      },
    },
  }, opts);

  // A user-assigned identity, granted before the endpoint exists, so the first deployment can read and pull at once.
  const servingIdentity = new managedidentity.UserAssignedIdentity(n('serving-identity'), { resourceName: n('serving-identity'), resourceGroupName, location, tags }, opts);
  const principalId = servingIdentity.principalId;
  const grants = [
    new authorization.RoleAssignment(n('endpoint-reads-weights'), { principalId, principalType: 'ServicePrincipal', roleDefinitionId: role(AZURE_ROLES.storageBlobDataReader), scope: weights.id }, opts),
    new authorization.RoleAssignment(n('endpoint-pulls-image'), { principalId, principalType: 'ServicePrincipal', roleDefinitionId: role(AZURE_ROLES.acrPull), scope: registry.id }, opts),
  ];
  const endpoint = new ml.OnlineEndpoint(n('endpoint'), {
    endpointName: d.endpointName, resourceGroupName, workspaceName, location, tags,
    identity: { type: 'UserAssigned', userAssignedIdentities: [servingIdentity.id] },
    properties: { authMode: d.authMode, publicNetworkAccess: d.publicNetworkAccess },
  }, { ...opts, dependsOn: grants });

  const probe = { initialDelay: d.probes.initialDelay, period: d.probes.period, failureThreshold: d.probes.failureThreshold };
  const deployments = d.deployments.map((x) => new ml.OnlineDeployment(n(`${x.name}`), {
    deploymentName: x.name, endpointName: endpoint.name, resourceGroupName, workspaceName, location, tags,
    sku: { name: 'Default', capacity: d.instanceCount },
    properties: {
      endpointComputeType: 'Managed',
      instanceType: d.machine.machineType,
      environmentId: environment.id,
      egressPublicNetworkAccess: 'Disabled',
      environmentVariables: { AZURE_STORAGE_ACCOUNT_NAME: account.name, AZURE_CLIENT_ID: servingIdentity.clientId },
      livenessProbe: probe, readinessProbe: probe,
      requestSettings: { maxConcurrentRequestsPerInstance: d.maxConcurrentRequestsPerInstance, requestTimeout: 'PT90S' },
      scaleSettings: { scaleType: 'Default' },
      appInsightsEnabled: true,
    },
  }, opts));

  // Alerts that reach people: the endpoint's metric alerts and the resource group's budget, to the action group.
  const alerting = azureDeploymentAlerting(context.plan);
  const actionGroupId = alertActionGroup(n('alerts'), { design: alerting.routing.actionGroup, resourceGroupName, subscriptionId: client.subscriptionId, tags }, opts);
  metricAlerts({ alerts: azureMlEndpointAlerts(d, context.plan), scope: endpoint.id, resourceGroupName, actionGroupIds: [actionGroupId], tags }, { ...opts, dependsOn: [endpoint] });
  if (alerting.budget) resourceGroupBudget(n('budget'), { design: alerting.budget, resourceGroupId: group.id, actionGroupIds: [actionGroupId] }, opts);

  const trafficCommand = pulumi.all([resourceGroupName, workspaceName]).apply(([rg, ws]) => azureMlTrafficCommand(d, rg, ws));
  return { workspace, endpoint, deployments, trafficCommand };
}
