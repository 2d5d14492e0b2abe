/**
 * The `llm-aks` blueprint on cdktf and Pulumi: each engine synthesized once (beforeAll), the key Azure
 * resources and their security settings asserted, and zero error findings (our Azure rules included).
 */
import { LLM_AKS } from '../../blueprints/aks/llm-aks';
import { rendersOn } from '../../blueprints/blueprint';
import { llmAksDesign } from '../../lib/azure/llm-aks-design';
import { contextFor } from '../../lib/synth/context';
import { synthPulumi, synthTerraform } from '../../lib/synth/engines';
import type { RecordedPulumiResource } from '../../lib/validation/pulumi-mocks';
import { errorsOf, formatFindings, type ValidationFinding } from '../../lib/validation/types';

const context = contextFor(LLM_AKS);
const design = llmAksDesign(context);

/** The resources of one azurerm type, by name. */
function resourcesOf(json: Record<string, any>, type: string): Record<string, any>[] {
  return Object.values((json.resource?.[type] ?? {}) as Record<string, any>);
}
function one(json: Record<string, any>, type: string): Record<string, any> {
  const found = resourcesOf(json, type);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('llm-aks on cdktf (azurerm)', () => {
  let json: Record<string, any>;
  let findings: ValidationFinding[];
  beforeAll(() => {
    const out = synthTerraform([LLM_AKS], [context]);
    json = out.stacks.get('llm-aks')!;
    findings = out.findings.get('llm-aks')!;
  });

  test('has no error findings (Terraform structure, deployability, Azure security rules)', () => {
    expect(formatFindings(errorsOf(findings))).toBe('');
  });

  test('the cluster is private, with workload identity, Entra ID RBAC, no local accounts and managed Prometheus', () => {
    const cluster = one(json, 'azurerm_kubernetes_cluster');
    expect(cluster).toMatchObject({
      private_cluster_enabled: true, oidc_issuer_enabled: true, workload_identity_enabled: true, local_account_disabled: true,
      azure_active_directory_role_based_access_control: { azure_rbac_enabled: true },
      network_profile: { network_plugin: 'azure', network_plugin_mode: 'overlay' },
      workload_autoscaler_profile: { keda_enabled: true },
    });
    expect(cluster.monitor_metrics).toBeDefined();
    expect(one(json, 'azurerm_monitor_workspace').public_network_access_enabled).toBe(false);
    const ruleAssociation = resourcesOf(json, 'azurerm_monitor_data_collection_rule_association').find((a) => a.data_collection_rule_id !== undefined);
    expect(ruleAssociation?.target_resource_id).toMatch(/azurerm_kubernetes_cluster\..*\.id/);
  });

  test("the GPU pool has the plan's VM size, the AKS GPU taint and the spec's replica bounds", () => {
    const pool = one(json, 'azurerm_kubernetes_cluster_node_pool');
    expect(pool).toMatchObject({
      vm_size: context.plan.llm!.instanceType, node_taints: ['sku=gpu:NoSchedule'], auto_scaling_enabled: true, min_count: 1, max_count: 4, mode: 'User',
    });
  });

  test('the weights account is private, key-less, TLS 1.2, encrypted with a key from a purge-protected vault, and kept on destroy', () => {
    const account = one(json, 'azurerm_storage_account');
    expect(account).toMatchObject({
      allow_nested_items_to_be_public: false, shared_access_key_enabled: false, min_tls_version: 'TLS1_2', public_network_access_enabled: false,
      customer_managed_key: { key_vault_key_id: expect.stringMatching(/azurerm_key_vault_key\..*\.versionless_id/) },
      lifecycle: { prevent_destroy: true },
    });
    expect(one(json, 'azurerm_key_vault')).toMatchObject({ purge_protection_enabled: true, lifecycle: { prevent_destroy: true } });
    expect(one(json, 'azurerm_storage_container')).toMatchObject({ container_access_type: 'private', lifecycle: { prevent_destroy: true } });
    expect(resourcesOf(json, 'azurerm_private_endpoint').map((e) => e.private_service_connection.subresource_names)).toContainEqual(['blob']);
  });

  test("the model reader is federated with the cluster's issuer for the serving ServiceAccount and reads only the container", () => {
    expect(resourcesOf(json, 'azurerm_federated_identity_credential').find((f) => f.subject === 'system:serviceaccount:llm-aks:llm-aks')).toMatchObject({
      audience: ['api://AzureADTokenExchange'], issuer: expect.stringMatching(/oidc_issuer_url/),
    });
    const reader = resourcesOf(json, 'azurerm_role_assignment').find((r) => r.role_definition_name === 'Storage Blob Data Reader');
    expect(reader?.scope).toMatch(/\/blobServices\/default\/containers\/models$/);
  });

  test("the serving objects are applied with kubelogin (Entra ID), the ServiceAccount carrying the reader's client id", () => {
    expect(json.provider.kubernetes[0].exec[0]).toMatchObject({ command: 'kubelogin', args: expect.arrayContaining(['get-token', '--login', 'azurecli']) });
    const manifests = resourcesOf(json, 'kubernetes_manifest').map((m) => m.manifest);
    const account = manifests.find((m) => m.kind === 'ServiceAccount' && m.metadata.name === design.workloadIdentity.serviceAccount);
    expect(account.metadata.annotations['azure.workload.identity/client-id']).toMatch(/azurerm_user_assigned_identity\..*\.client_id/);
    expect(manifests.map((m) => m.kind)).toEqual(expect.arrayContaining(['Namespace', 'Deployment', 'DaemonSet', 'ScaledObject', 'ServiceMonitor']));
  });

  test('the vLLM alerts are an Azure Prometheus rule group over the Monitor workspace, each rule to the action group; the budget too', () => {
    const group = one(json, 'azurerm_monitor_alert_prometheus_rule_group');
    expect(group).toMatchObject({ name: 'llm-aks-vllm', cluster_name: design.clusterName, interval: 'PT1M', rule_group_enabled: true });
    expect(group.scopes).toEqual([expect.stringMatching(/azurerm_monitor_workspace\..*\.id/), expect.stringMatching(/azurerm_kubernetes_cluster\..*\.id/)]);
    expect(group.rule.map((r: any) => r.alert)).toEqual(['VllmTimeToFirstTokenP95High', 'VllmInterTokenLatencyP95High', 'VllmQueueDepthHigh', 'VllmKvCacheAlmostFull', 'GpuXidError']);
    expect(group.rule[2].expression).toMatch(new RegExp(`^max\\(vllm:num_requests_waiting\\{namespace="${design.workloadIdentity.namespace}",service="${design.name}"\\}\\) > \\d+$`));
    for (const rule of group.rule) expect(rule.action).toEqual([{ action_group_id: expect.stringMatching(/azurerm_monitor_action_group\..*\.id/) }]);
    const budget = one(json, 'azurerm_consumption_budget_resource_group');
    expect(budget).toMatchObject({ amount: Math.ceil(context.plan.summary.monthlyCostUsd! * 1.2), resource_group_id: expect.stringMatching(/azurerm_resource_group\..*\.id/) });
    expect(budget.notification.every((n: any) => n.contact_groups.length === 1)).toBe(true);
    // No recipients in the blueprint's spec: the synth says so instead of routing to nobody silently.
    expect(findings.filter((f) => f.severity === 'warning' && /action group has no receiver/.test(f.message))).toHaveLength(1);
  });

  test('KEDA (the AKS add-on) queries the workspace as its own identity: federated with kube-system/keda-operator, Monitoring Data Reader on the workspace', () => {
    const federation = resourcesOf(json, 'azurerm_federated_identity_credential').find((f) => f.subject === 'system:serviceaccount:kube-system:keda-operator');
    expect(federation).toMatchObject({ audience: ['api://AzureADTokenExchange'], issuer: expect.stringMatching(/oidc_issuer_url/) });
    const reader = resourcesOf(json, 'azurerm_role_assignment').find((r) => r.role_definition_name === 'Monitoring Data Reader');
    expect(reader?.scope).toMatch(/azurerm_monitor_workspace\..*\.id/);
    expect(reader?.principal_id).toMatch(/azurerm_user_assigned_identity\.\w*Keda\w*\.principal_id/);
  });

  test('the private workspace is queried through its prometheusMetrics private endpoint and regional private DNS zone', () => {
    const endpoint = resourcesOf(json, 'azurerm_private_endpoint').find((e) => e.private_service_connection.subresource_names[0] === 'prometheusMetrics');
    expect(endpoint?.private_service_connection.private_connection_resource_id).toMatch(/azurerm_monitor_workspace\..*\.id/);
    expect(resourcesOf(json, 'azurerm_private_dns_zone').map((z) => z.name)).toContain(`privatelink.${design.location}.prometheus.monitor.azure.com`);
  });

  test('the ScaledObject queries the workspace\'s query endpoint and authenticates as the KEDA identity, after it exists', () => {
    const manifests = resourcesOf(json, 'kubernetes_manifest');
    const scaled = manifests.find((m) => m.manifest.kind === 'ScaledObject')!;
    const auth = manifests.find((m) => m.manifest.kind === 'TriggerAuthentication')!;
    expect(scaled.manifest.spec.triggers.map((t: any) => t.metadata.serverAddress)).toEqual(expect.arrayContaining([expect.stringMatching(/azurerm_monitor_workspace\..*\.query_endpoint/)]));
    expect(auth.manifest.spec.podIdentity).toEqual({ provider: 'azure-workload', identityId: expect.stringMatching(/azurerm_user_assigned_identity\.\w*Keda\w*\.client_id/) });
    expect(scaled.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/azurerm_role_assignment\.\w*Keda/), expect.stringMatching(/azurerm_private_endpoint\.\w*Keda/)]));
    expect(findings.filter((f) => f.rule === 'deployability/autoscaling')).toEqual([]);
  });

  test('the metrics add-on reaches its private DCE through an Azure Monitor Private Link Scope: azuremonitor private endpoint, privatelink.monitor.azure.com, configurationAccessEndpoint', () => {
    const endpoint = one(json, 'azurerm_monitor_data_collection_endpoint');
    expect(endpoint).toMatchObject({ public_network_access_enabled: false, location: one(json, 'azurerm_kubernetes_cluster').location });
    expect(one(json, 'azurerm_monitor_private_link_scope')).toMatchObject({ name: `ampls-${design.name}`, ingestion_access_mode: 'PrivateOnly', query_access_mode: 'PrivateOnly' });
    expect(one(json, 'azurerm_monitor_private_link_scoped_service')).toMatchObject({
      scope_name: expect.stringMatching(/azurerm_monitor_private_link_scope\..*\.name/), linked_resource_id: expect.stringMatching(/azurerm_monitor_data_collection_endpoint\..*\.id/),
    });
    const scopeEndpoint = resourcesOf(json, 'azurerm_private_endpoint').find((e) => e.private_service_connection.subresource_names[0] === 'azuremonitor');
    expect(scopeEndpoint?.private_service_connection.private_connection_resource_id).toMatch(/azurerm_monitor_private_link_scope\..*\.id/);
    expect(scopeEndpoint?.private_dns_zone_group.private_dns_zone_ids).toEqual([expect.stringMatching(/azurerm_private_dns_zone\.\w*PrometheusIngestion\w*\.id/)]);
    expect(resourcesOf(json, 'azurerm_private_dns_zone').map((z) => z.name)).toContain('privatelink.monitor.azure.com');
    const configuration = resourcesOf(json, 'azurerm_monitor_data_collection_rule_association').find((a) => a.data_collection_endpoint_id !== undefined);
    expect(configuration).toMatchObject({
      name: 'configurationAccessEndpoint', target_resource_id: expect.stringMatching(/azurerm_kubernetes_cluster\..*\.id/), data_collection_endpoint_id: expect.stringMatching(/azurerm_monitor_data_collection_endpoint\..*\.id/),
    });
    expect(findings.filter((f) => f.rule === 'deployability/private-monitoring')).toEqual([]);
  });

  test('the GPU pool VM size is an Azure size planned on the Azure catalogue (no azure/gpu-vm-size warning)', () => {
    expect(design.gpuPool.vmSize).toMatch(/^Standard_/);
    expect(findings.filter((f) => f.rule === 'azure/gpu-vm-size')).toEqual([]);
  });
});

describe('llm-aks on Pulumi (azure-native)', () => {
  let resources: readonly RecordedPulumiResource[];
  let findings: ValidationFinding[];
  beforeAll(async () => {
    ({ resources, findings } = await synthPulumi(LLM_AKS, context));
  });
  const byType = (type: string) => resources.filter((r) => r.type === type);

  test('has no error findings (mocks, deployability, Azure security rules)', () => {
    expect(formatFindings(errorsOf(findings))).toBe('');
  });

  test('the cluster and GPU pool match the cdktf stack', () => {
    const [cluster] = byType('azure-native:containerservice:ManagedCluster');
    expect(cluster!.inputs).toMatchObject({
      disableLocalAccounts: true, apiServerAccessProfile: { enablePrivateCluster: true }, oidcIssuerProfile: { enabled: true },
      securityProfile: { workloadIdentity: { enabled: true } }, azureMonitorProfile: { metrics: { enabled: true } }, workloadAutoScalerProfile: { keda: { enabled: true } },
    });
    const [pool] = byType('azure-native:containerservice:AgentPool');
    expect(pool!.inputs).toMatchObject({ vmSize: design.gpuPool.vmSize, nodeTaints: ['sku=gpu:NoSchedule'], minCount: 1, maxCount: 4, enableAutoScaling: true });
  });

  test('the storage account, container, vault and key are retained on delete; the account uses the key', () => {
    for (const type of ['storage:StorageAccount', 'storage:BlobContainer', 'keyvault:Vault', 'keyvault:Key']) {
      expect(byType(`azure-native:${type}`).map((r) => r.retainOnDelete)).toEqual([true]);
    }
    expect(byType('azure-native:storage:StorageAccount')[0]!.inputs).toMatchObject({
      allowBlobPublicAccess: false, allowSharedKeyAccess: false, minimumTlsVersion: 'TLS1_2', publicNetworkAccess: 'Disabled',
      encryption: { keySource: 'Microsoft.Keyvault', keyVaultProperties: { keyName: design.storage.keyName } },
    });
  });

  test("the reader's federated credential and its container-scoped Storage Blob Data Reader role", () => {
    const federation = byType('azure-native:managedidentity:FederatedIdentityCredential').find((r) => r.inputs.subject === design.workloadIdentity.subject);
    expect(federation!.inputs).toMatchObject({ subject: design.workloadIdentity.subject, issuer: expect.stringMatching(/^https:\/\//) });
    const reader = byType('azure-native:authorization:RoleAssignment').find((r) => String(r.inputs.roleDefinitionId).endsWith('2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'));
    expect(reader?.inputs.scope).toMatch(/\/blobServices\/default\/containers\/models$/);
  });

  test('the same rule group (every rule to the action group) and resource group budget as on cdktf', () => {
    const [group] = byType('azure-native:alertsmanagement:PrometheusRuleGroup');
    expect(group!.inputs).toMatchObject({ ruleGroupName: 'llm-aks-vllm', clusterName: design.clusterName, enabled: true });
    const rules = group!.inputs.rules as any[];
    expect(rules).toHaveLength(5);
    for (const rule of rules) expect(rule.actions).toHaveLength(1);
    expect(byType('azure-native:monitor:ActionGroup')).toHaveLength(1);
    expect(byType('azure-native:consumption:Budget')[0]!.inputs).toMatchObject({ amount: Math.ceil(context.plan.summary.monthlyCostUsd! * 1.2), timeGrain: 'Monthly' });
  });

  test("the serving objects are applied; the ServiceAccount carries the reader identity's client id", () => {
    const account = byType('kubernetes:core/v1:ServiceAccount').find((r) => (r.inputs.metadata as any)?.name === design.workloadIdentity.serviceAccount);
    // The mocks answer `<logical name>-client` for an identity's clientId: the annotation is that Output, resolved.
    expect((account?.inputs.metadata as any)?.annotations).toEqual({ 'azure.workload.identity/client-id': `${design.name}-model-reader-client` });
    expect(byType('kubernetes:apps/v1:DaemonSet').map((r) => (r.inputs.metadata as any)?.name)).toContain('nvidia-device-plugin');
  });

  test('the ScaledObject carries the workspace\'s real query endpoint and the KEDA identity, never the manifests\' placeholders', () => {
    const scaled = byType('kubernetes:keda.sh/v1alpha1:ScaledObject');
    const auth = byType('kubernetes:keda.sh/v1alpha1:TriggerAuthentication');
    expect(scaled).toHaveLength(1);
    // The mocks answer `https://<logical name>.eastus.prometheus.monitor.azure.com` for a workspace's query endpoint.
    expect((scaled[0]!.inputs.spec as any).triggers.map((t: any) => t.metadata.serverAddress)).toEqual(
      (scaled[0]!.inputs.spec as any).triggers.map(() => `https://${design.name}-amw.eastus.prometheus.monitor.azure.com`));
    expect((auth[0]!.inputs.spec as any).podIdentity).toEqual({ provider: 'azure-workload', identityId: `${design.name}-keda-client` });
    expect(JSON.stringify(resources.map((r) => r.inputs))).not.toMatch(/\$\{(PROMETHEUS_QUERY_ENDPOINT|KEDA_CLIENT_ID)\}/);
    const kedaFederation = byType('azure-native:managedidentity:FederatedIdentityCredential').find((r) => r.inputs.subject === 'system:serviceaccount:kube-system:keda-operator');
    expect(kedaFederation).toBeDefined();
    expect(byType('azure-native:authorization:RoleAssignment').map((r) => String(r.inputs.roleDefinitionId))).toContainEqual(expect.stringMatching(/b0d8363b-8ddd-447d-831f-62ca05bff136$/));
    expect(byType('azure-native:network:PrivateEndpoint').map((r) => (r.inputs.privateLinkServiceConnections as any)[0].groupIds)).toContainEqual(['prometheusMetrics']);
  });

  test('the DCE is in the Azure Monitor Private Link Scope behind an azuremonitor private endpoint, and the cluster fetches its configuration from it', () => {
    const [dce] = byType('azure-native:monitor:DataCollectionEndpoint');
    const [scope] = byType('azure-native:monitor:PrivateLinkScope');
    expect(scope!.inputs).toMatchObject({ scopeName: `ampls-${design.name}`, accessModeSettings: { ingestionAccessMode: 'PrivateOnly', queryAccessMode: 'PrivateOnly' } });
    // The mocks answer `<logical name>-id` for an id.
    expect(byType('azure-native:monitor:PrivateLinkScopedResource').map((r) => r.inputs.linkedResourceId)).toEqual([`${dce!.name}-id`]);
    expect(byType('azure-native:network:PrivateEndpoint').map((r) => (r.inputs.privateLinkServiceConnections as any)[0])).toContainEqual(
      expect.objectContaining({ privateLinkServiceId: `${scope!.name}-id`, groupIds: ['azuremonitor'] }));
    expect(byType('azure-native:privatedns:PrivateZone').map((z) => z.inputs.privateZoneName)).toContain('privatelink.monitor.azure.com');
    const configuration = byType('azure-native:monitor:DataCollectionRuleAssociation').find((a) => a.inputs.dataCollectionEndpointId !== undefined);
    expect(configuration?.inputs).toMatchObject({ associationName: 'configurationAccessEndpoint', dataCollectionEndpointId: `${dce!.name}-id`, resourceUri: `${design.name}-aks-id` });
    expect(findings.filter((f) => f.rule === 'deployability/private-monitoring')).toEqual([]);
  });
});

describe('llm-aks on CDK', () => {
  test('is refused: CDK is AWS-only, and the message names cdktf and Pulumi', () => {
    expect(rendersOn(LLM_AKS, 'cdk')).toBe(false);
    expect(() => LLM_AKS.renderCdk(undefined as never, context)).toThrow(/CDK is AWS-only[\s\S]*cdktf[\s\S]*Pulumi/);
  });
});
