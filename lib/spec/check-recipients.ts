/**
 * Checks `monitoring.recipients` (and the older `monitoring.alarmEmail`) wherever they are written: in the
 * spec's monitoring section or in an environment's overrides. Problems are collected, never thrown here.
 */
import type { ProblemCollector } from '../errors';
import type { AlarmRecipientsSpec } from './types';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** AWS Chatbot ids: Slack workspace/channel ids are upper-case alphanumerics (e.g. T0123ABCD, C0123ABCD). */
const SLACK_ID = /^[A-Z0-9]{1,255}$/;
const GUID = /^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/;
/** A Teams channel id as the Chatbot console and CloudFormation take it, URL-encoded: `19%3a...%40thread.tacv2`. */
const TEAMS_CHANNEL = /^19%3[aA][\w.-]+%40thread\.[\w.]+$/;
/** A Secrets Manager secret name (or ARN): names, never the URL or key itself. */
const SECRET_NAME = /^(arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret:)?[\w/+=.@-]{1,512}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(p: ProblemCollector, prefix: string, obj: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(obj).filter((k) => !known.includes(k))) {
    p.add(`${prefix}.${key}`, obj[key], 'is not a known field', `remove it or use one of ${known.join(', ')}`);
  }
}

/** `monitoring.alarmEmail` and `monitoring.recipients` under `prefix` (e.g. `monitoring`, `environments.prod.monitoring`). */
export function checkAlarmRecipients(p: ProblemCollector, prefix: string, alarmEmail: unknown, recipients: unknown): void {
  if (alarmEmail !== undefined) {
    p.check(typeof alarmEmail === 'string' && EMAIL.test(alarmEmail), `${prefix}.alarmEmail`, alarmEmail, 'must be an e-mail address', 'e.g. oncall@example.com');
  }
  if (recipients === undefined) return;
  const field = `${prefix}.recipients`;
  if (!p.check(isObject(recipients), field, recipients, 'must be an object', 'give { emails?, slack?, teams?, pagerDutyIntegrationKeySecret? }')) return;
  const r = recipients as Record<string, unknown>;
  unknownKeys(p, field, r, ['emails', 'slack', 'teams', 'pagerDutyIntegrationKeySecret']);
  if (r.emails !== undefined) {
    p.check(Array.isArray(r.emails) && r.emails.length > 0 && r.emails.every((e) => typeof e === 'string' && EMAIL.test(e)), `${field}.emails`, r.emails,
      'must be a non-empty list of e-mail addresses', "e.g. ['oncall@example.com']");
  }
  const list = (key: string, check: (item: Record<string, unknown>, at: string) => void) => {
    const value = r[key];
    if (value === undefined) return;
    if (!p.check(Array.isArray(value) && value.length > 0, `${field}.${key}`, value, 'must be a non-empty list', `remove ${key} or list at least one channel`)) return;
    (value as unknown[]).forEach((item, i) => {
      const at = `${field}.${key}[${i}]`;
      if (p.check(isObject(item), at, item, 'must be an object', 'see docs/environments.md')) check(item as Record<string, unknown>, at);
    });
  };
  list('slack', (item, at) => {
    unknownKeys(p, at, item, ['workspaceId', 'channelId']);
    p.check(typeof item.workspaceId === 'string' && SLACK_ID.test(item.workspaceId), `${at}.workspaceId`, item.workspaceId, 'must be a Slack workspace id', 'copy it from the AWS Chatbot console after authorizing the workspace (e.g. T0123ABCD)');
    p.check(typeof item.channelId === 'string' && SLACK_ID.test(item.channelId), `${at}.channelId`, item.channelId, 'must be a Slack channel id', 'copy the end of the channel link in Slack (e.g. C0123ABCD)');
  });
  list('teams', (item, at) => {
    unknownKeys(p, at, item, ['teamId', 'channelId', 'tenantId']);
    p.check(typeof item.teamId === 'string' && GUID.test(item.teamId), `${at}.teamId`, item.teamId, 'must be a Microsoft Teams team id (a GUID)', 'copy it from the AWS Chatbot console after authorizing the team');
    p.check(typeof item.tenantId === 'string' && GUID.test(item.tenantId), `${at}.tenantId`, item.tenantId, 'must be a Microsoft Entra tenant id (a GUID)', 'copy it from the AWS Chatbot console');
    p.check(typeof item.channelId === 'string' && TEAMS_CHANNEL.test(item.channelId), `${at}.channelId`, item.channelId, 'must be a URL-encoded Teams channel id', "copy the channel link in Teams: '19%3a...%40thread.tacv2'");
  });
  if (r.pagerDutyIntegrationKeySecret !== undefined) {
    const v = r.pagerDutyIntegrationKeySecret;
    p.check(typeof v === 'string' && SECRET_NAME.test(v) && !v.includes('pagerduty.com'), `${field}.pagerDutyIntegrationKeySecret`, v,
      'must be the name (or ARN) of a Secrets Manager secret, never the key or URL itself', 'store the integration key: aws secretsmanager create-secret --name <name> --secret-string <key>, and give <name>');
  }
}

/** The recipients of a spec with `alarmEmail` folded into the e-mails (once). */
export function effectiveRecipients(alarmEmail: string | undefined, recipients: AlarmRecipientsSpec | undefined): AlarmRecipientsSpec {
  const emails = [...new Set([...(alarmEmail !== undefined ? [alarmEmail] : []), ...(recipients?.emails ?? [])])];
  const { emails: _written, ...others } = recipients ?? {};
  return { ...others, ...(emails.length > 0 && { emails }) };
}

/** Whether anyone hears the alarms. */
export function hasRecipients(r: AlarmRecipientsSpec): boolean {
  return (r.emails?.length ?? 0) + (r.slack?.length ?? 0) + (r.teams?.length ?? 0) > 0 || r.pagerDutyIntegrationKeySecret !== undefined;
}
