/**
 * Observability: an alarm nobody receives is not monitoring. Every CloudWatch alarm has an action, every topic
 * reaches someone (or the synth says loudly that nobody is subscribed), Prometheus alerts route to a receiver that
 * leaves the cluster, no alert latches on a gauge that never returns to normal, and every log group (declared, or
 * created by EKS for control-plane logs and Container Insights) has a retention and a KMS key.
 */
import type { ValidationFinding } from '../types';
import type { DeploymentFacts } from './facts';
import { azureObservabilityFindings } from './observability-azure';
import { checkGcpObservability } from './observability-gcp';

const RULE = 'deployability/observability';
/**
 * kube-prometheus-stack's meta alerts, which fire by design: Watchdog always (a dead-man's switch for an
 * external monitor) and InfoInhibitor whenever an info alert is active. Routing them to a null receiver is
 * the chart's own default; every other alert must reach someone.
 */
export const SILENCED_META_ALERTS: readonly string[] = ['Watchdog', 'InfoInhibitor'];
type Obj = Record<string, any>;

/** Log groups Container Insights (the amazon-cloudwatch-observability add-on) writes, per cluster (EKS user guide, read 2026-12-02). */
export const CONTAINER_INSIGHTS_LOG_GROUPS: readonly string[] = ['application', 'dataplane', 'host', 'performance'];

/**
 * Gauges that hold the last event's code until the exporter restarts: `DCGM_FI_DEV_XID_ERRORS` is the last XID of
 * a GPU (dcgm-exporter default counters, "DCGM_FI_DEV_XID_ERRORS, gauge, value of the last XID error"). An alert
 * on `> 0` fires once and never resolves; alert on `changes(...)` instead.
 */
export const LATCHING_GAUGES: readonly string[] = ['DCGM_FI_DEV_XID_ERRORS'];

function logGroupFindings(facts: DeploymentFacts): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const report = (resource: string, message: string) => out.push({ engine: facts.engine, resource, rule: RULE, severity: 'error', message });
  for (const g of facts.logGroups) {
    if (g.retentionDays === undefined) report(g.resource, 'the log group keeps logs forever (no retention). Fix: set a retention, e.g. 365 days');
    if (!g.encrypted) report(g.resource, 'the log group is not encrypted with a KMS key. Fix: give it a customer-managed key that CloudWatch Logs may use');
  }
  const declared = new Set(facts.logGroups.map((g) => g.name).filter((n): n is string => n !== undefined));
  for (const cluster of facts.clusters.filter((c) => c.name !== undefined)) {
    const implied: string[] = [];
    if (cluster.logTypes.length > 0) implied.push(`/aws/eks/${cluster.name}/cluster`);
    if (facts.addons.some((a) => a.name === 'amazon-cloudwatch-observability')) implied.push(...CONTAINER_INSIGHTS_LOG_GROUPS.map((n) => `/aws/containerinsights/${cluster.name}/${n}`));
    for (const name of implied.filter((n) => !declared.has(n))) {
      report(cluster.resource, `EKS creates the log group '${name}' itself, with no retention and no key. Fix: declare it (retention + KMS key) before the cluster or add-on writes to it`);
    }
  }
  return out;
}

function alarmFindings(facts: DeploymentFacts): ValidationFinding[] {
  const out: ValidationFinding[] = facts.alarms.filter((a) => a.actions === 0).map((a) => ({ engine: facts.engine, resource: a.resource, rule: RULE, severity: 'error' as const,
    message: 'the alarm has no action: it changes state and nobody hears of it. Fix: send it to the stack\'s alarm topic' }));
  if (facts.topics.length > 0 && facts.subscriptions === 0) {
    out.push({ engine: facts.engine, resource: facts.topics.map((t) => t.resource).join(', '), rule: RULE, severity: 'warning',
      message: 'no one is subscribed to the alarm topic: alarms (and Prometheus alerts routed to it) reach nobody. Fix: set monitoring.recipients in the spec (emails, slack, teams, pagerDutyIntegrationKeySecret; per environment in environments.<name>.monitoring), or subscribe your pager to the topic' });
  }
  return out;
}

function alertFindings(facts: DeploymentFacts): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const rules = (facts.kubeObjects as readonly Obj[]).filter((o) => o.kind === 'PrometheusRule');
  for (const rule of rules) {
    for (const alert of (rule.spec?.groups ?? []).flatMap((g: Obj) => g.rules ?? []).filter((r: Obj) => r.alert)) {
      const expr = String(alert.expr);
      for (const gauge of LATCHING_GAUGES.filter((g) => expr.includes(g) && !new RegExp(`(changes|increase|delta|resets)\\s*\\([^)]*${g}`).test(expr))) {
        out.push({ engine: facts.engine, resource: `PrometheusRule/${rule.metadata.namespace}/${rule.metadata.name}`, rule: RULE, severity: 'error',
          message: `alert '${alert.alert}' compares ${gauge}, which holds its last value, to a threshold: it fires once and never resolves. Fix: alert on changes(${gauge}[...]) > 0` });
      }
    }
  }
  // Where the cluster software is part of the output, Alertmanager must route somewhere outside the cluster.
  const stack = facts.helmReleases.find((h) => h.chart === 'kube-prometheus-stack');
  if (rules.length > 0 && stack) {
    const config = (stack.values?.alertmanager as Obj | undefined)?.config as Obj | undefined;
    const receivers = (config?.receivers ?? []) as Obj[];
    const byName = new Map(receivers.map((r) => [r.name, r]));
    const delivers = (name: unknown) => {
      const receiver = byName.get(name);
      return receiver !== undefined && Object.keys(receiver).some((k) => k.endsWith('_configs') && (receiver[k] ?? []).length > 0);
    };
    if (!delivers(config?.route?.receiver)) {
      out.push({ engine: facts.engine, resource: stack.resource, rule: RULE, severity: 'error',
        message: 'PrometheusRule alerts go to Alertmanager, whose default route has no receiver configuration: they reach nobody. Fix: route them to a receiver (e.g. sns_configs to the alarm topic)' });
    }
    // A child route to a receiver that delivers nothing silences the alerts it matches; only the stack's
    // always-firing meta alerts may go there.
    for (const route of (config?.route?.routes ?? []) as Obj[]) {
      const matchers = (route.matchers ?? []) as string[];
      const metaOnly = matchers.length > 0 && matchers.every((m) => SILENCED_META_ALERTS.some((alert) => new RegExp(`^alertname\\s*=\\s*"?${alert}"?$`).test(m)));
      if (!delivers(route.receiver) && !metaOnly) {
        out.push({ engine: facts.engine, resource: stack.resource, rule: RULE, severity: 'error',
          message: `Alertmanager routes alerts matching ${JSON.stringify(matchers)} to receiver '${route.receiver}', which delivers nowhere: they reach nobody. Fix: route them to the alarm topic's receiver` });
      }
    }
  }
  return out;
}

/** Observability findings of one engine's output. */
export function checkObservability(facts: DeploymentFacts): ValidationFinding[] {
  return [...alarmFindings(facts), ...alertFindings(facts), ...logGroupFindings(facts), ...azureObservabilityFindings(facts), ...checkGcpObservability(facts)];
}
