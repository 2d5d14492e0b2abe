/**
 * How the alerts of a Google Cloud deployment (gke, vertex-ai) reach the spec's `monitoring.recipients`, as one
 * engine-neutral description the cdktf and Pulumi renderers apply (constructs/{terraform,pulumi}/gcp/*).
 *
 * Channels: one Cloud Monitoring notification channel of type `email` per address, and one of type `pagerduty` whose
 * `service_key` is read at deploy time from the Secret Manager secret `pagerDutyIntegrationKeySecret` names (the spec
 * holds the secret's id, never the key). Slack and Microsoft Teams recipients are AWS Chatbot channels: Cloud
 * Monitoring's `slack` channel type needs an OAuth `auth_token` that only the console's Slack authorization produces,
 * and it has no Teams type (google provider 6.x `google_monitoring_notification_channel` docs and @pulumi/gcp 9.37
 * `NotificationChannelSensitiveLabels`: auth_token, password, service_key; read 2026-12-03), so on Google Cloud they are
 * refused at validation with a fix rather than dropped.
 *
 * Prometheus alerts: each alert rule of the deployment (the same AlertRule list the PrometheusRule carries,
 * lib/kubernetes/monitoring.ts) becomes one Cloud Monitoring alerting policy with a PromQL condition
 * (`condition_prometheus_query_language`: query, duration, evaluation_interval, alert_rule, rule_group; Cloud Monitoring
 * API `AlertPolicy.Condition.PrometheusQueryLanguageCondition`, "embeds the information of the parent rule group inside
 * each of the conditions", read 2026-12-03) that notifies the channels. Cloud Monitoring evaluates PromQL over the
 * Managed Prometheus data GKE already collects, and it routes to notification channels without an Alertmanager.
 * The GMP `Rules` object is not rendered any more: GMP's managed rule evaluator sends fired alerts only to an
 * Alertmanager configured through the OperatorConfig (GMP docs, "Managed rule evaluation and alerting" and "Evaluation
 * of rules and alerts with managed collection", read 2026-12-03); none was, so they reached nobody, and configuring one
 * would put receiver credentials (the PagerDuty key) into the cluster. The Rules object scoped its queries to its
 * project, cluster and namespace; the policies' queries select the deployment's namespace and service themselves.
 * Pure functions, no engine import.
 */
import type { InputProblem } from '../errors';
import type { AlertRule } from '../kubernetes/monitoring';
import type { AlarmRecipientsSpec } from '../spec/monitoring-types';
import { CLOUD_OF_TARGET } from '../spec/targets';
import type { TargetKind } from '../spec/target-types';

/**
 * A Secret Manager secret id: letters, digits, `_` and `-`, at most 255 characters (Secret Manager API, `secretId`,
 * read 2026-12-03). The secret lives in the deployment's project.
 */
export const SECRET_MANAGER_SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;

/** A Cloud Monitoring notification channel of the deployment. */
export interface GcpNotificationChannel {
  /** Stable key for engine resource ids: `email-0`, `email-1`..., `pagerduty`. */
  readonly key: string;
  /** Cloud Monitoring channel type. */
  readonly type: 'email' | 'pagerduty';
  readonly displayName: string;
  /** Non-secret channel labels (`email_address`). */
  readonly labels: Readonly<Record<string, string>>;
  /** Secret Manager secret id whose latest version the engine reads into `sensitive_labels.service_key`. @default - none */
  readonly serviceKeySecret?: string;
}

/** A Cloud Monitoring alerting policy with one PromQL condition. */
export interface GcpPromQlAlertPolicy {
  /** Stable key for engine resource ids (kebab-case alert name). */
  readonly key: string;
  readonly displayName: string;
  /** Cloud Monitoring's policy severity (CRITICAL, ERROR, WARNING), from the rule's `severity` label. */
  readonly severity: 'CRITICAL' | 'ERROR' | 'WARNING';
  readonly condition: {
    readonly displayName: string;
    /** The PromQL expression, as the Prometheus rule has it. */
    readonly query: string;
    /** How long the expression holds before the alert fires (the rule's `for`), e.g. `600s`. */
    readonly duration: string;
    /** A positive multiple of 30 s (Cloud Monitoring API). */
    readonly evaluationInterval: string;
    readonly alertRule: string;
    readonly ruleGroup: string;
    /** The rule's labels, carried onto the incident. */
    readonly labels: Readonly<Record<string, string>>;
    /**
     * Always true: the policies are created before any series exists (vLLM is scraped once its pods run, a Vertex AI
     * model is deployed after the stack by `gcloud`), and Cloud Monitoring otherwise refuses a PromQL condition on a
     * metric it has not seen (`disable_metric_validation`, google provider 6.x / @pulumi/gcp 9.37 docs, read 2026-12-03).
     */
    readonly disableMetricValidation: true;
  };
  /** Markdown the incident shows: the rule's summary and description. */
  readonly documentation: { readonly content: string; readonly mimeType: 'text/markdown' };
}

/** Who hears a Google Cloud deployment: its channels and the policies that notify all of them. */
export interface GcpAlertRouting {
  readonly channels: readonly GcpNotificationChannel[];
  readonly policies: readonly GcpPromQlAlertPolicy[];
}

/** Evaluation interval of the PromQL conditions: the GMP Rules group interval they replace. */
export const PROMQL_EVALUATION_INTERVAL = '30s';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What Google Cloud cannot deliver to, for `monitoring.recipients` written at `prefix` (e.g. `monitoring`,
 * `environments.prod.monitoring`): Slack and Teams channels (AWS Chatbot), and a PagerDuty secret that is not a Secret
 * Manager secret id. Shape problems are checkAlarmRecipients' (lib/spec/check-recipients.ts).
 */
export function gcpRecipientProblems(prefix: string, recipients: unknown): InputProblem[] {
  if (!isObject(recipients)) return [];
  const field = `${prefix}.recipients`;
  const problems: InputProblem[] = [];
  const chatbot = (key: 'slack' | 'teams', product: string) => {
    if (recipients[key] === undefined) return;
    problems.push({
      field: `${field}.${key}`, value: recipients[key],
      message: `are AWS Chatbot channels, which Google Cloud cannot notify (Cloud Monitoring ${key === 'slack' ? 'needs an OAuth token from the console for Slack' : 'has no Teams channel type'})`,
      fix: `remove ${key} on a gke or vertex-ai target and use emails or pagerDutyIntegrationKeySecret; or add your ${product} channel in Cloud Monitoring > Alerting > Edit notification channels and attach it to the policies by hand`,
    });
  };
  chatbot('slack', 'Slack');
  chatbot('teams', 'Teams webhook');
  const secret = recipients.pagerDutyIntegrationKeySecret;
  if (secret !== undefined && !(typeof secret === 'string' && SECRET_MANAGER_SECRET_ID.test(secret))) {
    problems.push({
      field: `${field}.pagerDutyIntegrationKeySecret`, value: secret,
      message: 'must be the id of a Secret Manager secret in the deployment\'s project on Google Cloud (letters, digits, _ and -), never the key itself',
      fix: 'store the PagerDuty service key: gcloud secrets create <id> --data-file=- <<< "<key>", and give <id>',
    });
  }
  return problems;
}

/** The notification channels of `recipients` (e-mails in order, then PagerDuty). */
export function gcpNotificationChannels(deploymentName: string, recipients: AlarmRecipientsSpec): GcpNotificationChannel[] {
  const channels: GcpNotificationChannel[] = (recipients.emails ?? []).map((address, i) => ({
    key: `email-${i}`, type: 'email', displayName: `${deploymentName} alerts: ${address}`, labels: { email_address: address },
  }));
  if (recipients.pagerDutyIntegrationKeySecret !== undefined) {
    channels.push({ key: 'pagerduty', type: 'pagerduty', displayName: `${deploymentName} alerts: PagerDuty`, labels: {}, serviceKeySecret: recipients.pagerDutyIntegrationKeySecret });
  }
  return channels;
}

/** A Prometheus duration (`10m`, `0m`, `1h30m`, `45s`) in seconds, as Cloud Monitoring writes durations (`600s`). */
export function promDurationSeconds(duration: string): string {
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
  let seconds = 0;
  const parts = [...duration.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((m) => m[0]).join('') !== duration) throw new Error(`'${duration}' is not a Prometheus duration (e.g. 10m)`);
  for (const [, n, unit] of parts) seconds += Number(n) * units[unit!]!;
  return `${seconds}s`;
}

/** Alertmanager's `{{ $labels.x }}` as Cloud Monitoring's documentation variable `${metric.label.x}`. */
function documentationText(text: string): string {
  return text.replace(/\{\{\s*\$labels\.(\w+)\s*\}\}/g, '$${metric.label.$1}');
}

const SEVERITIES: Readonly<Record<string, GcpPromQlAlertPolicy['severity']>> = { critical: 'CRITICAL', error: 'ERROR', warning: 'WARNING' };

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
}

/** One alerting policy per alert rule of `groups`, its PromQL carried over unchanged. */
export function promQlAlertPolicies(deploymentName: string, groups: readonly { readonly name: string; readonly rules: readonly AlertRule[] }[]): GcpPromQlAlertPolicy[] {
  return groups.flatMap((group) => group.rules.map((rule) => {
    const annotations = rule.annotations;
    const content = [annotations.summary, annotations.description].filter((t): t is string => t !== undefined).map(documentationText).join('\n\n');
    return {
      key: kebab(rule.alert),
      displayName: `${deploymentName}: ${rule.alert}`,
      severity: SEVERITIES[rule.labels.severity ?? ''] ?? 'WARNING',
      condition: {
        displayName: rule.alert,
        query: rule.expr,
        duration: promDurationSeconds(rule.for),
        evaluationInterval: PROMQL_EVALUATION_INTERVAL,
        alertRule: rule.alert,
        ruleGroup: group.name,
        labels: { ...rule.labels },
        disableMetricValidation: true,
      },
      documentation: { content, mimeType: 'text/markdown' as const },
    };
  }));
}

/** The channels of the spec's recipients and the policies that notify every one of them. */
export function gcpAlertRouting(deploymentName: string, recipients: AlarmRecipientsSpec, policies: readonly GcpPromQlAlertPolicy[]): GcpAlertRouting {
  return { channels: gcpNotificationChannels(deploymentName, recipients), policies };
}

/**
 * {@link gcpRecipientProblems} of a spec as written, when its target runs on Google Cloud: the spec's own recipients
 * and every environment's overrides (an environment cannot change the target, so its recipients meet the same cloud).
 */
export function gcpRecipientProblemsOfSpec(targetKind: unknown, spec: Readonly<Record<string, unknown>>): InputProblem[] {
  if (typeof targetKind !== 'string' || CLOUD_OF_TARGET[targetKind as TargetKind] !== 'gcp') return [];
  const sections: [string, unknown][] = [['monitoring', spec.monitoring]];
  if (isObject(spec.environments)) {
    for (const [name, env] of Object.entries(spec.environments)) if (isObject(env)) sections.push([`environments.${name}.monitoring`, env.monitoring]);
  }
  return sections.flatMap(([prefix, monitoring]) => (isObject(monitoring) ? gcpRecipientProblems(prefix, monitoring.recipients) : []));
}
