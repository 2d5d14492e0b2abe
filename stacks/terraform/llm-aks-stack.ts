/**
 * The cdktf stack of the `llm-aks` blueprint: a private AKS cluster with a GPU pool, the weights' storage
 * (CMK, private endpoint, retained) and the workload identity that reads them, from {@link LlmAksDesign}.
 */
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AKS_ENTRA_SERVER_ID, STORAGE_BLOB_DATA_READER, WORKLOAD_IDENTITY_AUDIENCE, blobContainerScope, type LlmAksDesign } from '../../lib/azure/llm-aks-design';
import { llmAksKubeObjects, llmAksServingOptions } from '../../lib/azure/llm-aks-objects';
import { azureDeploymentAlerting } from '../../lib/azure/alert-routing';
import { aksPrometheusRuleGroup } from '../../lib/azure/alert-rules';
import { AlertActionGroup } from '../../constructs/terraform/azure/alert-action-group';
import { PrometheusAlertRuleGroup } from '../../constructs/terraform/azure/prometheus-alert-rule-group';
import { ResourceGroupBudget } from '../../constructs/terraform/azure/resource-group-budget';
import type { DeploymentPlan } from '../../lib/plan/deployment-plan';
import { KubeObjects } from '../../constructs/terraform/eks/kube-objects';
import { AksGpuCluster } from '../../constructs/terraform/azure/aks-gpu-cluster';
import { AksKedaIdentity } from '../../constructs/terraform/azure/aks-keda-identity';
import { ModelWeightsStorage } from '../../constructs/terraform/azure/model-weights-storage';
import { PrometheusPrivateIngestion } from '../../constructs/terraform/azure/prometheus-private-ingestion';

export interface LlmAksTerraformStackProps {
  readonly design: LlmAksDesign;
  /** The plan the Kubernetes objects serve. */
  readonly plan: DeploymentPlan;
  /**
   * Entra ID groups made cluster admins.
   * @default - none
   */
  readonly adminGroupObjectIds?: readonly string[];
  /**
   * Public CIDRs allowed through the Key Vault firewall (the runner that applies the stack).
   * @default - none
   */
  readonly operatorCidrs?: readonly string[];
}

export class LlmAksTerraformStack extends TerraformStack {
  public readonly cluster: AksGpuCluster;
  public readonly weights: ModelWeightsStorage;
  public readonly modelReader: UserAssignedIdentity;
  /** The action group every alert and budget notification names. */
  public readonly alerts: AlertActionGroup;

  constructor(scope: Construct, id: string, props: LlmAksTerraformStackProps) {
    super(scope, id);
    const { design } = props;
    new AzurermProvider(this, 'azurerm', {
      // Blob data-plane calls with Entra ID: shared keys are off on the account.
      storageUseAzuread: true,
      features: [{
        // Soft-deleted vaults and keys stay recoverable; a group that still holds resources is not deleted.
        keyVault: [{ purgeSoftDeleteOnDestroy: false, purgeSoftDeletedKeysOnDestroy: false }],
        resourceGroup: [{ preventDeletionIfContainsResources: true }],
      }],
    });
    const client = new DataAzurermClientConfig(this, 'Client', {});
    const group = new ResourceGroup(this, 'ResourceGroup', { name: design.resourceGroupName, location: design.location, tags: { ...design.tags } });
    this.cluster = new AksGpuCluster(this, 'Aks', { design, resourceGroupName: group.name, tenantId: client.tenantId, adminGroupObjectIds: props.adminGroupObjectIds });
    this.weights = new ModelWeightsStorage(this, 'Weights', {
      design, resourceGroupName: group.name, tenantId: client.tenantId, deployerObjectId: client.objectId,
      endpointsSubnetId: this.cluster.endpointsSubnet.id, vnetId: this.cluster.vnet.id, operatorCidrs: props.operatorCidrs,
    });

    const { workloadIdentity } = design;
    this.modelReader = new UserAssignedIdentity(this, 'ModelReader', { name: workloadIdentity.identityName, location: design.location, resourceGroupName: group.name, tags: { ...design.tags } });
    new FederatedIdentityCredential(this, 'ModelReaderFederation', {
      name: `${design.name}-serving`, resourceGroupName: group.name, parentId: this.modelReader.id,
      issuer: this.cluster.cluster.oidcIssuerUrl, subject: workloadIdentity.subject, audience: [WORKLOAD_IDENTITY_AUDIENCE],
    });
    // Read access on the weights' container only, not the account.
    new RoleAssignment(this, 'ModelReaderBlobReader', {
      scope: blobContainerScope(this.weights.account.id, design.storage.containerName),
      roleDefinitionName: STORAGE_BLOB_DATA_READER.name, principalId: this.modelReader.principalId, principalType: 'ServicePrincipal',
      dependsOn: [this.weights.container],
    });

    // The serving objects, applied through the private API server with Entra ID (kubelogin; local accounts are off).
    const kube = this.cluster.cluster.kubeConfig.get(0);
    const kubernetes = new KubernetesProvider(this, 'kubernetes', {
      host: kube.host,
      clusterCaCertificate: Fn.base64decode(kube.clusterCaCertificate),
      exec: [{ apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'kubelogin', args: ['get-token', '--login', 'azurecli', '--server-id', AKS_ENTRA_SERVER_ID] }],
    });
    // KEDA's own identity on the Monitor workspace, reached through its private endpoint (lib/azure/llm-aks-keda.ts).
    const keda = new AksKedaIdentity(this, 'Keda', { design, resourceGroupName: group.name, cluster: this.cluster.cluster, workspace: this.cluster.monitorWorkspace, endpointsSubnetId: this.cluster.endpointsSubnet.id, vnetId: this.cluster.vnet.id });
    // The metrics add-on's private path to its data collection endpoint (lib/azure/llm-aks-private-ingestion.ts).
    const ingestion = new PrometheusPrivateIngestion(this, 'PrometheusIngestion', { design, resourceGroupName: group.name, cluster: this.cluster.cluster, endpoint: this.cluster.prometheusEndpoint, endpointsSubnetId: this.cluster.endpointsSubnet.id, vnetId: this.cluster.vnet.id });
    new KubeObjects(this, 'Serving', { provider: kubernetes, objects: llmAksKubeObjects(design, props.plan, this.modelReader.clientId, this.cluster.monitorWorkspace.queryEndpoint, keda.identity.clientId), dependsOn: [this.cluster.gpuPool, ...keda.ready, ...ingestion.ready] });

    // Alerts that reach people: the vLLM alerts as an Azure Prometheus rule group over the cluster's workspace, and the
    // resource group's budget, both to the deployment's action group (lib/azure/alert-routing.ts).
    const alerting = azureDeploymentAlerting(props.plan);
    this.alerts = new AlertActionGroup(this, 'Alerts', { design: alerting.routing.actionGroup, resourceGroupName: group.name, subscriptionId: client.subscriptionId, tags: design.tags });
    const actionGroupIds = [this.alerts.group.id];
    new PrometheusAlertRuleGroup(this, 'VllmAlerts', {
      design: aksPrometheusRuleGroup(llmAksServingOptions(design, props.plan), design.clusterName), resourceGroupName: group.name, location: design.location,
      workspaceId: this.cluster.monitorWorkspace.id, clusterId: this.cluster.cluster.id, actionGroupIds, tags: design.tags,
    });
    if (alerting.budget) new ResourceGroupBudget(this, 'Budget', { design: alerting.budget, resourceGroupId: group.id, actionGroupIds });

    new TerraformOutput(this, 'cluster_name', { value: this.cluster.cluster.name });
    new TerraformOutput(this, 'resource_group', { value: group.name });
    new TerraformOutput(this, 'model_reader_client_id', { value: this.modelReader.clientId, description: 'azure.workload.identity/client-id of the serving ServiceAccount' });
    new TerraformOutput(this, 'prometheus_query_endpoint', { value: this.cluster.monitorWorkspace.queryEndpoint, description: 'serverAddress of the ScaledObject triggers' });
    new TerraformOutput(this, 'keda_client_id', { value: keda.identity.clientId, description: 'podIdentity.identityId of the TriggerAuthentication (KEDA add-on on the Monitor workspace)' });
    new TerraformOutput(this, 'weights_container_url', { value: `https://${design.storage.accountName}.blob.core.windows.net/${design.storage.containerName}` });
    new TerraformOutput(this, 'kubeconfig_command', { value: `az aks get-credentials --resource-group ${design.resourceGroupName} --name ${design.clusterName} && kubelogin convert-kubeconfig -l azurecli` });
  }
}
