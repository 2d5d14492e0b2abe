/**
 * How an A/B split is read and watched: a PrometheusRule that records each arm's request rate, 5xx ratio and p95
 * latencies under one name per metric (labels `split`, `arm`, `weight`), with alerts per arm, and a Grafana dashboard
 * that plots the arms side by side. The alerts carry the `namespace` and `service` (= the arm's deployment) labels of
 * every vLLM alert, so Alertmanager groups and routes them the same way (lib/eks/alert-routing.ts: to the cluster's
 * SNS alarm topic). The queries are {@link trafficSplitQueries}'. See docs/ab-testing.md "Reading the result".
 */
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { GRAFANA_DASHBOARD_LABEL, panel, queryVariable } from '../dashboard';
import { toKubeObject } from '../kube-object';
import { DEFAULT_MAX_5XX_RATIO, DEFAULT_PROMETHEUS_SELECTOR_LABELS } from '../options';
import type { KubeObject } from '../types';
import { gatewayLabels } from './model-objects';
import { splitNamespace, trafficSplitQueries } from './traffic-split';
import type { GatewayTrafficSplit, ModelGatewayProps } from './types';

/** The series each arm is recorded under (one per metric, told apart by `split` and `arm`). */
export const AB_ARM_SERIES = {
  requestsPerSecond: 'aimd:ab_arm_requests_per_second',
  errorRatio: 'aimd:ab_arm_error_ratio',
  e2eLatencyP95Seconds: 'aimd:ab_arm_e2e_latency_p95_seconds',
  timeToFirstTokenP95Seconds: 'aimd:ab_arm_ttft_p95_seconds',
} as const;

/** Thresholds of the per-arm alerts. */
export interface SplitAlertThresholds {
  /** Highest 5xx share of an arm's responses before it alerts. @default DEFAULT_MAX_5XX_RATIO (the canary analysis' bound) */
  readonly max5xxRatio?: number;
}

type Props = Pick<ModelGatewayProps, 'name' | 'models'>;

/**
 * The split's PrometheusRule: recording rules per arm, and per arm an alert on its 5xx ratio and one when it answers
 * nothing while the split name gets requests (an arm down or a weight not applied skews the test).
 */
export function trafficSplitPrometheusRule(split: GatewayTrafficSplit, props: Props, thresholds: SplitAlertThresholds = {}): KubeObject {
  const namespace = splitNamespace(split, props);
  const arms = trafficSplitQueries(split, props);
  const maxRatio = thresholds.max5xxRatio ?? DEFAULT_MAX_5XX_RATIO;
  const recorded = (arm: string, series: string) => `${series}{split="${split.name}",arm="${arm}"}`;
  const allArms = `sum(${AB_ARM_SERIES.requestsPerSecond}{split="${split.name}"})`;
  const rules = arms.flatMap((arm) => {
    const labels = { split: split.name, arm: arm.deployment, weight: String(arm.weight) };
    const alertLabels = (severity: string) => ({ severity, namespace, service: arm.deployment, split: split.name, arm: arm.deployment });
    return [
      ...(Object.keys(AB_ARM_SERIES) as (keyof typeof AB_ARM_SERIES)[]).map((key) => ({ record: AB_ARM_SERIES[key], expr: arm[key], labels })),
      {
        alert: 'AbArmErrorRatioHigh',
        expr: `${recorded(arm.deployment, AB_ARM_SERIES.errorRatio)} > ${maxRatio}`,
        for: '10m',
        labels: alertLabels('warning'),
        annotations: {
          summary: `A/B arm ${arm.deployment} of ${split.name} answers more than ${maxRatio * 100} % of requests with 5xx`,
          description: `Compare with the other arms on ${AB_ARM_SERIES.errorRatio}{split="${split.name}"}; if only this arm fails, set its weight down (docs/ab-testing.md, "Promoting the winner").`,
        },
      },
      {
        alert: 'AbArmReceivesNoTraffic',
        expr: `(${recorded(arm.deployment, AB_ARM_SERIES.requestsPerSecond)} or on() vector(0)) == 0 and on() ${allArms} > 0`,
        for: '15m',
        labels: alertLabels('warning'),
        annotations: {
          summary: `A/B arm ${arm.deployment} of ${split.name} (weight ${arm.weight}) answered no request in 15 minutes while the split had traffic`,
          description: `Check the HTTPRoute ${split.name}-split and the arm's pods: the comparison is skewed until its share returns.`,
        },
      },
    ];
  });
  return toKubeObject({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: `${split.name}-ab`, namespace, labels: { ...gatewayLabels(props.name, 'traffic-split'), ...DEFAULT_PROMETHEUS_SELECTOR_LABELS } },
    spec: { groups: [{ name: `${split.name}.ab`, rules }] },
  } as never);
}

/** The split's dashboard: every panel plots each arm's recorded series side by side. */
export function trafficSplitDashboard(split: GatewayTrafficSplit): Record<string, unknown> {
  const byArm = (series: string, title: string, unit: string) => ({
    title, unit, targets: [{ expr: `${series}{split="$split"}`, legend: '{{arm}} ({{weight}} %)' }],
  });
  return {
    uid: `ab-${split.name}`.slice(0, 40),
    title: `A/B ${split.name}: ${split.modelName}`,
    tags: ['vllm', 'ab-test', 'ai-model-deployment'],
    schemaVersion: 39,
    editable: true,
    refresh: '30s',
    time: { from: 'now-24h', to: 'now' },
    templating: {
      list: [
        { name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus' },
        queryVariable('split', `label_values(${AB_ARM_SERIES.requestsPerSecond}, split)`, split.name),
      ],
    },
    panels: [
      byArm(AB_ARM_SERIES.requestsPerSecond, 'Requests per arm', 'reqps'),
      byArm(AB_ARM_SERIES.errorRatio, '5xx ratio per arm', 'percentunit'),
      byArm(AB_ARM_SERIES.e2eLatencyP95Seconds, 'p95 end-to-end latency per arm', 's'),
      byArm(AB_ARM_SERIES.timeToFirstTokenP95Seconds, 'p95 time to first token per arm', 's'),
    ].map(panel),
  };
}

/** The dashboard as a ConfigMap the Grafana sidecar loads (label `grafana_dashboard: "1"`, lib/kubernetes/dashboard.ts). */
export function trafficSplitDashboardConfigMap(split: GatewayTrafficSplit, props: Props): KubeObject {
  const configMap: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `${split.name}-ab-dashboard`,
      namespace: splitNamespace(split, props),
      labels: { ...gatewayLabels(props.name, 'traffic-split'), [GRAFANA_DASHBOARD_LABEL]: '1' },
    },
    data: { [`${split.name}-ab.json`]: JSON.stringify(trafficSplitDashboard(split)) },
  };
  return toKubeObject(configMap);
}
