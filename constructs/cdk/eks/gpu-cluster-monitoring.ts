/**
 * CloudWatch for a GPU inference cluster: Container Insights with enhanced observability (the
 * `amazon-cloudwatch-observability` add-on, which also collects NVIDIA GPU metrics), its agent's IAM
 * role through Pod Identity, an encrypted alarm topic, and the alarms of `gpuClusterAlarms`.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, type IDependable } from 'constructs';
import { alarmTopicName } from '../../../lib/eks/alert-routing';
import { type AlarmDefinition, gpuClusterAlarms, loadBalancer5xxAlarm } from '../../../lib/eks/gpu-alarms';
import { restrictGrantsToAwsServices } from '../security/kms-grants';
import { acknowledgeIamFindings } from '../../../lib/validation/iam-acknowledgements';
import { subscribeAlarmRecipients } from '../alerting/alarm-recipients';
import { DeploymentBudgetAlarm } from '../alerting/deployment-budget';
import type { DeploymentBudget } from '../../../lib/budgets/deployment-budget';
import { alarmSubscriptions } from '../../../lib/alerting/alarm-subscriptions';
import type { AlarmRecipientsSpec } from '../../../lib/spec/types';

export interface GpuClusterMonitoringProps {
  readonly cluster: eks.Cluster;
  /** Literal cluster name (the `ClusterName` dimension of Container Insights metrics). */
  readonly clusterName: string;
  /** Namespace of the serving pods. */
  readonly servingNamespace: string;
  /** The Pod Identity agent add-on the agent's association waits for. @default - none (Auto Mode) */
  readonly podIdentityAgent?: IDependable;
  /** Alarm when no serving pod runs (false with scale to zero). */
  readonly expectRunningPods: boolean;
  /**
   * Topic the alarms notify.
   * @default - a new KMS-encrypted topic
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * E-mail address subscribed to the alarm topic.
   * @default - no subscription
   */
  readonly alarmEmail?: string;
  /** Who else hears the alarms (`monitoring.recipients`; lib/alerting/alarm-subscriptions.ts). @default - only alarmEmail */
  readonly alarmRecipients?: AlarmRecipientsSpec;
  /** AWS Budgets budget that notifies the alarm topic (lib/budgets/deployment-budget.ts). @default - no budget */
  readonly budget?: DeploymentBudget;
  /**
   * `app/<name>/<id>` of the ALB in front of the serving pods (the AWS Load Balancer Controller creates
   * it, so it is known after the first deployment): adds an alarm on its target 5xx.
   * @default - no load balancer alarm
   */
  readonly loadBalancerDimension?: string;
  /** More alarms on the same topic (the LLM drift alarms of lib/eks/llm-drift.ts). @default - none */
  readonly additionalAlarms?: readonly AlarmDefinition[];
}

const CLOUDWATCH_AGENT = { namespace: 'amazon-cloudwatch', serviceAccount: 'cloudwatch-agent' } as const;

/** Container Insights add-on and GPU health alarms. */
export class GpuClusterMonitoring extends Construct {
  public readonly alarmTopic: sns.ITopic;
  public readonly alarms: readonly cloudwatch.Alarm[];
  public readonly addon: eks.Addon;
  /** Key of the topic this construct created. */
  private topicKey?: kms.IKey;

  constructor(scope: Construct, id: string, props: GpuClusterMonitoringProps) {
    super(scope, id);
    const { cluster } = props;

    const agentRole = new iam.Role(this, 'AgentRole', {
      description: `CloudWatch agent of ${props.clusterName} (Container Insights, EKS Pod Identity)`,
      assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com').withSessionTags(),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchAgentServerPolicy')],
    });
    acknowledgeIamFindings(agentRole, {
      managedPolicies: 'CloudWatchAgentServerPolicy is the policy AWS documents for the amazon-cloudwatch-observability add-on; its PutMetricData/log actions cannot be scoped to resources.',
    });
    const association = new eks.CfnPodIdentityAssociation(this, 'AgentPodIdentity', {
      clusterName: cluster.clusterName,
      namespace: CLOUDWATCH_AGENT.namespace,
      serviceAccount: CLOUDWATCH_AGENT.serviceAccount,
      roleArn: agentRole.roleArn,
    });
    if (props.podIdentityAgent) association.node.addDependency(props.podIdentityAgent);
    // No addonVersion: EKS installs the default version for the cluster's Kubernetes version, which
    // is newer than v1.3.0-eksbuild.1, the first to collect NVIDIA GPU metrics.
    this.addon = new eks.Addon(this, 'CloudWatchObservability', { cluster, addonName: 'amazon-cloudwatch-observability' });
    this.addon.node.addDependency(association);

    this.alarmTopic = props.alarmTopic ?? this.createTopic(props.clusterName);
    if (props.budget !== undefined) {
      new DeploymentBudgetAlarm(this, 'Budget', { budget: props.budget, topic: this.alarmTopic, ...(this.topicKey !== undefined && { topicKey: this.topicKey }) });
    }
    subscribeAlarmRecipients(this, this.alarmTopic, alarmSubscriptions(props.clusterName, props.alarmRecipients, props.alarmEmail));
    const definitions = gpuClusterAlarms({ clusterName: props.clusterName, namespace: props.servingNamespace, expectRunningPods: props.expectRunningPods });
    if (props.loadBalancerDimension) definitions.push(loadBalancer5xxAlarm({ loadBalancerDimension: props.loadBalancerDimension }));
    definitions.push(...(props.additionalAlarms ?? []));
    this.alarms = definitions.map((definition) => alarmFrom(this, definition, this.alarmTopic));
  }

  private createTopic(clusterName: string): sns.Topic {
    const key = this.topicKey = new kms.Key(this, 'TopicKey', {
      description: `Encrypts alarm notifications of ${clusterName}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    restrictGrantsToAwsServices(key);
    // CloudWatch publishes to the encrypted topic with this key.
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    // A literal name: Alertmanager's values and IAM policy name the topic before it exists.
    return new sns.Topic(this, 'AlarmTopic', { topicName: alarmTopicName(clusterName), displayName: `${clusterName} GPU inference alarms`, masterKey: key, enforceSSL: true });
  }
}

/** One CloudWatch alarm from an engine-neutral definition, notifying the topic on ALARM and OK. */
export function alarmFrom(scope: Construct, definition: AlarmDefinition, topic: sns.ITopic): cloudwatch.Alarm {
  const comparison: Record<AlarmDefinition['comparison'], cloudwatch.ComparisonOperator> = {
    GreaterThanThreshold: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    GreaterThanOrEqualToThreshold: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    LessThanThreshold: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
  };
  const missing: Record<AlarmDefinition['treatMissingData'], cloudwatch.TreatMissingData> = {
    notBreaching: cloudwatch.TreatMissingData.NOT_BREACHING,
    breaching: cloudwatch.TreatMissingData.BREACHING,
    missing: cloudwatch.TreatMissingData.MISSING,
  };
  const alarm = new cloudwatch.Metric({
    namespace: definition.namespace,
    metricName: definition.metricName,
    dimensionsMap: { ...definition.dimensions },
    statistic: definition.statistic,
    period: Duration.seconds(definition.periodSeconds),
  }).createAlarm(scope, definition.id, {
    alarmDescription: definition.description,
    threshold: definition.threshold,
    evaluationPeriods: definition.evaluationPeriods,
    comparisonOperator: comparison[definition.comparison],
    treatMissingData: missing[definition.treatMissingData],
  });
  alarm.addAlarmAction(new actions.SnsAction(topic));
  alarm.addOkAction(new actions.SnsAction(topic));
  return alarm;
}
