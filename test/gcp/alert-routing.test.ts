/**
 * How a Google Cloud deployment's alerts and bill reach people, read as a specification of the neutral description
 * (lib/gcp): one notification channel per recipient, one PromQL policy per alert rule, the Vertex AI policies, the
 * Cloud Billing budget's numbers, the refusals at validation and the observability check that catches silence.
 */
import { blueprintBillingAccount, REVIEW_BILLING_ACCOUNT } from '../../blueprints/gke/deployment-config';
import { LLM_GKE } from '../../blueprints/gke/llm-gke';
import { gcpAlertRouting, gcpNotificationChannels, gcpRecipientProblemsOfSpec, promDurationSeconds, promQlAlertPolicies } from '../../lib/gcp/alert-routing';
import { gcpBillingBudget, isGcpBillingBudget } from '../../lib/gcp/billing-budget';
import { promQlMetricName, vertexAiAlertPolicies, vertexLatencyThresholdMs } from '../../lib/gcp/vertex-ai-alerts';
import type { AlertRule } from '../../lib/kubernetes/monitoring';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { emptyFacts } from '../../lib/validation/deployability/facts';
import { checkGcpObservability } from '../../lib/validation/deployability/observability-gcp';
import { describeVertexAiEndpoint } from '../../lib/vertex-ai/describe-endpoint';
import { VERTEX_AI_ENDPOINT } from '../../blueprints/managed/vertex-ai-endpoint';

const BILLING_ACCOUNT = '012345-6789AB-CDEF01';
const withMonitoring = (spec: DeploymentSpecInput, monitoring: Record<string, unknown>): DeploymentSpecInput => ({ ...spec, monitoring: { ...spec.monitoring, ...monitoring } } as DeploymentSpecInput);

describe('GIVEN the recipients of a Google Cloud deployment', () => {
  test('THEN each e-mail is an email channel and PagerDuty is a pagerduty channel naming its Secret Manager secret, never the key', () => {
    const channels = gcpNotificationChannels('chat', { emails: ['a@example.com', 'b@example.com'], pagerDutyIntegrationKeySecret: 'pagerduty-key' });
    expect(channels).toEqual([
      { key: 'email-0', type: 'email', displayName: 'chat alerts: a@example.com', labels: { email_address: 'a@example.com' } },
      { key: 'email-1', type: 'email', displayName: 'chat alerts: b@example.com', labels: { email_address: 'b@example.com' } },
      { key: 'pagerduty', type: 'pagerduty', displayName: 'chat alerts: PagerDuty', labels: {}, serviceKeySecret: 'pagerduty-key' },
    ]);
    expect(gcpAlertRouting('chat', {}, []).channels).toEqual([]);
  });

  test('WHEN Slack or Teams is asked for on gke THEN validation refuses both with a fix, in the spec and in every environment', () => {
    const spec = {
      ...LLM_GKE.spec,
      monitoring: { recipients: { slack: [{ workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' }] } },
      environments: { prod: { monitoring: { recipients: { teams: [{ teamId: '00000000-0000-0000-0000-000000000001', tenantId: '00000000-0000-0000-0000-000000000002', channelId: '19%3aabc%40thread.tacv2' }] } } } },
    };
    const problems = gcpRecipientProblemsOfSpec('gke', spec);
    expect(problems.map((p) => p.field)).toEqual(['monitoring.recipients.slack', 'environments.prod.monitoring.recipients.teams']);
    expect(problems[0]!.message).toMatch(/AWS Chatbot channels, which Google Cloud cannot notify/);
    expect(problems[0]!.fix).toMatch(/use emails or pagerDutyIntegrationKeySecret/);
    expect(() => resolveDeploymentSpec(spec)).toThrow(/monitoring\.recipients\.slack[\s\S]*Fix: remove slack on a gke or vertex-ai target/);
    // The same recipients are AWS Chatbot channels on an AWS target: no refusal there.
    expect(gcpRecipientProblemsOfSpec('eks', spec)).toEqual([]);
  });

  test('WHEN the PagerDuty secret is a Secrets Manager ARN on vertex-ai THEN it is refused: Google Cloud reads a Secret Manager secret id', () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:pd';
    const [problem] = gcpRecipientProblemsOfSpec('vertex-ai', { monitoring: { recipients: { pagerDutyIntegrationKeySecret: arn } } });
    expect(problem).toMatchObject({ field: 'monitoring.recipients.pagerDutyIntegrationKeySecret', value: arn, fix: expect.stringContaining('gcloud secrets create') });
  });

  test('WHEN monitoring.budget.billingAccount is not XXXXXX-XXXXXX-XXXXXX THEN validation names the field and the command that lists accounts', () => {
    expect(() => resolveDeploymentSpec(withMonitoring(LLM_GKE.spec, { budget: { billingAccount: '0123456789' } })))
      .toThrow(/monitoring\.budget\.billingAccount \('0123456789'\): must be a Cloud Billing account id[\s\S]*gcloud billing accounts list/);
  });
});

describe('GIVEN Prometheus alert rules', () => {
  const rules: AlertRule[] = [
    { alert: 'VllmQueueDepthHigh', expr: 'max(vllm:num_requests_waiting{namespace="chat",service="chat"}) > 8', for: '10m', labels: { severity: 'warning', service: 'chat' }, annotations: { summary: 'queue', description: 'scale' } },
    { alert: 'GpuXidError', expr: 'max by (gpu) (changes(DCGM_FI_DEV_XID_ERRORS{namespace="chat"}[15m])) > 0', for: '0m', labels: { severity: 'critical' }, annotations: { summary: 'GPU {{ $labels.gpu }} failed' } },
  ];
  const policies = promQlAlertPolicies('chat', [{ name: 'chat.vllm', rules }]);

  test('THEN each rule is one policy whose PromQL condition carries the query, duration, group and labels unchanged', () => {
    expect(policies).toHaveLength(2);
    expect(policies[0]).toEqual({
      key: 'vllm-queue-depth-high', displayName: 'chat: VllmQueueDepthHigh', severity: 'WARNING',
      condition: { displayName: 'VllmQueueDepthHigh', query: rules[0]!.expr, duration: '600s', evaluationInterval: '30s', alertRule: 'VllmQueueDepthHigh', ruleGroup: 'chat.vllm', labels: { severity: 'warning', service: 'chat' }, disableMetricValidation: true },
      documentation: { content: 'queue\n\nscale', mimeType: 'text/markdown' },
    });
    expect(policies[1]).toMatchObject({ severity: 'CRITICAL', condition: { duration: '0s', query: rules[1]!.expr } });
  });

  test('THEN Alertmanager label templates become Cloud Monitoring documentation variables', () => {
    expect(policies[1]!.documentation.content).toBe('GPU ${metric.label.gpu} failed');
  });

  test('THEN Prometheus durations convert to seconds and anything else is refused', () => {
    expect(['10m', '0m', '1h30m', '45s'].map(promDurationSeconds)).toEqual(['600s', '0s', '5400s', '45s']);
    expect(() => promDurationSeconds('ten minutes')).toThrow(/not a Prometheus duration/);
  });
});

describe('GIVEN a planned vertex-ai deployment', () => {
  const plan = planDeployment(resolveDeploymentSpec(withMonitoring(VERTEX_AI_ENDPOINT.spec, { budget: { billingAccount: BILLING_ACCOUNT, headroomPercent: 50 } })));
  const d = describeVertexAiEndpoint(plan);
  const policies = vertexAiAlertPolicies(d, plan);

  test('THEN error rate and p95 latency are alerted on Vertex AI\'s own metrics of this endpoint, in PromQL names', () => {
    expect(promQlMetricName('aiplatform.googleapis.com/prediction/online/error_count')).toBe('aiplatform_googleapis_com:prediction_online_error_count');
    expect(policies.map((p) => p.condition.alertRule)).toEqual(['VertexPredictionErrorRateHigh', 'VertexPredictionLatencyP95High']);
    const [errors, latency] = policies;
    expect(errors!.condition.query).toMatch(/^sum\(rate\(aiplatform_googleapis_com:prediction_online_error_count\{monitored_resource="aiplatform.googleapis.com\/Endpoint",endpoint_id="\d{10}"\}\[5m\]\)\) \/ sum\(rate\(aiplatform_googleapis_com:prediction_online_prediction_count\{.*\}\[5m\]\)\) > 0.05$/);
    expect(latency!.condition.query).toContain('aiplatform_googleapis_com:prediction_online_prediction_latencies_bucket{');
    expect(latency!.condition.query).toContain(`endpoint_id="${d.endpointId}"`);
    expect(latency!.condition.query).toMatch(new RegExp(`> ${vertexLatencyThresholdMs(plan)}$`));
  });

  test('THEN the latency threshold is twice the plan\'s estimate of a whole completion, unless the spec sets p95LatencyMs', () => {
    const llm = plan.llm!;
    const estimate = llm.estimatedTimeToFirstTokenMs + plan.spec.traffic.outputTokens * llm.estimatedInterTokenLatencyMs;
    expect(vertexLatencyThresholdMs(plan)).toBe(Math.max(2000, Math.ceil((2 * estimate) / 100) * 100));
    expect(vertexLatencyThresholdMs({ ...plan, spec: { ...plan.spec, traffic: { ...plan.spec.traffic, p95LatencyMs: 9000 } } })).toBe(9000);
  });

  test('THEN the Cloud Billing budget is the plan\'s monthly cost plus headroom, 80 % actual and 100 % forecasted, on the deployment\'s label', () => {
    const budget = gcpBillingBudget(plan);
    expect(isGcpBillingBudget(budget)).toBe(true);
    const monthly = plan.summary.monthlyCostUsd!;
    expect(budget).toEqual({
      billingAccount: BILLING_ACCOUNT, displayName: 'vertex-ai-endpoint-budget', currencyCode: 'USD', calendarPeriod: 'MONTH',
      limitUsd: Math.ceil(monthly * 1.5), plannedMonthlyCostUsd: monthly, headroomPercent: 50,
      labels: { 'aimd-deployment': 'vertex-ai-endpoint' },
      thresholdRules: [{ thresholdPercent: 0.8, spendBasis: 'CURRENT_SPEND' }, { thresholdPercent: 1, spendBasis: 'FORECASTED_SPEND' }],
    });
  });

  test('WHEN the spec names no billing account THEN the budget is a reason to warn, not a silent nothing; disabled means none', () => {
    const unnamed = planDeployment(resolveDeploymentSpec(withMonitoring(VERTEX_AI_ENDPOINT.spec, { budget: {} })));
    expect(gcpBillingBudget(unnamed)).toMatchObject({ reason: 'no-billing-account', message: expect.stringContaining('set monitoring.budget.billingAccount') });
    const disabled = planDeployment(resolveDeploymentSpec(withMonitoring(VERTEX_AI_ENDPOINT.spec, { budget: { enabled: false } })));
    expect(gcpBillingBudget(disabled)).toBeUndefined();
  });

  test('the shipped Google Cloud blueprints name a billing account (a review placeholder unless AIMD_GCP_BILLING_ACCOUNT), so their priced plans get a budget', () => {
    for (const blueprint of [LLM_GKE, VERTEX_AI_ENDPOINT]) {
      expect(gcpBillingBudget(planDeployment(resolveDeploymentSpec(blueprint.spec)))).toMatchObject({ billingAccount: REVIEW_BILLING_ACCOUNT, limitUsd: expect.any(Number) });
    }
    expect(blueprintBillingAccount({ AIMD_GCP_BILLING_ACCOUNT: BILLING_ACCOUNT })).toBe(BILLING_ACCOUNT);
  });
});

describe('GIVEN the observability check of a Google Cloud output', () => {
  const rules = { apiVersion: 'monitoring.googleapis.com/v1', kind: 'Rules', metadata: { name: 'chat', namespace: 'chat' }, spec: { groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'vector(1)' }] }] } };

  test('WHEN a GMP Rules object carries alerts and nothing configures the managed Alertmanager THEN it is an error', () => {
    const findings = checkGcpObservability({ ...emptyFacts('kubernetes'), kubeObjects: [rules as never] });
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', resource: 'Rules/chat/chat', message: expect.stringMatching(/reach nobody[\s\S]*Cloud Monitoring alerting policies/) })]);
    const alertmanager = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'alertmanager', namespace: 'gmp-public' } };
    expect(checkGcpObservability({ ...emptyFacts('kubernetes'), kubeObjects: [rules as never, alertmanager as never] })).toEqual([]);
  });

  test('WHEN policies notify no channel or no budget exists THEN each is a warning naming the spec field to set', () => {
    const facts = { ...emptyFacts('terraform'), gcpMonitoring: { alertPolicies: [{ resource: 'google_monitoring_alert_policy.a', channels: 0 }], budgets: [] } };
    const findings = checkGcpObservability(facts);
    expect(findings.map((f) => [f.severity, f.message.match(/Fix: set (\S+)/)?.[1]])).toEqual([['warning', 'monitoring.recipients'], ['warning', 'monitoring.budget.billingAccount']]);
    const heard = { ...facts, gcpMonitoring: { alertPolicies: [{ resource: 'a', channels: 2 }], budgets: [{ resource: 'b', channels: 2 }] } };
    expect(checkGcpObservability(heard)).toEqual([]);
  });
});
