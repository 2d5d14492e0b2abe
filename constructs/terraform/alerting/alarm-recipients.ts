/**
 * Terraform (cdktf) rendering of an alarm topic's subscriptions (lib/alerting/alarm-subscriptions.ts): e-mail,
 * PagerDuty (HTTPS; the integration key read at plan time by the `aws_secretsmanager_secret_version` data
 * source, so it lives in the state like every secret Terraform reads: keep the state encrypted) and AWS
 * Chatbot channels for Slack and Microsoft Teams (`aws_chatbot_*_channel_configuration`, hashicorp/aws 6.x).
 */
import { ChatbotSlackChannelConfiguration } from '@cdktf/provider-aws/lib/chatbot-slack-channel-configuration';
import { ChatbotTeamsChannelConfiguration } from '@cdktf/provider-aws/lib/chatbot-teams-channel-configuration';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { Construct } from 'constructs';
import {
  chatbotRolePolicies, CHATBOT_GUARDRAIL_POLICY, PAGERDUTY_CLOUDWATCH_ENDPOINT, type AlarmSubscriptions,
} from '../../../lib/alerting/alarm-subscriptions';

/**
 * Subscribes every recipient to the topic.
 * @param emailId the id the single e-mail subscription had on this construct when a deployment could name only
 *   one: the first e-mail keeps it, so existing states are not replaced @default 'AlarmEmail'
 */
export function subscribeAlarmRecipients(scope: Construct, topicArn: string, recipients: AlarmSubscriptions, emailId = 'AlarmEmail'): void {
  recipients.emails.forEach((email, i) => new SnsTopicSubscription(scope, i === 0 ? emailId : `${emailId}${i}`, { topicArn, protocol: 'email', endpoint: email }));
  if (recipients.pagerDutyKeySecret !== undefined) {
    const key = new DataAwsSecretsmanagerSecretVersion(scope, 'PagerDutyIntegrationKey', { secretId: recipients.pagerDutyKeySecret });
    new SnsTopicSubscription(scope, 'PagerDutySubscription', {
      topicArn, protocol: 'https', endpoint: `${PAGERDUTY_CLOUDWATCH_ENDPOINT.prefix}${key.secretString}${PAGERDUTY_CLOUDWATCH_ENDPOINT.suffix}`, endpointAutoConfirms: true,
    });
  }
  if (recipients.chatChannels.length === 0) return;
  const policies = chatbotRolePolicies();
  const role = new IamRole(scope, 'ChatbotRole', {
    name: recipients.chatbotRoleName,
    assumeRolePolicy: JSON.stringify(policies.assumeRole),
    inlinePolicy: [{ name: 'Notifications', policy: JSON.stringify(policies.notifications) }],
  });
  const partition = new DataAwsPartition(scope, 'ChatbotPartition');
  const guardrailPolicyArns = [`arn:${partition.partition}:iam::aws:policy/${CHATBOT_GUARDRAIL_POLICY}`];
  for (const channel of recipients.chatChannels) {
    if (channel.kind === 'slack') {
      new ChatbotSlackChannelConfiguration(scope, channel.id, {
        configurationName: channel.configurationName, iamRoleArn: role.arn, slackTeamId: channel.workspaceId, slackChannelId: channel.channelId,
        snsTopicArns: [topicArn], guardrailPolicyArns, loggingLevel: 'ERROR',
      });
    } else {
      new ChatbotTeamsChannelConfiguration(scope, channel.id, {
        configurationName: channel.configurationName, iamRoleArn: role.arn, teamId: channel.teamId, tenantId: channel.tenantId, channelId: channel.channelId,
        snsTopicArns: [topicArn], guardrailPolicyArns, loggingLevel: 'ERROR',
      });
    }
  }
}
