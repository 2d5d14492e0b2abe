/**
 * Pulumi rendering of an alarm topic's subscriptions (lib/alerting/alarm-subscriptions.ts): e-mail, PagerDuty
 * (HTTPS; the integration key read from Secrets Manager at deploy time and kept a Pulumi secret) and AWS
 * Chatbot channels for Slack and Microsoft Teams.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import {
  chatbotRolePolicies, CHATBOT_GUARDRAIL_POLICY, PAGERDUTY_CLOUDWATCH_ENDPOINT, type AlarmSubscriptions,
} from '../../../lib/alerting/alarm-subscriptions';

/**
 * Subscribes every recipient to the topic. The first e-mail keeps the name `<name>-<emailSuffix>` it had when
 * a deployment could name only one, so existing stacks are not replaced.
 * @param name prefix of the resource names
 * @param partition the ARN partition (of the guardrail policy ARN)
 * @param emailSuffix the suffix the single e-mail subscription had on this construct (e.g. `alarm-email`)
 */
export function subscribeAlarmRecipients(name: string, topicArn: pulumi.Input<string>, recipients: AlarmSubscriptions, partition: pulumi.Input<string>, emailSuffix: string, opts: pulumi.CustomResourceOptions): void {
  recipients.emails.forEach((email, i) => new aws.sns.TopicSubscription(i === 0 ? `${name}-${emailSuffix}` : `${name}-${emailSuffix}-${i}`, { topic: topicArn, protocol: 'email', endpoint: email }, opts));
  if (recipients.pagerDutyKeySecret !== undefined) {
    const key = aws.secretsmanager.getSecretVersionOutput({ secretId: recipients.pagerDutyKeySecret }, { parent: opts.parent }).secretString;
    new aws.sns.TopicSubscription(`${name}-pagerduty`, {
      topic: topicArn, protocol: 'https', endpointAutoConfirms: true,
      endpoint: pulumi.secret(pulumi.interpolate`${PAGERDUTY_CLOUDWATCH_ENDPOINT.prefix}${key}${PAGERDUTY_CLOUDWATCH_ENDPOINT.suffix}`),
    }, opts);
  }
  if (recipients.chatChannels.length === 0) return;
  const policies = chatbotRolePolicies();
  const role = new aws.iam.Role(`${name}-chatbot`, {
    name: recipients.chatbotRoleName,
    assumeRolePolicy: JSON.stringify(policies.assumeRole),
    inlinePolicies: [{ name: 'Notifications', policy: JSON.stringify(policies.notifications) }],
  }, opts);
  const guardrailPolicyArns = [pulumi.interpolate`arn:${partition}:iam::aws:policy/${CHATBOT_GUARDRAIL_POLICY}`];
  for (const channel of recipients.chatChannels) {
    if (channel.kind === 'slack') {
      new aws.chatbot.SlackChannelConfiguration(`${name}-chatbot-${channel.id.toLowerCase()}`, {
        configurationName: channel.configurationName, iamRoleArn: role.arn, slackTeamId: channel.workspaceId, slackChannelId: channel.channelId,
        snsTopicArns: [topicArn], guardrailPolicyArns, loggingLevel: 'ERROR',
      }, opts);
    } else {
      new aws.chatbot.TeamsChannelConfiguration(`${name}-chatbot-${channel.id.toLowerCase()}`, {
        configurationName: channel.configurationName, iamRoleArn: role.arn, teamId: channel.teamId, tenantId: channel.tenantId, channelId: channel.channelId,
        snsTopicArns: [topicArn], guardrailPolicyArns, loggingLevel: 'ERROR',
      }, opts);
    }
  }
}
