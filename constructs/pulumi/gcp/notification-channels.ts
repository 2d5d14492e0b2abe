/**
 * The Cloud Monitoring notification channels of a deployment's recipients (lib/gcp/alert-routing.ts) as
 * `gcp.monitoring.NotificationChannel`. A PagerDuty channel's service key is read at deploy time from its Secret
 * Manager secret (`gcp.secretmanager.getSecretVersion`, a secret output): the spec and the program never hold it.
 */
import * as monitoring from '@pulumi/gcp/monitoring';
import * as secretmanager from '@pulumi/gcp/secretmanager';
import * as pulumi from '@pulumi/pulumi';
import type { GcpNotificationChannel } from '../../../lib/gcp/alert-routing';

/**
 * Registers the channels and returns their resource names (`id`), in the description's order.
 * @param prefix Pulumi name prefix (the deployment's name)
 * @param project project of the channels and of the PagerDuty secret (undefined: the provider's)
 */
export function gcpNotificationChannels(prefix: string, channels: readonly GcpNotificationChannel[], project: pulumi.Input<string> | undefined, opts: pulumi.CustomResourceOptions): pulumi.Output<string>[] {
  return channels.map((c) => {
    const serviceKey = c.serviceKeySecret !== undefined
      ? pulumi.secret(secretmanager.getSecretVersionOutput({ secret: c.serviceKeySecret, ...(project !== undefined && { project }) }, { parent: opts.parent }).secretData)
      : undefined;
    return new monitoring.NotificationChannel(`${prefix}-${c.key}`, {
      type: c.type,
      displayName: c.displayName,
      labels: { ...c.labels },
      ...(serviceKey !== undefined && { sensitiveLabels: { serviceKey } }),
      ...(project !== undefined && { project }),
    }, opts).id;
  });
}
