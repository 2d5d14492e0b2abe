/**
 * deployability/private-monitoring: a data collection endpoint or Azure Monitor workspace with public network access
 * off must be reachable privately. Pure facts from hand-written engine output shaped like `llm-aks`: as main rendered
 * it (DCE in no Private Link Scope, no configuration association) it fails; with the scope, its private endpoint and
 * the `configurationAccessEndpoint` association it passes. Both engines' fact readers are exercised.
 */
import { checkPrivateMonitoring, factsFromPulumi, factsFromTerraform } from '../../../lib/validation/deployability';
import type { RecordedPulumiResource } from '../../../lib/validation/pulumi-mocks';

/** The Managed Prometheus wiring of llm-aks before the fix (cdktf): private-only DCE and workspace, query private endpoint. */
const TERRAFORM_BEFORE = {
  azurerm_kubernetes_cluster: { aks: { location: 'eastus', monitor_metrics: {}, private_cluster_enabled: true } },
  azurerm_monitor_workspace: { amw: { public_network_access_enabled: false } },
  azurerm_monitor_data_collection_endpoint: { dce: { location: 'eastus', kind: 'Linux', public_network_access_enabled: false } },
  azurerm_monitor_data_collection_rule: { dcr: { data_collection_endpoint_id: '${azurerm_monitor_data_collection_endpoint.dce.id}' } },
  azurerm_monitor_data_collection_rule_association: {
    dcra: { name: 'dcra-llm-aks', target_resource_id: '${azurerm_kubernetes_cluster.aks.id}', data_collection_rule_id: '${azurerm_monitor_data_collection_rule.dcr.id}' },
  },
  azurerm_private_endpoint: {
    query: { private_service_connection: { private_connection_resource_id: '${azurerm_monitor_workspace.amw.id}', subresource_names: ['prometheusMetrics'] } },
  },
};
/** What PrometheusPrivateIngestion adds. */
const TERRAFORM_FIX = {
  azurerm_monitor_private_link_scope: { ampls: { ingestion_access_mode: 'PrivateOnly', query_access_mode: 'PrivateOnly' } },
  azurerm_monitor_private_link_scoped_service: {
    dce: { scope_name: '${azurerm_monitor_private_link_scope.ampls.name}', linked_resource_id: '${azurerm_monitor_data_collection_endpoint.dce.id}' },
  },
  azurerm_private_endpoint: {
    ...TERRAFORM_BEFORE.azurerm_private_endpoint,
    ampls: { private_service_connection: { private_connection_resource_id: '${azurerm_monitor_private_link_scope.ampls.id}', subresource_names: ['azuremonitor'] } },
  },
  azurerm_monitor_data_collection_rule_association: {
    ...TERRAFORM_BEFORE.azurerm_monitor_data_collection_rule_association,
    config: { name: 'configurationAccessEndpoint', target_resource_id: '${azurerm_kubernetes_cluster.aks.id}', data_collection_endpoint_id: '${azurerm_monitor_data_collection_endpoint.dce.id}' },
  },
};
const terraform = (resource: Record<string, unknown>) => checkPrivateMonitoring(factsFromTerraform({ resource }));
const messagesOf = (findings: { resource: string; severity: string; message: string }[]) => findings.map((f) => `${f.severity} ${f.resource}: ${f.message}`);

describe('GIVEN llm-aks on cdktf as main rendered it', () => {
  const findings = terraform(TERRAFORM_BEFORE);

  test('THEN the DCE in no Private Link Scope is an error naming the field and the fix', () => {
    const dce = findings.find((f) => f.resource === 'azurerm_monitor_data_collection_endpoint.dce');
    expect(dce).toMatchObject({ rule: 'deployability/private-monitoring', severity: 'error', engine: 'terraform' });
    expect(dce!.message).toMatch(/public_network_access_enabled.*is in no Azure Monitor Private Link Scope/);
    expect(dce!.message).toMatch(/Fix: add it to an Azure Monitor Private Link Scope \(azurerm_monitor_private_link_scoped_service.*subresource azuremonitor.*privatelink\.monitor\.azure\.com/);
  });

  test('THEN the cluster without a configurationAccessEndpoint association is an error', () => {
    expect(findings.find((f) => f.resource === 'azurerm_kubernetes_cluster.aks')?.message).toMatch(/no configurationAccessEndpoint association.*Fix: associate the cluster/);
  });

  test('THEN the workspace, which has its query private endpoint, is not reported', () => {
    expect(findings.map((f) => f.resource)).not.toContain('azurerm_monitor_workspace.amw');
  });
});

describe('GIVEN llm-aks on cdktf with the Private Link Scope, its private endpoint and the configuration association', () => {
  test('THEN there is nothing to report', () => {
    expect(messagesOf(terraform({ ...TERRAFORM_BEFORE, ...TERRAFORM_FIX }))).toEqual([]);
  });

  test('THEN a scope no private endpoint connects to does not count', () => {
    const { ampls: _scopeEndpoint, ...queryOnly } = TERRAFORM_FIX.azurerm_private_endpoint;
    const findings = terraform({ ...TERRAFORM_BEFORE, ...TERRAFORM_FIX, azurerm_private_endpoint: queryOnly });
    expect(findings.find((f) => f.resource === 'azurerm_monitor_data_collection_endpoint.dce')?.message).toMatch(/Private Link Scope \(azurerm_monitor_private_link_scope\.ampls\) has no private endpoint/);
  });

  test('THEN a configuration endpoint in another region than the cluster does not count', () => {
    const westEndpoint = { dce: { ...TERRAFORM_BEFORE.azurerm_monitor_data_collection_endpoint.dce, location: 'westeurope' } };
    const findings = terraform({ ...TERRAFORM_BEFORE, ...TERRAFORM_FIX, azurerm_monitor_data_collection_endpoint: westEndpoint });
    expect(findings.map((f) => f.resource)).toEqual(['azurerm_kubernetes_cluster.aks']);
    expect(findings[0]!.message).toMatch(/privately reachable endpoint in its region/);
  });

  test('THEN a private-only workspace without a private endpoint is a warning, and an error once ScaledObjects query it', () => {
    const { query: _query, ...scopeOnly } = TERRAFORM_FIX.azurerm_private_endpoint;
    const resource = { ...TERRAFORM_BEFORE, ...TERRAFORM_FIX, azurerm_private_endpoint: scopeOnly };
    expect(terraform(resource)).toEqual([expect.objectContaining({ resource: 'azurerm_monitor_workspace.amw', severity: 'warning' })]);
    const scaledObject = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'llm', namespace: 'llm' }, spec: { triggers: [{ type: 'prometheus', metadata: {} }] } };
    const withKeda = { ...resource, kubernetes_manifest: { so: { manifest: scaledObject } } };
    expect(terraform(withKeda)).toEqual([expect.objectContaining({ resource: 'azurerm_monitor_workspace.amw', severity: 'error', message: expect.stringMatching(/Prometheus triggers cannot reach.*subresource prometheusMetrics/) })]);
  });
});

describe('GIVEN llm-aks on Pulumi (recorded inputs, mock ids <name>-id)', () => {
  const r = (type: string, name: string, inputs: Record<string, unknown>): RecordedPulumiResource => ({ type: `azure-native:${type}`, name, inputs, custom: true, dependencies: [], retainOnDelete: false, protect: false });
  const before = [
    r('containerservice:ManagedCluster', 'aks', { azureMonitorProfile: { metrics: { enabled: true } } }),
    r('monitor:AzureMonitorWorkspace', 'amw', { publicNetworkAccess: 'Disabled' }),
    r('monitor:DataCollectionEndpoint', 'dce', { networkAcls: { publicNetworkAccess: 'Disabled' } }),
    r('monitor:DataCollectionRuleAssociation', 'dcra', { resourceUri: 'aks-id', dataCollectionRuleId: 'dcr-id' }),
    r('network:PrivateEndpoint', 'query-pe', { privateLinkServiceConnections: [{ privateLinkServiceId: 'amw-id', groupIds: ['prometheusMetrics'] }] }),
  ];
  const fix = [
    r('monitor:PrivateLinkScope', 'ampls', { scopeName: 'ampls-llm-aks' }),
    r('monitor:PrivateLinkScopedResource', 'ampls-dce', { scopeName: 'ampls', linkedResourceId: 'dce-id' }),
    r('network:PrivateEndpoint', 'ampls-pe', { privateLinkServiceConnections: [{ privateLinkServiceId: 'ampls-id', groupIds: ['azuremonitor'] }] }),
    r('monitor:DataCollectionRuleAssociation', 'dcra-config', { associationName: 'configurationAccessEndpoint', resourceUri: 'aks-id', dataCollectionEndpointId: 'dce-id' }),
  ];

  test('THEN as main rendered it the DCE and the cluster are errors', () => {
    const findings = checkPrivateMonitoring(factsFromPulumi(before));
    expect(findings.map((f) => [f.resource, f.severity])).toEqual([['dce', 'error'], ['aks', 'error']]);
    expect(findings[0]!.message).toMatch(/networkAcls\.publicNetworkAccess.*Fix: .*azure-native monitor\.PrivateLinkScopedResource/);
  });

  test('THEN with the fix there is nothing to report', () => {
    expect(messagesOf(checkPrivateMonitoring(factsFromPulumi([...before, ...fix])))).toEqual([]);
  });
});
