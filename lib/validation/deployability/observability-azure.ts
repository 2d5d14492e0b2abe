/**
 * Observability on Azure: every alert rule and budget notification names an action group, the action groups reach
 * someone (or the synth warns, as for an AWS topic nobody subscribed to), and an AKS cluster whose metrics go to Azure
 * Monitor managed Prometheus has a Prometheus rule group alerting on them (managed Prometheus reads no PrometheusRule
 * objects, so the Kubernetes-side check sees nothing there).
 */
import type { ValidationFinding } from '../types';
import type { DeploymentFacts } from './facts';

const RULE = 'deployability/observability';

export function azureObservabilityFindings(facts: DeploymentFacts): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const report = (resource: string, severity: 'error' | 'warning', message: string) => out.push({ engine: facts.engine, resource, rule: RULE, severity, message });
  const alerts = facts.azureAlerts ?? [];
  const groups = facts.actionGroups ?? [];
  for (const a of alerts.filter((x) => x.actions === 0)) {
    report(a.resource, 'error', a.kind === 'budget'
      ? `budget notification '${a.name}' has no contact group, e-mail or role: the bill reaches nobody. Fix: notify the deployment's action group (contact groups)`
      : `${a.kind === 'prometheus-rule' ? 'Prometheus alert' : 'metric alert'} '${a.name}' has no action: it fires and nobody hears of it. Fix: name the deployment's action group in its actions`);
  }
  const rules = alerts.filter((a) => a.kind === 'prometheus-rule');
  for (const cluster of (facts.managedPrometheusClusters ?? []).filter(() => rules.length === 0)) {
    report(cluster, 'error', 'the cluster sends its metrics to Azure Monitor managed Prometheus, which reads no PrometheusRule objects, and no Prometheus rule group alerts on them: nobody hears of a failing model. Fix: render the alert rules as an Azure Monitor Prometheus rule group routed to an action group');
  }
  if (alerts.length > 0 && groups.length > 0 && groups.every((g) => g.receivers === 0)) {
    report(groups.map((g) => g.resource).join(', '), 'warning',
      'the action group has no receiver: alerts and budget notifications reach nobody. Fix: set monitoring.recipients in the spec (emails, pagerDutyIntegrationKeySecret as <resource group>/<vault>/<secret>; per environment in environments.<name>.monitoring)');
  }
  return out;
}
