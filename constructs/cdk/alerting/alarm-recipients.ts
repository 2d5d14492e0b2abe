/**
 * CDK rendering of an alarm topic's subscriptions (lib/alerting/alarm-subscriptions.ts): e-mail, PagerDuty
 * (HTTPS, the integration key resolved by CloudFormation from Secrets Manager: a `secretsmanager` dynamic
 * reference "can be used in all resource properties", CloudFormation user guide, read 2026-12-03) and
 * AWS Chatbot channels for Slack and Microsoft Teams.
 */
import { Aws, SecretValue } from 'aws-cdk-lib';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import {
  CHATBOT_GUARDRAIL_POLICY, CHATBOT_NOTIFICATION_ACTIONS, CHATBOT_WILDCARD_REASON, PAGERDUTY_CLOUDWATCH_ENDPOINT, type AlarmSubscriptions,
} from '../../../lib/alerting/alarm-subscriptions';
import { acknowledgeIamFindings } from '../../../lib/validation/iam-acknowledgements';

/**
 * Subscribes every recipient to `topic`. E-mail subscriptions are added exactly as before recipients existed
 * (`topic.addSubscription`), so a deployment that only had `alarmEmail` keeps its resources.
 */
export function subscribeAlarmRecipients(scope: Construct, topic: sns.ITopic, recipients: AlarmSubscriptions): void {
  for (const email of recipients.emails) topic.addSubscription(new subscriptions.EmailSubscription(email));
  if (recipients.pagerDutyKeySecret !== undefined) {
    const key = SecretValue.secretsManager(recipients.pagerDutyKeySecret).unsafeUnwrap();
    new sns.Subscription(scope, 'PagerDutySubscription', {
      topic,
      protocol: sns.SubscriptionProtocol.HTTPS,
      endpoint: `${PAGERDUTY_CLOUDWATCH_ENDPOINT.prefix}${key}${PAGERDUTY_CLOUDWATCH_ENDPOINT.suffix}`,
    });
  }
  if (recipients.chatChannels.length === 0) return;
  const role = new iam.Role(scope, 'ChatbotRole', {
    roleName: recipients.chatbotRoleName,
    assumedBy: new iam.ServicePrincipal('chatbot.amazonaws.com'),
    description: `AWS Chatbot: reads the CloudWatch alarms it posts from ${topic.topicArn}`,
    inlinePolicies: {
      Notifications: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ sid: 'ReadAlarmDetails', actions: [...CHATBOT_NOTIFICATION_ACTIONS], resources: ['*'] })] }),
    },
  });
  acknowledgeIamFindings(role, { wildcards: CHATBOT_WILDCARD_REASON });
  const guardrailPolicies = [`arn:${Aws.PARTITION}:iam::aws:policy/${CHATBOT_GUARDRAIL_POLICY}`];
  for (const channel of recipients.chatChannels) {
    if (channel.kind === 'slack') {
      new chatbot.CfnSlackChannelConfiguration(scope, channel.id, {
        configurationName: channel.configurationName, iamRoleArn: role.roleArn, slackWorkspaceId: channel.workspaceId, slackChannelId: channel.channelId,
        snsTopicArns: [topic.topicArn], guardrailPolicies, loggingLevel: 'ERROR',
      });
    } else {
      new chatbot.CfnMicrosoftTeamsChannelConfiguration(scope, channel.id, {
        configurationName: channel.configurationName, iamRoleArn: role.roleArn, teamId: channel.teamId, teamsTenantId: channel.tenantId, teamsChannelId: channel.channelId,
        snsTopicArns: [topic.topicArn], guardrailPolicies, loggingLevel: 'ERROR',
      });
    }
  }
}
