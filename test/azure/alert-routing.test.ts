/**
 * How Azure deployments' alerts and budgets reach people (lib/azure/alert-routing.ts, alert-rules.ts,
 * resource-group-budget.ts), the spec refusals that go with them, and the Azure part of the observability check.
 * Pure: no synth here (the blueprint tests assert the rendered resources).
 */
import { Testing, TerraformStack } from 'cdktf';
import { LLM_AKS } from '../../blueprints/aks/llm-aks';
import { AZUREML_ONLINE_ENDPOINT } from '../../blueprints/managed/azureml-online-endpoint';
import { AlertActionGroup } from '../../constructs/terraform/azure/alert-action-group';
import { actionGroupTemplate } from '../../constructs/pulumi/azure/alert-action-group';
import { aksPrometheusRuleGroup, azureMlEndpointAlerts, isoDurationOf, ONLINE_ENDPOINT_METRIC_NAMESPACE, onlineEndpointId } from '../../lib/azure/alert-rules';
import { azureAlertRouting, azureDeploymentAlerting, keyVaultIdOf, parseAzureSecretRef } from '../../lib/azure/alert-routing';
import { llmAksDesign } from '../../lib/azure/llm-aks-design';
import { llmAksServingOptions } from '../../lib/azure/llm-aks-objects';
import { azureResourceGroupBudget, firstOfMonthUtc, TERRAFORM_BUDGET_START_DATE } from '../../lib/azure/resource-group-budget';
import { describeAzureMlOnlineEndpoint } from '../../lib/azureml/describe-online-endpoint';
import { deploymentBudget } from '../../lib/budgets/deployment-budget';
import { InputValidationError } from '../../lib/errors';
import { servingContext } from '../../lib/kubernetes/context';
import { vllmAlertGroups } from '../../lib/kubernetes/monitoring';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { contextFor } from '../../lib/synth/context';
import { emptyFacts } from '../../lib/validation/deployability/facts';
import { azureObservabilityFindings } from '../../lib/validation/deployability/observability-azure';

const aks = contextFor(LLM_AKS);
const azureml = contextFor(AZUREML_ONLINE_ENDPOINT);
const aksSpec = (monitoring: unknown, extra: Partial<DeploymentSpecInput> = {}): DeploymentSpecInput => ({ ...LLM_AKS.spec, monitoring: monitoring as never, ...extra });
const problemsOf = (input: DeploymentSpecInput) => {
  try {
    resolveDeploymentSpec(input);
  } catch (e) {
    expect(e).toBeInstanceOf(InputValidationError);
    return (e as InputValidationError).problems;
  }
  return [];
};

describe('GIVEN the recipients of an Azure deployment', () => {
  test('THEN the action group has one e-mail receiver per address (alarmEmail folded in once), the common alert schema, and a 12-character short name', () => {
    const routing = azureAlertRouting('llm-aks-production', { alarmEmail: 'oncall@example.com', recipients: { emails: ['oncall@example.com', 'ml@example.com'] } });
    expect(routing.actionGroup).toEqual({
      name: 'ag-llm-aks-production', shortName: 'llm-aks-prod', useCommonAlertSchema: true,
      emailReceivers: [{ name: 'email-1', emailAddress: 'oncall@example.com' }, { name: 'email-2', emailAddress: 'ml@example.com' }],
    });
    expect(routing.reachesSomeone).toBe(true);
  });

  test('THEN PagerDuty is a webhook receiver whose key is named as <resource group>/<vault>/<secret>, never written', () => {
    const routing = azureAlertRouting('chat', { recipients: { pagerDutyIntegrationKeySecret: 'rg-ops/kv-ops-alerts/pagerduty-ml' } });
    expect(routing.actionGroup.pagerDuty).toEqual({ receiverName: 'pagerduty', secret: { resourceGroup: 'rg-ops', vaultName: 'kv-ops-alerts', secretName: 'pagerduty-ml' } });
    expect(keyVaultIdOf('sub-1', routing.actionGroup.pagerDuty!.secret)).toBe('/subscriptions/sub-1/resourceGroups/rg-ops/providers/Microsoft.KeyVault/vaults/kv-ops-alerts');
    expect(routing.reachesSomeone).toBe(true);
  });

  test('THEN with no recipients the group exists without receivers and reaches nobody (the check warns)', () => {
    const routing = azureAlertRouting('chat', {});
    expect(routing.actionGroup.emailReceivers).toEqual([]);
    expect(routing.reachesSomeone).toBe(false);
  });

  test('THEN Slack and Teams (AWS Chatbot channels) are refused with field, value and fix, as is a PagerDuty secret that is not a Key Vault secret', () => {
    expect(() => azureAlertRouting('chat', { recipients: { slack: [{ workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' }] } })).toThrow(/monitoring\.recipients\.slack[\s\S]*no Slack receiver/);
    expect(parseAzureSecretRef('pagerduty/key')).toBeUndefined();
    expect(parseAzureSecretRef('https://events.pagerduty.com/x')).toBeUndefined();
  });
});

describe('GIVEN a spec whose target is on Azure', () => {
  test('WHEN it names Slack, Teams and an AWS-style PagerDuty secret THEN spec validation reports all three, also for an environment override', () => {
    const problems = problemsOf(aksSpec({
      recipients: {
        slack: [{ workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' }],
        teams: [{ teamId: '00000000-0000-0000-0000-000000000001', tenantId: '00000000-0000-0000-0000-000000000002', channelId: '19%3aabc%40thread.tacv2' }],
        pagerDutyIntegrationKeySecret: 'pagerduty-key',
      },
    }, { environments: { prod: { monitoring: { recipients: { slack: [{ workspaceId: 'T0123ABCD', channelId: 'C0999' }] } } } } as never }));
    expect(problems.map((p) => p.field).sort()).toEqual([
      'environments.prod.monitoring.recipients.slack', 'monitoring.recipients.pagerDutyIntegrationKeySecret', 'monitoring.recipients.slack', 'monitoring.recipients.teams',
    ]);
    expect(problems.find((p) => p.field === 'monitoring.recipients.pagerDutyIntegrationKeySecret')).toMatchObject({ value: 'pagerduty-key', fix: expect.stringMatching(/az keyvault secret set/) });
    expect(problems.find((p) => p.field === 'monitoring.recipients.teams')!.fix).toMatch(/emails/);
  });

  test('WHEN it names e-mails and a Key Vault secret THEN it is valid; the same Slack channel on an AWS target stays valid', () => {
    expect(problemsOf(aksSpec({ recipients: { emails: ['oncall@example.com'], pagerDutyIntegrationKeySecret: 'rg-ops/kv-ops/pagerduty' } }))).toEqual([]);
    expect(problemsOf({ ...aksSpec({ recipients: { slack: [{ workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' }] } }), target: { kind: 'eks' } })).toEqual([]);
  });
});

describe('GIVEN the llm-aks plan', () => {
  const design = llmAksDesign(aks);
  const serving = llmAksServingOptions(design, aks.plan);
  const group = aksPrometheusRuleGroup(serving, design.clusterName);
  const eks = vllmAlertGroups(servingContext(serving)).flatMap((g) => g.rules);

  test('THEN the Azure rule group carries one rule per alert of the EKS PrometheusRule, the PromQL, labels and annotations unchanged', () => {
    expect(group).toMatchObject({ name: 'llm-aks-vllm', clusterName: 'llm-aks', interval: 'PT1M' });
    expect(group.rules.map((r) => [r.alert, r.expression])).toEqual(eks.map((r) => [r.alert, r.expr]));
    expect(group.rules.map((r) => r.labels)).toEqual(eks.map((r) => r.labels));
    expect(group.rules.map((r) => r.annotations)).toEqual(eks.map((r) => r.annotations));
  });

  test('THEN pending times become ISO-8601 durations, severities Azure numbers (critical 0, warning 2), and alerts resolve by themselves', () => {
    const byName = new Map(group.rules.map((r) => [r.alert, r]));
    expect(byName.get('VllmQueueDepthHigh')).toMatchObject({ for: 'PT10M', severity: 2, resolveAfter: 'PT10M' });
    expect(byName.get('GpuXidError')).toMatchObject({ severity: 0 });
    expect(byName.get('GpuXidError')!.for).toBeUndefined();
    expect([isoDurationOf('30s'), isoDurationOf('1h'), isoDurationOf('0m')]).toEqual(['PT30S', 'PT1H', undefined]);
    expect(() => isoDurationOf('1d')).toThrow(/Prometheus duration/);
  });

  test('THEN the resource group budget is the plan cost plus 20 %, at 80 % actual and 100 % forecasted, to the group and the e-mails; none on AWS', () => {
    const planned = aks.plan.summary.monthlyCostUsd!;
    expect(planned).toBeGreaterThan(0);
    expect(azureResourceGroupBudget(aks.plan, ['oncall@example.com'])).toEqual({
      name: 'llm-aks-budget', amount: Math.ceil(planned * 1.2), plannedMonthlyCost: planned, headroomPercent: 20, timeGrain: 'Monthly',
      notifications: [
        { key: 'actual-80', thresholdType: 'Actual', threshold: 80, operator: 'GreaterThanOrEqualTo' },
        { key: 'forecasted-100', thresholdType: 'Forecasted', threshold: 100, operator: 'GreaterThanOrEqualTo' },
      ],
      contactEmails: ['oncall@example.com'],
    });
    expect(deploymentBudget(aks.plan)).toBeUndefined();
    const disabled = planDeployment(resolveDeploymentSpec(aksSpec({ budget: { enabled: false } })));
    expect(azureDeploymentAlerting(disabled).budget).toBeUndefined();
  });

  test('THEN the budget starts on the first of a month: Terraform computes it at apply (stable JSON), Pulumi from the deploy date', () => {
    expect(firstOfMonthUtc(new Date(Date.UTC(2026, 11, 3, 11, 0)))).toBe('2026-12-01T00:00:00Z');
    expect(firstOfMonthUtc(new Date(Date.UTC(2027, 0, 31, 23, 59)))).toBe('2027-01-01T00:00:00Z');
    expect(TERRAFORM_BUDGET_START_DATE).toBe('${formatdate("YYYY-MM-01\'T\'00:00:00\'Z\'", timestamp())}');
  });
});

describe('GIVEN the azureml-online-endpoint plan', () => {
  const d = describeAzureMlOnlineEndpoint(azureml.plan);
  const alerts = azureMlEndpointAlerts(d, azureml.plan);

  test('THEN the endpoint alerts on its p95 latency and its 5xx responses, by their Azure Monitor metric names', () => {
    expect(alerts.map((a) => [a.name, a.criterion.metricName, a.criterion.aggregation])).toEqual([
      ['azureml-online-endpoint-latency-p95', 'RequestLatency_P95', 'Average'],
      ['azureml-online-endpoint-server-errors', 'RequestsPerMinute', 'Average'],
    ]);
    expect(alerts.every((a) => a.criterion.metricNamespace === ONLINE_ENDPOINT_METRIC_NAMESPACE)).toBe(true);
    expect(alerts[0]!.criterion.threshold).toBeGreaterThan(0);
    expect(alerts[1]!.criterion.dimensions).toEqual([{ name: 'statusCodeClass', values: ['5xx'] }]);
    expect(onlineEndpointId('/ws', d.endpointName)).toBe(`/ws/onlineEndpoints/${d.endpointName}`);
  });
});

describe('GIVEN the PagerDuty receiver on each engine', () => {
  const routing = azureAlertRouting('chat', { recipients: { emails: ['oncall@example.com'], pagerDutyIntegrationKeySecret: 'rg-ops/kv-ops/pagerduty' } });

  test('THEN cdktf reads the key from the named Key Vault secret and builds the integration URL from it', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AlertActionGroup(stack, 'Alerts', { design: routing.actionGroup, resourceGroupName: 'rg-chat', subscriptionId: 'sub-1' });
    const json = JSON.parse(Testing.synth(stack));
    const secret = Object.values(json.data.azurerm_key_vault_secret as Record<string, any>)[0];
    expect(secret).toEqual({ name: 'pagerduty', key_vault_id: '/subscriptions/sub-1/resourceGroups/rg-ops/providers/Microsoft.KeyVault/vaults/kv-ops' });
    const group = Object.values(json.resource.azurerm_monitor_action_group as Record<string, any>)[0];
    expect(group.email_receiver).toEqual([{ name: 'email-1', email_address: 'oncall@example.com', use_common_alert_schema: true }]);
    expect(group.webhook_receiver[0].service_uri).toMatch(/^https:\/\/events\.pagerduty\.com\/integration\/\$\{data\.azurerm_key_vault_secret\..*\.value\}\/enqueue$/);
  });

  test('THEN Pulumi hands ARM a template whose integration key is a secure parameter (the Key Vault reference fills it at deploy time)', () => {
    const template = actionGroupTemplate(routing.actionGroup, {}) as any;
    expect(template.parameters).toEqual({ integrationKey: { type: 'securestring' } });
    expect(template.resources[0].properties.webhookReceivers[0].serviceUri).toBe("[concat('https://events.pagerduty.com/integration/', parameters('integrationKey'), '/enqueue')]");
  });
});

describe('GIVEN the Azure part of the observability check', () => {
  const facts = (extra: object) => ({ ...emptyFacts('terraform'), ...extra });

  test('THEN an alert or budget notification without an action, or a managed-Prometheus cluster without rules, is an error', () => {
    const findings = azureObservabilityFindings(facts({
      actionGroups: [{ resource: 'ag', receivers: 1 }],
      azureAlerts: [{ resource: 'm', kind: 'metric-alert', name: 'latency', actions: 0 }, { resource: 'b', kind: 'budget', name: 'actual-80', actions: 0 }],
      managedPrometheusClusters: ['aks'],
    }));
    expect(findings.map((f) => [f.resource, f.severity])).toEqual([['m', 'error'], ['b', 'error'], ['aks', 'error']]);
    expect(findings[2]!.message).toMatch(/reads no PrometheusRule objects/);
  });

  test('THEN routed alerts to a group without receivers are a warning (no recipients in the spec), and routed alerts to a receiver are clean', () => {
    const routed = { azureAlerts: [{ resource: 'rg', kind: 'prometheus-rule', name: 'VllmQueueDepthHigh', actions: 1 }], managedPrometheusClusters: ['aks'] };
    const warned = azureObservabilityFindings(facts({ ...routed, actionGroups: [{ resource: 'ag', receivers: 0 }] }));
    expect(warned.map((f) => f.severity)).toEqual(['warning']);
    expect(warned[0]!.message).toMatch(/monitoring\.recipients/);
    expect(azureObservabilityFindings(facts({ ...routed, actionGroups: [{ resource: 'ag', receivers: 2 }] }))).toEqual([]);
  });
});
