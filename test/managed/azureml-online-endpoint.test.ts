/**
 * `azureml-online-endpoint`: the plan's VM size and vLLM flags in blue and green managed online
 * deployments behind a private, Entra ID-authenticated endpoint, on cdktf and Pulumi (each synthesized once).
 */
import { parse } from 'yaml';
import { getBlueprint } from '../../blueprints';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { describeAzureMlOnlineEndpoint, type AzureMlOnlineEndpointDescription } from '../../lib/azureml/describe-online-endpoint';
import { contextFor } from '../../lib/synth/context';
import { synthPulumi, synthTerraform } from '../../lib/synth/engines';
import type { RecordedPulumiResource } from '../../lib/validation/pulumi-mocks';
import type { ValidationFinding } from '../../lib/validation/types';

const blueprint = getBlueprint('azureml-online-endpoint');
let context: BlueprintContext;
let d: AzureMlOnlineEndpointDescription;
let tf: Record<string, any>;
let tfFindings: ValidationFinding[];
let pulumi: readonly RecordedPulumiResource[];
let pulumiFindings: ValidationFinding[];

beforeAll(async () => {
  context = contextFor(blueprint);
  d = describeAzureMlOnlineEndpoint(context.plan);
  const t = synthTerraform([blueprint], [context]);
  tf = t.stacks.get('azureml-online-endpoint')!;
  tfFindings = t.findings.get('azureml-online-endpoint')!;
  const p = await synthPulumi(blueprint, context);
  pulumi = p.resources;
  pulumiFindings = p.findings;
});

const one = (type: string) => Object.values(tf.resource[type] as Record<string, any>)[0];
const pulumiOf = (type: string) => pulumi.filter((r) => r.type === type);

describe('GIVEN the azureml-online-endpoint blueprint', () => {
  test('THEN the VM size has the plan’s GPU count with at least its GPU memory, blue takes 90 % and green the 10 % canary', () => {
    expect(d.machine.acceleratorCount).toBe(context.plan.llm!.acceleratorCount);
    expect(d.machine.machineType).toMatch(/^Standard_N/);
    expect(d.deployments).toEqual([{ name: 'blue', trafficPercent: 90 }, { name: 'green', trafficPercent: 10 }]);
    expect([d.instanceCount, d.authMode, d.publicNetworkAccess]).toEqual([1, 'AADToken', 'Disabled']);
  });

  test('THEN the container is vLLM’s image with the plan’s flags baked into the entrypoint, reading the weights from storage', () => {
    const [, ...flags] = context.plan.llm!.engineArgs;
    const entrypoint = JSON.parse(/ENTRYPOINT (.*)/.exec(d.container.dockerfile)![1]!) as string[];
    expect(entrypoint.slice(0, 2)).toEqual(['vllm', 'serve']);
    expect(entrypoint.slice(3, 3 + flags.length)).toEqual(flags);
    expect(entrypoint).toEqual(expect.arrayContaining(['--load-format', 'runai_streamer']));
    expect(d.container.dockerfile).toMatch(/^FROM vllm\/vllm-openai:v/);
  });

  test('THEN on cdktf the workspace, its storage, registry and vault refuse public access and the workspace uses its own key', () => {
    expect(one('azurerm_machine_learning_workspace')).toMatchObject({ public_network_access_enabled: false, encryption: { key_id: expect.stringContaining('azurerm_key_vault_key') } });
    expect(one('azurerm_storage_account')).toMatchObject({ public_network_access_enabled: false, allow_nested_items_to_be_public: false, shared_access_key_enabled: false, lifecycle: { prevent_destroy: true } });
    expect(one('azurerm_container_registry')).toMatchObject({ public_network_access_enabled: false, admin_enabled: false });
    expect(one('azurerm_key_vault')).toMatchObject({ public_network_access_enabled: false, purge_protection_enabled: true });
  });

  test('THEN the az ml files carry the plan’s VM size, instance count, routes and the traffic split', () => {
    const cli = tf.output.azureml_cli.value;
    const blue = parse(cli.files['blue.yml']);
    expect(blue).toMatchObject({ name: 'blue', instance_type: d.machine.machineType, instance_count: 1, egress_public_network_access: 'disabled' });
    expect(parse(cli.files['endpoint.yml'])).toMatchObject({ auth_mode: 'aad_token', public_network_access: 'disabled' });
    expect(parse(cli.files['environment.yml']).inference_config.readiness_route).toEqual({ port: 8000, path: '/health' });
    expect(cli.commands).toContain('--traffic "blue=90 green=10"');
  });

  test('THEN Pulumi creates the endpoint and both deployments on the plan’s VM size, the endpoint identity reading only the weights and pulling its image', () => {
    expect(pulumiOf('azure-native:machinelearningservices:OnlineEndpoint')[0]!.inputs.properties).toMatchObject({ authMode: 'AADToken', publicNetworkAccess: 'Disabled' });
    const deployments = pulumiOf('azure-native:machinelearningservices:OnlineDeployment');
    expect(deployments.map((x) => x.inputs.deploymentName)).toEqual(['blue', 'green']);
    for (const x of deployments) expect(x.inputs).toMatchObject({ sku: { capacity: 1 }, properties: { instanceType: d.machine.machineType, endpointComputeType: 'Managed' } });
    const roles = pulumiOf('azure-native:authorization:RoleAssignment').map((r) => String(r.inputs.roleDefinitionId).split('/').pop());
    expect(roles.sort()).toEqual(['2a2b9908-6ea1-4ae2-8e65-a410df84e7d1', '7f951dda-4ed3-4680-a7ca-43fe172d538d', 'e147488a-f6f5-4113-8e2d-b22465e65bf6']);
  });

  test('THEN on cdktf the endpoint’s metric alerts and the resource group budget notify the action group; the alerts wait for the endpoint (second apply)', () => {
    const group = one('azurerm_monitor_action_group');
    expect(group).toMatchObject({ name: 'ag-azureml-online-endpoint', location: 'global' });
    const alerts = Object.values(tf.resource.azurerm_monitor_metric_alert as Record<string, any>);
    expect(alerts.map((a) => a.criteria[0].metric_name)).toEqual(['RequestLatency_P95', 'RequestsPerMinute']);
    for (const a of alerts) {
      expect(a).toMatchObject({ action: [{ action_group_id: expect.stringMatching(/azurerm_monitor_action_group\..*\.id/) }], count: expect.stringMatching(/var\.online_endpoint_exists/) });
      expect(a.scopes[0]).toMatch(new RegExp(`azurerm_machine_learning_workspace\\..*\\.id\\}/onlineEndpoints/${d.endpointName}$`));
    }
    expect(tf.variable.online_endpoint_exists).toMatchObject({ type: 'bool', default: false });
    expect(tf.output.azureml_cli.value.commands).toContain('terraform apply -var online_endpoint_exists=true');
    const budget = one('azurerm_consumption_budget_resource_group');
    expect(budget).toMatchObject({ amount: Math.ceil(context.plan.summary.monthlyCostUsd! * 1.2), time_grain: 'Monthly', lifecycle: { ignore_changes: ['time_period'] } });
    expect(budget.time_period.start_date).toMatch(/^\$\{formatdate\(/);
    expect(budget.notification.map((n: any) => [n.threshold_type, n.threshold, n.contact_groups.length])).toEqual([['Actual', 80, 1], ['Forecasted', 100, 1]]);
  });

  test('THEN on Pulumi the same alerts watch the endpoint and the budget is scoped to the resource group, both to the action group', () => {
    expect(pulumiOf('azure-native:monitor:ActionGroup')[0]!.inputs).toMatchObject({ actionGroupName: 'ag-azureml-online-endpoint', enabled: true });
    const alerts = pulumiOf('azure-native:monitor:MetricAlert');
    expect(alerts.map((a) => (a.inputs.criteria as any).allOf[0].metricName)).toEqual(['RequestLatency_P95', 'RequestsPerMinute']);
    for (const a of alerts) expect((a.inputs.actions as any[]).length).toBe(1);
    const [budget] = pulumiOf('azure-native:consumption:Budget');
    expect(budget!.inputs).toMatchObject({ category: 'Cost', timeGrain: 'Monthly', amount: Math.ceil(context.plan.summary.monthlyCostUsd! * 1.2) });
    expect((budget!.inputs.timePeriod as any).startDate).toMatch(/^\d{4}-\d{2}-01T00:00:00Z$/);
  });

  test('THEN without recipients in the spec both engines warn that the action group reaches nobody', () => {
    for (const findings of [tfFindings, pulumiFindings]) {
      expect(findings.filter((f) => f.rule === 'deployability/observability' && f.severity === 'warning').map((f) => f.message)).toEqual([expect.stringMatching(/action group has no receiver/)]);
    }
  });

  test('THEN neither engine reports an error finding', () => {
    expect([...tfFindings, ...pulumiFindings].filter((f) => f.severity === 'error')).toEqual([]);
  });
});
