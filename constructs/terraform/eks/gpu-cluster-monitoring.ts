/**
 * CloudWatch for a GPU inference cluster on Terraform: the `amazon-cloudwatch-observability` add-on
 * (Container Insights with NVIDIA GPU metrics) with its agent role through Pod Identity, an encrypted
 * TLS-only alarm topic, and the alarms of `gpuClusterAlarms`, as in the CDK construct.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { alarmTopicName } from '../../../lib/eks/alert-routing';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { budgetsPublishStatement, type DeploymentBudget } from '../../../lib/budgets/deployment-budget';
import { DeploymentBudgetAlarm } from '../alerting/deployment-budget';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { type AlarmDefinition, gpuClusterAlarms, loadBalancer5xxAlarm } from '../../../lib/eks/gpu-alarms';
import { SecureKmsKey } from './kms-key';
import { podIdentityTrustPolicy } from './trust-policies';
import { subscribeAlarmRecipients } from '../alerting/alarm-recipients';
import { alarmSubscriptions } from '../../../lib/alerting/alarm-subscriptions';
import type { AlarmRecipientsSpec } from '../../../lib/spec/types';

export interface GpuClusterMonitoringProps {
  readonly clusterName: string;
  readonly clusterNameRef: string;
  readonly servingNamespace: string;
  readonly expectRunningPods: boolean;
  readonly accountId: string;
  readonly partition: string;
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
  /** Add-on pods need nodes. @default - none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

export class GpuClusterMonitoring extends Construct {
  public readonly alarmTopic: SnsTopic;

  constructor(scope: Construct, id: string, props: GpuClusterMonitoringProps) {
    super(scope, id);
    const agentRole = new IamRole(this, 'AgentRole', {
      description: `CloudWatch agent of ${props.clusterName} (Container Insights, EKS Pod Identity)`,
      assumeRolePolicy: podIdentityTrustPolicy(),
    });
    new IamRolePolicyAttachment(this, 'AgentPolicy', { role: agentRole.name, policyArn: `arn:${props.partition}:iam::aws:policy/CloudWatchAgentServerPolicy` });
    const association = new EksPodIdentityAssociation(this, 'AgentPodIdentity', {
      clusterName: props.clusterNameRef, namespace: 'amazon-cloudwatch', serviceAccount: 'cloudwatch-agent', roleArn: agentRole.arn,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
    });
    new EksAddon(this, 'CloudWatchObservability', {
      clusterName: props.clusterNameRef,
      addonName: 'amazon-cloudwatch-observability',
      dependsOn: [association, ...(props.dependsOn ?? [])],
    });

    const key = new SecureKmsKey(this, 'TopicKey', {
      description: `Encrypts alarm notifications of ${props.clusterName}`,
      accountId: props.accountId,
      partition: props.partition,
      servicePrincipals: ['cloudwatch.amazonaws.com', ...(props.budget !== undefined ? ['budgets.amazonaws.com'] : [])],
      preventDestroy: false,
    });
    this.alarmTopic = new SnsTopic(this, 'AlarmTopic', { name: alarmTopicName(props.clusterName), kmsMasterKeyId: key.key.arn });
    new SnsTopicPolicy(this, 'AlarmTopicPolicy', {
      arn: this.alarmTopic.arn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'CloudWatchPublishes', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: this.alarmTopic.arn },
          { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: this.alarmTopic.arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          ...(props.budget !== undefined ? [budgetsPublishStatement(this.alarmTopic.arn, props.accountId, props.partition)] : []),
        ],
      }),
    });
    if (props.budget !== undefined) new DeploymentBudgetAlarm(this, 'Budget', { budget: props.budget, topicArn: this.alarmTopic.arn });
    subscribeAlarmRecipients(this, this.alarmTopic.arn, alarmSubscriptions(props.clusterName, props.alarmRecipients, props.alarmEmail));

    const alarms = gpuClusterAlarms({ clusterName: props.clusterName, namespace: props.servingNamespace, expectRunningPods: props.expectRunningPods });
    if (props.loadBalancerDimension) alarms.push(loadBalancer5xxAlarm({ loadBalancerDimension: props.loadBalancerDimension }));
    alarms.push(...(props.additionalAlarms ?? []));
    for (const alarm of alarms) {
      new CloudwatchMetricAlarm(this, alarm.id, {
        alarmName: `${props.clusterName}-${alarm.id}`,
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
        alarmActions: [this.alarmTopic.arn],
        okActions: [this.alarmTopic.arn],
      });
    }
  }
}
