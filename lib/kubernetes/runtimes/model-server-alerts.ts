/**
 * The PrometheusRule of a classic model server (TorchServe, TF Serving, BentoML, custom containers, Seldon): each
 * runtime names its own metrics, this builds the rule the same way for all, with the labels the vLLM alerts carry
 * (`severity`, `namespace`, `service`), so Alertmanager groups and routes them to the same recipients
 * (lib/eks/alert-routing.ts: every alert to the cluster's alarm topic, grouped by alertname, namespace, service).
 * Pure. The shape is monitoring.coreos.com/v1 PrometheusRule, validated against the prometheus-operator CRD schema.
 */
import { toKubeObject } from '../kube-object';
import type { AlertRule, IPrometheusRule } from '../monitoring';
import { DEFAULT_PROMETHEUS_SELECTOR_LABELS } from '../options';
import type { KubeObject } from '../types';
import type { ModelServerObjectsOptions } from './model-server-options';

/** Latency alert without an objective in the spec: a second per request is slow for any classic model. */
export const DEFAULT_LATENCY_ALERT_MS = 1000;
/** Share of failed requests that pages: one in a hundred over 5 minutes, for 10 minutes. */
export const ERROR_RATIO_ALERT = 0.01;

/** One alert of a model server, in the runtime's own metric names. */
export interface ModelServerAlert {
  /** Alert name, e.g. `TorchServeServerErrors`. */
  readonly alert: string;
  readonly expr: string;
  readonly severity: 'warning' | 'critical';
  readonly summary: string;
  readonly description: string;
}

/** The deployment the alerts watch. */
export interface AlertedDeployment {
  readonly options: ModelServerObjectsOptions;
  /** Group name suffix, e.g. `torchserve`. */
  readonly runtime: string;
  /** Labels of the deployment's objects. */
  readonly labels: Readonly<Record<string, string>>;
}

/** The plan's latency objective (traffic.p95LatencyMs), or {@link DEFAULT_LATENCY_ALERT_MS}. */
export function latencyAlertMs(options: ModelServerObjectsOptions): number {
  return options.plan.p95LatencyMs ?? DEFAULT_LATENCY_ALERT_MS;
}

/** More than {@link ERROR_RATIO_ALERT} of requests fail: `errors` and `total` are per-second rates. */
export function errorRatioAlert(alert: string, name: string, errors: string, total: string, description: string): ModelServerAlert {
  return {
    alert,
    expr: `(${errors}) / clamp_min(${total}, 1e-9) > ${ERROR_RATIO_ALERT}`,
    severity: 'critical',
    summary: `More than ${ERROR_RATIO_ALERT * 100}% of requests to ${name} fail`,
    description,
  };
}

/** The p95 of a latency histogram (`<metric>_bucket`), in milliseconds given the histogram's unit. */
export function p95Milliseconds(metric: string, selector: string, unit: 'seconds' | 'microseconds'): string {
  const quantile = `histogram_quantile(0.95, sum by (le) (rate(${metric}_bucket${selector}[5m])))`;
  return unit === 'seconds' ? `${quantile} * 1000` : `${quantile} / 1000`;
}

/** Latency (ms, from `latencyMs`) above the plan's objective. */
export function latencyAlert(alert: string, options: ModelServerObjectsOptions, latencyMs: string, what: string, description: string): ModelServerAlert {
  const threshold = latencyAlertMs(options);
  return { alert, expr: `${latencyMs} > ${threshold}`, severity: 'warning', summary: `${what} of ${options.name} above ${threshold} ms`, description };
}

/** The PrometheusRule, or nothing when the deployment turns rules off (`monitoring.prometheusRules: false`). */
export function modelServerPrometheusRule(deployment: AlertedDeployment, alerts: readonly ModelServerAlert[]): KubeObject[] {
  const { options } = deployment;
  if (!options.monitoring.prometheusRules) return [];
  const rules: AlertRule[] = alerts.map((a) => ({
    alert: a.alert,
    expr: a.expr,
    for: '10m',
    labels: { severity: a.severity, namespace: options.namespace, service: options.name },
    annotations: { summary: a.summary, description: a.description },
  }));
  const rule: IPrometheusRule = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: { ...deployment.labels, ...(options.monitoring.prometheusSelectorLabels ?? DEFAULT_PROMETHEUS_SELECTOR_LABELS) },
    },
    spec: { groups: [{ name: `${options.name}.${deployment.runtime}`, rules }] },
  };
  return [toKubeObject(rule)];
}
