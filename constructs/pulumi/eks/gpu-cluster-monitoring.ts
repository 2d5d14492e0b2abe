/**
 * CloudWatch for a GPU inference cluster on Pulumi: Container Insights add-on with its Pod Identity
 * role, an encrypted TLS-only alarm topic and the alarms of `gpuClusterAlarms`.
 */
import { alarmTopicName } from '../../../lib/eks/alert-routing';
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { type AlarmDefinition, gpuClusterAlarms, loadBalancer5xxAlarm } from '../../../lib/eks/gpu-alarms';
import { POD_IDENTITY_TRUST, secureKmsKey } from './kms-key';
import { subscribeAlarmRecipients } from '../alerting/alarm-recipients';
import { deploymentBudgetAlarm } from '../alerting/deployment-budget';
import { budgetsPublishStatement, type DeploymentBudget } from '../../../lib/budgets/deployment-budget';
import { alarmSubscriptions } from '../../../lib/alerting/alarm-subscriptions';
import type { AlarmRecipientsSpec } from '../../../lib/spec/types';

export interface MonitoringArgs {
  readonly clusterName: string;
  readonly cluster: aws.eks.Cluster;
  readonly servingNamespace: string;
  readonly expectRunningPods: boolean;
  readonly accountId: string;
  readonly partition: pulumi.Input<string>;
  /** @default - none */
  readonly alarmEmail?: string;
  /** Who else hears the alarms (`monitoring.recipients`; lib/alerting/alarm-subscriptions.ts). @default - only alarmEmail */
  readonly alarmRecipients?: AlarmRecipientsSpec;
  /** AWS Budgets budget that notifies the alarm topic (lib/budgets/deployment-budget.ts). @default - no budget */
  readonly budget?: DeploymentBudget;
  /** `app/<name>/<id>` of an ALB in front of the serving pods: alarms on its target 5xx. @default - none */
  readonly loadBalancerDimension?: string;
  /** More alarms on the same topic (the LLM drift alarms of lib/eks/llm-drift.ts). @default - none */
  readonly additionalAlarms?: readonly AlarmDefinition[];
  /** @default - none */
  readonly dependsOn?: pulumi.Resource[];
}

export function gpuClusterMonitoring(name: string, args: MonitoringArgs, parent: pulumi.Resource): aws.sns.Topic {
  const opts = { parent };
  const agentRole = new aws.iam.Role(`${name}-agent`, { description: `CloudWatch agent of ${args.clusterName} (Container Insights, EKS Pod Identity)`, assumeRolePolicy: POD_IDENTITY_TRUST }, opts);
  new aws.iam.RolePolicyAttachment(`${name}-agent`, { role: agentRole.name, policyArn: pulumi.interpolate`arn:${args.partition}:iam::aws:policy/CloudWatchAgentServerPolicy` }, opts);
  const association = new aws.eks.PodIdentityAssociation(`${name}-agent`, {
    clusterName: args.cluster.name, namespace: 'amazon-cloudwatch', serviceAccount: 'cloudwatch-agent', roleArn: agentRole.arn,
  }, { parent, dependsOn: args.dependsOn ?? [] });
  new aws.eks.Addon(`${name}-cloudwatch`, { clusterName: args.cluster.name, addonName: 'amazon-cloudwatch-observability' }, { parent, dependsOn: [association, ...(args.dependsOn ?? [])] });

  const key = secureKmsKey(`${name}-topic`, { description: `Encrypts alarm notifications of ${args.clusterName}`, accountId: args.accountId, partition: args.partition, servicePrincipals: ['cloudwatch.amazonaws.com', ...(args.budget !== undefined ? ['budgets.amazonaws.com'] : [])] }, opts);
  const topic = new aws.sns.Topic(`${name}-alarms`, { name: alarmTopicName(args.clusterName), kmsMasterKeyId: key.arn }, opts);
  new aws.sns.TopicPolicy(`${name}-alarms`, {
    arn: topic.arn,
    policy: pulumi.all([topic.arn, args.partition]).apply(([arn, partition]) => JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'CloudWatchPublishes', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: arn },
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ...(args.budget !== undefined ? [budgetsPublishStatement(arn, args.accountId, partition)] : []),
      ],
    })),
  }, opts);
  if (args.budget !== undefined) deploymentBudgetAlarm(`${name}-budget`, args.budget, topic.arn, opts);
  subscribeAlarmRecipients(name, topic.arn, alarmSubscriptions(args.clusterName, args.alarmRecipients, args.alarmEmail), args.partition, 'email', opts);
  const alarms = gpuClusterAlarms({ clusterName: args.clusterName, namespace: args.servingNamespace, expectRunningPods: args.expectRunningPods });
  if (args.loadBalancerDimension) alarms.push(loadBalancer5xxAlarm({ loadBalancerDimension: args.loadBalancerDimension }));
  alarms.push(...(args.additionalAlarms ?? []));
  for (const alarm of alarms) {
    new aws.cloudwatch.MetricAlarm(`${name}-${alarm.id}`, {
      name: `${args.clusterName}-${alarm.id}`,
      alarmDescription: alarm.description,
      namespace: alarm.namespace,
      metricName: alarm.metricName,
      dimensions: { ...alarm.dimensions },
      statistic: alarm.statistic,
      period: alarm.periodSeconds,
      evaluationPeriods: alarm.evaluationPeriods,
      threshold: alarm.threshold,
      comparisonOperator: alarm.comparison,
      treatMissingData: alarm.treatMissingData,
      alarmActions: [topic.arn],
      okActions: [topic.arn],
    }, opts);
  }
  return topic;
}
