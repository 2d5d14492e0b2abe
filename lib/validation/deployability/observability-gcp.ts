/**
 * Observability on Google Cloud: an alert nobody receives is not monitoring. A GMP `Rules` object sends its alerts to
 * the managed rule evaluator, which delivers only to an Alertmanager configured for it (an `alertmanager` Secret in
 * `gmp-public`, GMP docs "Managed rule evaluation and alerting", read 2026-12-03): without one, its alerts reach nobody.
 * Cloud Monitoring alerting policies reach people through notification channels; one that lists none is silent. A
 * deployment with alerting policies but no Cloud Billing budget has nobody watching its bill.
 */
import type { ValidationFinding } from '../types';
import type { DeploymentFacts } from './facts';

const RULE = 'deployability/observability';
type Obj = Record<string, any>;

/** A Cloud Monitoring alerting policy or a Cloud Billing budget, and how many notification channels it names. */
export interface GcpNotifierFact {
  readonly resource: string;
  readonly channels: number;
}

/** Google Cloud monitoring resources of one engine's output. */
export interface GcpMonitoringFacts {
  readonly alertPolicies: readonly GcpNotifierFact[];
  readonly budgets: readonly GcpNotifierFact[];
}

/** The GMP kinds that carry alerting rules (monitoring.googleapis.com). */
export const GMP_RULE_KINDS: readonly string[] = ['Rules', 'ClusterRules', 'GlobalRules'];

/** Whether the objects configure GMP's managed Alertmanager (the `alertmanager` Secret in `gmp-public`). */
function configuresManagedAlertmanager(objects: readonly Obj[]): boolean {
  return objects.some((o) => o.kind === 'Secret' && o.metadata?.namespace === 'gmp-public' && o.metadata?.name === 'alertmanager');
}

function gmpRuleFindings(facts: DeploymentFacts): ValidationFinding[] {
  const objects = facts.kubeObjects as readonly Obj[];
  if (configuresManagedAlertmanager(objects)) return [];
  return objects
    .filter((o) => String(o.apiVersion).startsWith('monitoring.googleapis.com/') && GMP_RULE_KINDS.includes(o.kind))
    .filter((o) => (o.spec?.groups ?? []).some((g: Obj) => (g.rules ?? []).some((r: Obj) => r.alert)))
    .map((o) => ({
      engine: facts.engine, resource: `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`, rule: RULE, severity: 'error' as const,
      message: 'GMP evaluates these alerting rules and sends them to a managed Alertmanager that nothing configures: they reach nobody. Fix: alert with Cloud Monitoring alerting policies (PromQL conditions) that notify the recipients\' channels (lib/gcp/alert-routing.ts), or configure the alertmanager Secret in gmp-public with a receiver',
    }));
}

function policyFindings(facts: DeploymentFacts): ValidationFinding[] {
  const gcp = facts.gcpMonitoring;
  if (gcp === undefined) return [];
  const out: ValidationFinding[] = [];
  const silent = gcp.alertPolicies.filter((p) => p.channels === 0);
  if (silent.length > 0) {
    out.push({ engine: facts.engine, resource: silent.map((p) => p.resource).join(', '), rule: RULE, severity: 'warning',
      message: 'the alerting policies notify no channel: incidents open and nobody hears of them. Fix: set monitoring.recipients in the spec (emails, pagerDutyIntegrationKeySecret as a Secret Manager secret id; per environment in environments.<name>.monitoring)' });
  }
  if (gcp.alertPolicies.length > 0 && gcp.budgets.length === 0) {
    out.push({ engine: facts.engine, resource: gcp.alertPolicies[0]!.resource, rule: RULE, severity: 'warning',
      message: 'no Cloud Billing budget: nobody hears when the deployment\'s bill runs past its plan. Fix: set monitoring.budget.billingAccount (gcloud billing accounts list); ignore this when monitoring.budget.enabled is false or the plan has no monthly cost' });
  }
  return out;
}

/** Google Cloud observability findings of one engine's output. */
export function checkGcpObservability(facts: DeploymentFacts): ValidationFinding[] {
  return [...gmpRuleFindings(facts), ...policyFindings(facts)];
}
