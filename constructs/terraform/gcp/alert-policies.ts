/**
 * `GcpAlertPolicies` (cdktf): one `google_monitoring_alert_policy` per PromQL policy of the deployment
 * (lib/gcp/alert-routing.ts, lib/gcp/vertex-ai-alerts.ts), each notifying every channel.
 */
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { Construct } from 'constructs';
import type { GcpPromQlAlertPolicy } from '../../../lib/gcp/alert-routing';

export interface GcpAlertPoliciesProps {
  readonly policies: readonly GcpPromQlAlertPolicy[];
  /** Notification channel resource names every policy notifies (empty: the observability check warns). */
  readonly channelIds: readonly string[];
  /** @default - the provider's project */
  readonly project?: string;
}

export class GcpAlertPolicies extends Construct {
  public readonly policies: MonitoringAlertPolicy[];

  constructor(scope: Construct, id: string, props: GcpAlertPoliciesProps) {
    super(scope, id);
    this.policies = props.policies.map(({ key, displayName, severity, condition: { displayName: conditionName, labels, ...promQl }, documentation }) => new MonitoringAlertPolicy(this, key, {
      displayName,
      combiner: 'OR',
      severity,
      conditions: [{ displayName: conditionName, conditionPrometheusQueryLanguage: { ...promQl, labels: { ...labels } } }],
      notificationChannels: [...props.channelIds],
      documentation: { ...documentation },
      ...(props.project !== undefined && { project: props.project }),
    }));
  }
}
