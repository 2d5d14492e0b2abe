/**
 * Who an alarm topic reaches, as one engine-neutral description that the CDK, cdktf and Pulumi renderers
 * turn into subscriptions (constructs/{cdk,terraform,pulumi}/alerting/alarm-recipients.ts). Every target's
 * CloudWatch alarms notify its alarm topic and Alertmanager routes every Prometheus alert there
 * (lib/eks/alert-routing.ts), so these subscriptions are where both reach people:
 * - e-mail: an SNS `email` subscription per address (each address confirms once);
 * - PagerDuty: an SNS `https` subscription to the "Amazon CloudWatch" integration URL,
 *   `https://events.pagerduty.com/integration/<integration key>/enqueue` (PagerDuty's CloudWatch integration
 *   guide; confirmed automatically), the key read from Secrets Manager at deploy time, never written in the spec;
 * - Slack / Microsoft Teams: an AWS Chatbot channel configuration subscribed to the topic, assuming a role
 *   that may only read CloudWatch (the notifications-only permissions of the Chatbot admin guide:
 *   cloudwatch:Describe*, Get*, List*; read 2026-12-03).
 */
import { effectiveRecipients, hasRecipients } from '../spec/check-recipients';
import type { AlarmRecipientsSpec } from '../spec/types';

/** PagerDuty's CloudWatch integration endpoint around the integration key (read 2026-12-03). */
export const PAGERDUTY_CLOUDWATCH_ENDPOINT = { prefix: 'https://events.pagerduty.com/integration/', suffix: '/enqueue' } as const;
/** What AWS Chatbot's role may do for notifications only (Chatbot admin guide, "Notification permissions"). */
export const CHATBOT_NOTIFICATION_ACTIONS: readonly string[] = ['cloudwatch:Describe*', 'cloudwatch:Get*', 'cloudwatch:List*'];
/** The guardrail every channel's members are held to: read-only CloudWatch, whatever the role allows. */
export const CHATBOT_GUARDRAIL_POLICY = 'CloudWatchReadOnlyAccess';
/** Why the Chatbot role's wildcards are acceptable (for policy checks that ask). */
export const CHATBOT_WILDCARD_REASON = 'AWS Chatbot reads alarm details and graphs of any CloudWatch metric named in a notification; the actions are read-only Describe/Get/List, which take no resource ARN.';

/** One chat channel that hears the alarms through AWS Chatbot. */
export type ChatChannel =
  | { readonly kind: 'slack'; readonly id: string; readonly configurationName: string; readonly workspaceId: string; readonly channelId: string }
  | { readonly kind: 'teams'; readonly id: string; readonly configurationName: string; readonly teamId: string; readonly tenantId: string; readonly channelId: string };

/** Every subscription of one alarm topic. */
export interface AlarmSubscriptions {
  readonly emails: readonly string[];
  /** Secrets Manager secret whose value is the PagerDuty integration key. @default - no PagerDuty */
  readonly pagerDutyKeySecret?: string;
  readonly chatChannels: readonly ChatChannel[];
  /** IAM role AWS Chatbot assumes, when there is a chat channel. @default - no role */
  readonly chatbotRoleName?: string;
  /** Whether anyone hears the alarms (else the synth warns: deployability/observability). */
  readonly reachesSomeone: boolean;
}

/** `${prefix}-${suffix}`, cut so the whole fits `max` characters. */
function named(prefix: string, suffix: string, max: number): string {
  return `${prefix.slice(0, max - suffix.length - 1)}-${suffix}`;
}

/**
 * The subscriptions of a deployment's alarm topic.
 * @param name the deployment's name (prefixes the Chatbot configurations and role)
 * @param recipients `monitoring.recipients` as resolved (alarmEmail folded in) @default - nobody
 * @param alarmEmail the older single address, folded into the e-mails @default - none
 */
export function alarmSubscriptions(name: string, recipients?: AlarmRecipientsSpec, alarmEmail?: string): AlarmSubscriptions {
  const r = effectiveRecipients(alarmEmail, recipients);
  // Chatbot configuration names: up to 128 letters, digits, - and _ (AWS::Chatbot::*ChannelConfiguration).
  const chatChannels: ChatChannel[] = [
    ...(r.slack ?? []).map((s, i) => ({ kind: 'slack' as const, id: `Slack${i}`, configurationName: named(name, `alarms-slack-${i}`, 128), workspaceId: s.workspaceId, channelId: s.channelId })),
    ...(r.teams ?? []).map((t, i) => ({ kind: 'teams' as const, id: `Teams${i}`, configurationName: named(name, `alarms-teams-${i}`, 128), teamId: t.teamId, tenantId: t.tenantId, channelId: t.channelId })),
  ];
  return {
    emails: r.emails ?? [],
    ...(r.pagerDutyIntegrationKeySecret !== undefined && { pagerDutyKeySecret: r.pagerDutyIntegrationKeySecret }),
    chatChannels,
    ...(chatChannels.length > 0 && { chatbotRoleName: named(name, 'alarm-chatbot', 64) }),
    reachesSomeone: hasRecipients(r),
  };
}

/** The PagerDuty endpoint for an integration key (a deploy-time value in every engine). */
export function pagerDutyEndpoint(integrationKey: string): string {
  return `${PAGERDUTY_CLOUDWATCH_ENDPOINT.prefix}${integrationKey}${PAGERDUTY_CLOUDWATCH_ENDPOINT.suffix}`;
}

/** Chatbot's trust and notification policies, as IAM JSON. */
export function chatbotRolePolicies(): { readonly assumeRole: object; readonly notifications: object } {
  return {
    assumeRole: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'chatbot.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    notifications: { Version: '2012-10-17', Statement: [{ Sid: 'ReadAlarmDetails', Effect: 'Allow', Action: [...CHATBOT_NOTIFICATION_ACTIONS], Resource: '*' }] },
  };
}
