/**
 * Where Prometheus alerts go: Alertmanager (kube-prometheus-stack) routes every alert except the stack's own
 * heartbeat to the cluster's SNS alarm topic, the same topic the CloudWatch alarms notify, so one subscription
 * (monitoring.alarmEmail, or your pager) hears both. Alertmanager signs its SNS calls with the credentials of its
 * service account's Pod Identity role, which may publish to that topic only. Engine-free.
 *
 * Alertmanager `sns_configs` (topic_arn, sigv4.region, subject, send_resolved): prometheus.io/docs/alerting/latest/
 * configuration/#sns_config, read 2026-12-02.
 */
import type { PodIdentityGrant } from './add-on-components';

/** The SNS topic every alarm and alert of a cluster goes to (a literal name, so ARNs can be written before it exists). */
export function alarmTopicName(clusterName: string): string {
  return `${clusterName}-gpu-alarms`;
}

/** The ARN partition of a region, for engines whose partition is only known at deploy time (Pulumi outputs). */
export function partitionOfRegion(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** kube-prometheus-stack names Alertmanager's service account `<release>-alertmanager`; we set it explicitly. */
export const ALERTMANAGER_SERVICE_ACCOUNT = 'kube-prometheus-stack-alertmanager';

/** Alertmanager configuration: everything to SNS, the always-firing Watchdog and InfoInhibitor to nowhere. */
export function alertmanagerConfig(topicArn: string, region: string): Record<string, unknown> {
  return {
    route: {
      receiver: 'sns',
      group_by: ['alertname', 'namespace', 'service'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [
        { receiver: 'null', matchers: ['alertname = "Watchdog"'] },
        { receiver: 'null', matchers: ['alertname = "InfoInhibitor"'] },
      ],
    },
    receivers: [
      { name: 'null' },
      { name: 'sns', sns_configs: [{ topic_arn: topicArn, sigv4: { region }, send_resolved: true }] },
    ],
  };
}

/** Alertmanager's grant: publish to the alarm topic, and use its KMS key through SNS only. */
export function alertmanagerGrant(clusterName: string): PodIdentityGrant {
  const topic = alarmTopicName(clusterName);
  return {
    serviceAccount: ALERTMANAGER_SERVICE_ACCOUNT,
    roleName: `${clusterName.slice(0, 64 - 'alertmanager'.length - 1)}-alertmanager`,
    description: `Alertmanager of ${clusterName}: publishes alerts to ${topic} (EKS Pod Identity)`,
    policy: (scope) => ({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'PublishAlerts', Effect: 'Allow', Action: 'sns:Publish', Resource: `arn:${scope.partition}:sns:${scope.region}:${scope.accountId}:${topic}` },
        {
          Sid: 'EncryptForTopic',
          Effect: 'Allow',
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          Resource: `arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:key/*`,
          Condition: { StringEquals: { 'kms:ViaService': `sns.${scope.region}.amazonaws.com` } },
        },
      ],
    }),
    wildcardReason: "The alarm topic's KMS key is created with the stack and its id is unknown here; use is limited to calls made through SNS in this region (kms:ViaService).",
  };
}
