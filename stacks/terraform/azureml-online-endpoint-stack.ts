/**
 * The Terraform (cdktf) stack of the `azureml-online-endpoint` blueprint: the Azure ML workspace and
 * everything it needs (Key Vault with the workspace CMK, storage with the weights and the Dockerfile,
 * registry, Application Insights), all with public network access disabled. hashicorp/azurerm has no
 * managed online endpoint or deployment resource, so the endpoint, the blue and green deployments and the
 * traffic split are the `az ml` files and commands of the `azureml_cli` output (lib/azureml/cli-files.ts).
 */
import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MachineLearningWorkspace } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageBlob } from '@cdktf/provider-azurerm/lib/storage-blob';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Fn, TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { stringify } from 'yaml';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { alphanumericName, AZURE_ROLES } from '../../lib/azureml/azure-names';
import { azureMlCliFiles } from '../../lib/azureml/cli-files';
import { azureDeploymentAlerting } from '../../lib/azure/alert-routing';
import { azureMlEndpointAlerts, onlineEndpointId } from '../../lib/azure/alert-rules';
import { AlertActionGroup } from '../../constructs/terraform/azure/alert-action-group';
import { MetricAlerts } from '../../constructs/terraform/azure/metric-alerts';
import { ResourceGroupBudget } from '../../constructs/terraform/azure/resource-group-budget';
import { azureMlDockerfile, describeAzureMlOnlineEndpoint, type AzureMlOnlineEndpointDescription } from '../../lib/azureml/describe-online-endpoint';

export interface AzureMlOnlineEndpointTerraformStackProps {
  /** The blueprint's planned deployment. */
  readonly context: BlueprintContext;
}

export class AzureMlOnlineEndpointTerraformStack extends TerraformStack {
  public readonly description: AzureMlOnlineEndpointDescription;
  public readonly workspace: MachineLearningWorkspace;

  constructor(scope: Construct, id: string, props: AzureMlOnlineEndpointTerraformStackProps) {
    super(scope, id);
    const spec = props.context.plan.spec;
    const d = describeAzureMlOnlineEndpoint(props.context.plan);
    this.description = d;
    const tags = { ...spec.tags, 'managed-by': 'ai-model-deployment' };
    const location = d.region;
    new AzurermProvider(this, 'azurerm', { features: [{}], storageUseAzuread: true });
    const client = new DataAzurermClientConfig(this, 'Client', {});
    const group = new ResourceGroup(this, 'Group', { name: `${d.name}-rg`, location, tags });
    const resourceGroupName = group.name;

    const vault = new KeyVault(this, 'Vault', {
      name: alphanumericName(d.name, 'kv', 24), resourceGroupName, location, tags, tenantId: client.tenantId, skuName: 'standard',
      rbacAuthorizationEnabled: true, purgeProtectionEnabled: true, softDeleteRetentionDays: 90, publicNetworkAccessEnabled: false,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
    });
    const key = new KeyVaultKey(this, 'WorkspaceKey', {
      name: 'workspace-cmk', keyVaultId: vault.id, keyType: 'RSA', keySize: 3072, keyOpts: ['wrapKey', 'unwrapKey'],
      rotationPolicy: { automatic: { timeAfterCreation: 'P90D' }, expireAfter: 'P2Y' },
    });
    const cmkIdentity = new UserAssignedIdentity(this, 'CmkIdentity', { name: `${d.name}-cmk-identity`, resourceGroupName, location, tags });
    const cmkGrant = new RoleAssignment(this, 'CmkGrant', { scope: vault.id, roleDefinitionId: `/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${AZURE_ROLES.keyVaultCryptoServiceEncryptionUser}`, principalId: cmkIdentity.principalId, principalType: 'ServicePrincipal' });

    const account = new StorageAccount(this, 'Storage', {
      name: alphanumericName(d.name, 'st', 24), resourceGroupName, location, tags, accountTier: 'Standard', accountReplicationType: 'ZRS',
      accountKind: 'StorageV2', allowNestedItemsToBePublic: false, sharedAccessKeyEnabled: false, minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true, publicNetworkAccessEnabled: false, infrastructureEncryptionEnabled: true,
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'] },
      identity: { type: 'UserAssigned', identityIds: [cmkIdentity.id] },
      customerManagedKey: { keyVaultKeyId: key.versionlessId, userAssignedIdentityId: cmkIdentity.id },
      dependsOn: [cmkGrant],
      // The weights outlive the endpoint: `terraform state rm` the account before `destroy` (docs/clouds/azureml.md).
      lifecycle: { preventDestroy: true },
    });
    const weights = new StorageContainer(this, 'Weights', { name: d.weightsContainer, storageAccountId: account.id, containerAccessType: 'private' });
    const builds = new StorageContainer(this, 'Environments', { name: 'environments', storageAccountId: account.id, containerAccessType: 'private' });
    const dockerfile = azureMlDockerfile(d, `az://${d.weightsContainer}/${d.weightsPrefix}`);
    new StorageBlob(this, 'Dockerfile', {
      name: `${d.name}/Dockerfile`, storageAccountName: account.name, storageContainerName: builds.name, type: 'Block', contentType: 'text/plain',
      sourceContent: dockerfile,
    });
    const registry = new ContainerRegistry(this, 'Registry', { name: alphanumericName(d.name, 'acr', 50), resourceGroupName, location, tags, sku: 'Premium', adminEnabled: false, publicNetworkAccessEnabled: false });
    const logs = new LogAnalyticsWorkspace(this, 'Logs', { name: `${d.name}-logs`, resourceGroupName, location, tags, sku: 'PerGB2018', retentionInDays: 90 });
    const insights = new ApplicationInsights(this, 'Insights', { name: `${d.name}-appi`, resourceGroupName, location, tags, applicationType: 'web', workspaceId: logs.id });

    this.workspace = new MachineLearningWorkspace(this, 'Workspace', {
      name: `${d.name}-ws`, resourceGroupName, location, tags,
      keyVaultId: vault.id, storageAccountId: account.id, containerRegistryId: registry.id, applicationInsightsId: insights.id,
      identity: { type: 'SystemAssigned, UserAssigned', identityIds: [cmkIdentity.id] },
      primaryUserAssignedIdentity: cmkIdentity.id,
      publicNetworkAccessEnabled: false,
      managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' },
      encryption: { keyVaultId: vault.id, keyId: key.id, userAssignedIdentityId: cmkIdentity.id },
      dependsOn: [cmkGrant],
    });

    // The endpoint's identity, granted before the endpoint exists: read the weights, pull the image, nothing else.
    const servingIdentity = new UserAssignedIdentity(this, 'ServingIdentity', { name: `${d.name}-serving-identity`, resourceGroupName, location, tags });
    const role = (id: string) => `/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${id}`;
    new RoleAssignment(this, 'ServingReadsWeights', { scope: weights.resourceManagerId, roleDefinitionId: role(AZURE_ROLES.storageBlobDataReader), principalId: servingIdentity.principalId, principalType: 'ServicePrincipal' });
    new RoleAssignment(this, 'ServingPullsImage', { scope: registry.id, roleDefinitionId: role(AZURE_ROLES.acrPull), principalId: servingIdentity.principalId, principalType: 'ServicePrincipal' });

    // Alerts that reach people: the endpoint's metric alerts and the resource group's budget, to the action group. The
    // endpoint is created by `az ml` after this apply and ARM refuses an alert on a missing resource, so the alerts are
    // created by a second apply with `-var online_endpoint_exists=true` (docs/clouds/azureml.md).
    const alerting = azureDeploymentAlerting(props.context.plan);
    const actions = new AlertActionGroup(this, 'Alerts', { design: alerting.routing.actionGroup, resourceGroupName, subscriptionId: client.subscriptionId, tags });
    const endpointExists = new TerraformVariable(this, 'online_endpoint_exists', {
      type: 'bool', default: false, description: 'true once the az ml commands of the azureml_cli output have created the online endpoint: creates its metric alerts',
    });
    new MetricAlerts(this, 'EndpointAlerts', {
      alerts: azureMlEndpointAlerts(d, props.context.plan), scope: onlineEndpointId(this.workspace.id, d.endpointName), resourceGroupName,
      actionGroupIds: [actions.group.id], count: Token.asNumber(Fn.conditional(endpointExists.booleanValue, 1, 0)), tags,
    });
    if (alerting.budget) new ResourceGroupBudget(this, 'Budget', { design: alerting.budget, resourceGroupId: group.id, actionGroupIds: [actions.group.id] });

    const cli = azureMlCliFiles(d, { storageAccountName: account.name, identityResourceId: servingIdentity.id, identityClientId: servingIdentity.clientId });
    new TerraformOutput(this, 'workspace', { value: this.workspace.name });
    new TerraformOutput(this, 'weights_uri', { value: `az://${weights.name}/${d.weightsPrefix}` });
    new TerraformOutput(this, 'machine', { value: `${d.machine.machineType} × ${d.instanceCount}: ${d.machine.reason}` });
    new TerraformOutput(this, 'azureml_cli', {
      description: 'az ml files and commands for the online endpoint and its blue/green deployments (azurerm has no resource for them)',
      value: { files: { ...Object.fromEntries(Object.entries(cli.files).map(([file, doc]) => [file, stringify(doc)])), Dockerfile: dockerfile }, commands: [...cli.commands, '# then, to create the endpoint\'s metric alerts:', 'terraform apply -var online_endpoint_exists=true'].join('\n') },
    });
  }
}
