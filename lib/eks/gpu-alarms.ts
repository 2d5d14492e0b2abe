/**
 * CloudWatch alarms on the health of an EKS GPU cluster and its serving namespace, as plain data that
 * the CDK, cdktf and Pulumi constructs turn into `AWS::CloudWatch::Alarm` / `aws_cloudwatch_metric_alarm`.
 *
 * Metrics: Container Insights with enhanced observability, published by the
 * `amazon-cloudwatch-observability` EKS add-on (NVIDIA GPU metrics from add-on v1.3.0-eksbuild.1 on).
 * Names and dimensions: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-enhanced-EKS.html
 * (read 2026-11-24).
 */

export type AlarmComparison = 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold';

export interface AlarmDefinition {
  /** Construct id / resource suffix, PascalCase. */
  readonly id: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: 'Maximum' | 'Average' | 'Sum' | 'Minimum';
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
  readonly comparison: AlarmComparison;
  /** Missing data is normal for GPU metrics while no GPU node runs (scale to zero). */
  readonly treatMissingData: 'notBreaching' | 'breaching' | 'missing';
}

/**
 * GPUs throttle from about 85 °C; H100 SXM's slowdown temperature is reported by `nvidia-smi -q` around
 * 87–90 °C (NVIDIA H100 datasheet gives no single figure). 85 °C for 10 minutes means cooling trouble.
 */
const GPU_TEMPERATURE_ALARM_CELSIUS = 85;

export interface GpuClusterAlarmInput {
  readonly clusterName: string;
  /** Namespace of the serving pods. */
  readonly namespace: string;
  /** The deployment keeps at least one pod (no scale to zero): alarm when none runs. */
  readonly expectRunningPods: boolean;
}

/** Alarms every GPU inference cluster gets. */
export function gpuClusterAlarms(input: GpuClusterAlarmInput): AlarmDefinition[] {
  const cluster = { ClusterName: input.clusterName };
  const alarms: AlarmDefinition[] = [
    {
      id: 'FailedNodes',
      description: `Nodes of ${input.clusterName} report a failing condition (NotReady, disk or memory pressure, GPU driver fault).`,
      namespace: 'ContainerInsights',
      metricName: 'cluster_failed_node_count',
      dimensions: cluster,
      statistic: 'Maximum',
      periodSeconds: 60,
      evaluationPeriods: 5,
      threshold: 0,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
    {
      id: 'GpuTemperature',
      description: `A GPU of ${input.clusterName} ran above ${GPU_TEMPERATURE_ALARM_CELSIUS} °C for 10 minutes: it throttles and may fail.`,
      namespace: 'ContainerInsights',
      metricName: 'node_gpu_temperature',
      dimensions: cluster,
      statistic: 'Maximum',
      periodSeconds: 60,
      evaluationPeriods: 10,
      threshold: GPU_TEMPERATURE_ALARM_CELSIUS,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
  ];
  if (input.expectRunningPods) {
    alarms.push({
      id: 'ServingPodsDown',
      description: `No pod runs in namespace ${input.namespace} of ${input.clusterName} for 10 minutes: the endpoint serves nothing.`,
      namespace: 'ContainerInsights',
      metricName: 'namespace_number_of_running_pods',
      dimensions: { ClusterName: input.clusterName, Namespace: input.namespace },
      statistic: 'Minimum',
      periodSeconds: 60,
      evaluationPeriods: 10,
      threshold: 1,
      comparison: 'LessThanThreshold',
      // No data means no pod reports either.
      treatMissingData: 'breaching',
    });
  }
  return alarms;
}

export interface LoadBalancerAlarmInput {
  /** `app/<name>/<id>` of the ALB (the `LoadBalancer` dimension). */
  readonly loadBalancerDimension: string;
  /** Target 5xx per minute that pages someone. @default 5 */
  readonly threshold?: number;
}

/** 5xx answered by the vLLM pods behind the ALB. */
export function loadBalancer5xxAlarm(input: LoadBalancerAlarmInput): AlarmDefinition {
  return {
    id: 'Target5xx',
    description: 'The vLLM pods behind the ALB answered 5xx for 3 minutes (overload, OOM, engine crash).',
    namespace: 'AWS/ApplicationELB',
    metricName: 'HTTPCode_Target_5XX_Count',
    dimensions: { LoadBalancer: input.loadBalancerDimension },
    statistic: 'Sum',
    periodSeconds: 60,
    evaluationPeriods: 3,
    threshold: input.threshold ?? 5,
    comparison: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
  };
}
