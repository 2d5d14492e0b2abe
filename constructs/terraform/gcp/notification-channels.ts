/**
 * `GcpNotificationChannels` (cdktf): the Cloud Monitoring notification channels of a deployment's recipients
 * (lib/gcp/alert-routing.ts) as `google_monitoring_notification_channel`. A PagerDuty channel's service key is read at
 * plan time from its Secret Manager secret (`google_secret_manager_secret_version` data source): the spec and the
 * configuration never hold it, the Terraform state does (as for every sensitive input), so keep the state encrypted.
 */
import { DataGoogleSecretManagerSecretVersion } from '@cdktf/provider-google/lib/data-google-secret-manager-secret-version';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { Construct } from 'constructs';
import type { GcpNotificationChannel } from '../../../lib/gcp/alert-routing';

export interface GcpNotificationChannelsProps {
  /** The channels, from `gcpNotificationChannels(name, recipients)`. */
  readonly channels: readonly GcpNotificationChannel[];
  /** Project of the channels and of the PagerDuty secret. @default - the provider's project */
  readonly project?: string;
}

export class GcpNotificationChannels extends Construct {
  /** Channel resource names (`projects/<p>/notificationChannels/<id>`, the resources' `id`), in the description's order. */
  public readonly channelIds: string[];

  constructor(scope: Construct, id: string, props: GcpNotificationChannelsProps) {
    super(scope, id);
    const project = props.project !== undefined ? { project: props.project } : {};
    this.channelIds = props.channels.map((c) => {
      const key = c.serviceKeySecret !== undefined
        ? new DataGoogleSecretManagerSecretVersion(this, `${c.key}-service-key`, { secret: c.serviceKeySecret, ...project }).secretData
        : undefined;
      return new MonitoringNotificationChannel(this, c.key, {
        type: c.type,
        displayName: c.displayName,
        labels: { ...c.labels },
        ...(key !== undefined && { sensitiveLabels: { serviceKey: key } }),
        ...project,
      }).id;
    });
  }
}
