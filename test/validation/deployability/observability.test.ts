/**
 * Observability: every alarm and alert has a receiver, nothing latches, every log group has retention and a key.
 */
import { alarmTopicName } from '../../../lib/eks/alert-routing';
import { gpuClusterComponents } from '../../../lib/eks/components';
import { clusterLogGroupNames } from '../../../lib/eks/log-groups';
import { buildLlmServingObjects } from '../../../lib/kubernetes';
import { checkObservability } from '../../../lib/validation/deployability';
import { handPlan, servingOptions } from '../../kubernetes/fixtures';
import { facts, plannedObjects } from './support';

const rule = 'deployability/observability';
const SINGLE = handPlan({ modelId: 'meta-llama/Llama-3.1-8B-Instruct', instanceType: 'g6e.xlarge', tensorParallelSize: 1, weightsGiB: 15 });
const serving = buildLlmServingObjects(servingOptions(SINGLE));

describe('alarms', () => {
  test('GIVEN an alarm without an action THEN it is an error; GIVEN a topic nobody subscribes to THEN the synth warns', () => {
    const found = checkObservability(facts({ alarms: [{ resource: 'Silent', actions: 0 }, { resource: 'Loud', actions: 1 }], topics: [{ resource: 'Topic' }] }));
    expect(found).toEqual([
      expect.objectContaining({ resource: 'Silent', severity: 'error', rule }),
      expect.objectContaining({ resource: 'Topic', severity: 'warning', message: expect.stringMatching(/monitoring\.recipients/) }),
    ]);
    expect(checkObservability(facts({ alarms: [{ resource: 'Loud', actions: 1 }], topics: [{ resource: 'Topic' }], subscriptions: 1 }))).toEqual([]);
  });
});

describe('Prometheus alerts', () => {
  const prometheusRule = (expr: string) => ({
    apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'r', namespace: 'llm' },
    spec: { groups: [{ name: 'g', rules: [{ alert: 'GpuXidError', expr, for: '0m', labels: {}, annotations: {} }] }] },
  });

  test('GIVEN an alert on the last-XID gauge (the review finding) THEN it latches; on changes() it resolves', () => {
    expect(checkObservability(facts({ kubeObjects: [prometheusRule('max(DCGM_FI_DEV_XID_ERRORS) > 0')] }, 'kubernetes'))[0]!.message).toMatch(/fires once and never resolves/);
    expect(checkObservability(facts({ kubeObjects: [prometheusRule('max(changes(DCGM_FI_DEV_XID_ERRORS[15m])) > 0')] }, 'kubernetes'))).toEqual([]);
    expect(checkObservability(facts({ kubeObjects: serving }, 'kubernetes'))).toEqual([]);
  });

  test('GIVEN alerts and an Alertmanager with no receiver (the review finding) THEN they reach nobody; routed to the alarm topic they do not', () => {
    const stack = (alertTopicArn?: string) => {
      const c = gpuClusterComponents({ clusterName: 'llm', capacity: 'auto-mode', keda: true, leaderWorkerSet: false, region: 'us-east-1', alertTopicArn }).find((x) => x.id === 'PrometheusStack')!;
      return { resource: 'PrometheusStack', chart: c.chart, namespace: c.namespace, values: c.values as Record<string, unknown> };
    };
    expect(checkObservability(facts({ kubeObjects: serving, helmReleases: [stack()] }))[0]!.message).toMatch(/reach nobody/);
    const arn = `arn:aws:sns:us-east-1:123456789012:${alarmTopicName('llm')}`;
    expect(checkObservability(facts({ kubeObjects: serving, helmReleases: [stack(arn)] }))).toEqual([]);
    expect((stack(arn).values.alertmanager as any).config.receivers[1]).toEqual({ name: 'sns', sns_configs: [{ topic_arn: arn, sigv4: { region: 'us-east-1' }, send_resolved: true }] });
  });

  test('GIVEN a child route that sends real alerts to the null receiver THEN they reach nobody; only Watchdog and InfoInhibitor may go there', () => {
    const arn = `arn:aws:sns:us-east-1:123456789012:${alarmTopicName('llm')}`;
    const c = gpuClusterComponents({ clusterName: 'llm', capacity: 'auto-mode', keda: true, leaderWorkerSet: false, region: 'us-east-1', alertTopicArn: arn }).find((x) => x.id === 'PrometheusStack')!;
    const values = c.values as any;
    const silenced = { ...values, alertmanager: { ...values.alertmanager, config: { ...values.alertmanager.config,
      route: { ...values.alertmanager.config.route, routes: [...values.alertmanager.config.route.routes, { receiver: 'null', matchers: ['severity = "warning"'] }] } } } };
    const found = checkObservability(facts({ kubeObjects: serving, helmReleases: [{ resource: 'PrometheusStack', chart: c.chart, namespace: c.namespace, values: silenced }] }));
    expect(found).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/\["severity = \\"warning\\""\] to receiver 'null', which delivers nowhere/) })]);
  });
});

describe('log groups', () => {
  const cluster = { resource: 'Cluster', name: 'llm', logTypes: ['api', 'audit'], autoMode: false };
  const insights = { resource: 'Addon', name: 'amazon-cloudwatch-observability' };

  test('GIVEN control-plane logs and Container Insights with no declared log groups (the review finding) THEN EKS would create five without retention or key', () => {
    const found = checkObservability(facts({ clusters: [cluster], addons: [insights] }));
    expect(found.map((f) => /'([^']+)'/.exec(f.message)![1])).toEqual(clusterLogGroupNames('llm'));
  });

  test('GIVEN them declared with a year and a key THEN nothing is reported; without either THEN each is', () => {
    const declared = clusterLogGroupNames('llm').map((name, i) => ({ resource: `G${i}`, name, retentionDays: 365, encrypted: true }));
    expect(checkObservability(facts({ clusters: [cluster], addons: [insights], logGroups: declared }))).toEqual([]);
    expect(checkObservability(facts({ logGroups: [{ resource: 'Bare', encrypted: false }] })).map((f) => f.message)).toEqual([
      expect.stringMatching(/no retention/), expect.stringMatching(/not encrypted/),
    ]);
  });
});

describe('GIVEN every blueprint as planned', () => {
  test.each(plannedObjects())('THEN no alert of %s latches', (_name, objects) => {
    expect(checkObservability(facts({ kubeObjects: objects }, 'kubernetes'))).toEqual([]);
  });
});
