/**
 * One `gcp.monitoring.AlertPolicy` per PromQL policy of the deployment (lib/gcp/alert-routing.ts,
 * lib/gcp/vertex-ai-alerts.ts), each notifying every channel.
 */
import * as monitoring from '@pulumi/gcp/monitoring';
import type * as pulumi from '@pulumi/pulumi';
import type { GcpPromQlAlertPolicy } from '../../../lib/gcp/alert-routing';

/**
 * Registers the policies.
 * @param channelIds notification channel resource names every policy notifies (empty: the observability check warns)
 */
export function gcpAlertPolicies(prefix: string, policies: readonly GcpPromQlAlertPolicy[], channelIds: readonly pulumi.Input<string>[], project: pulumi.Input<string> | undefined, opts: pulumi.CustomResourceOptions): monitoring.AlertPolicy[] {
  return policies.map(({ key, displayName, severity, condition: { displayName: conditionName, labels, ...promQl }, documentation }) => new monitoring.AlertPolicy(`${prefix}-${key}`, {
    displayName,
    combiner: 'OR',
    severity,
    conditions: [{ displayName: conditionName, conditionPrometheusQueryLanguage: { ...promQl, labels: { ...labels } } }],
    notificationChannels: [...channelIds],
    documentation: { ...documentation },
    ...(project !== undefined && { project }),
  }, opts));
}
