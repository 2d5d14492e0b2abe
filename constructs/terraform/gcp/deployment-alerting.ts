/**
 * `GcpDeploymentAlerting` (cdktf): everything that makes a Google Cloud deployment reach people: the notification
 * channels of its recipients, its PromQL alerting policies notifying them, and its Cloud Billing budget notifying the
 * same channels (lib/gcp/alert-routing.ts, lib/gcp/billing-budget.ts). Used by the llm-gke and vertex-ai-endpoint stacks.
 */
import { Construct } from 'constructs';
import type { GcpAlertRouting } from '../../../lib/gcp/alert-routing';
import { isGcpBillingBudget, type GcpBillingBudget, type GcpBudgetMissing } from '../../../lib/gcp/billing-budget';
import { GcpAlertPolicies } from './alert-policies';
import { GcpDeploymentBudget } from './billing-budget';
import { GcpNotificationChannels } from './notification-channels';

export interface GcpDeploymentAlertingProps {
  readonly routing: GcpAlertRouting;
  /** From `gcpBillingBudget(plan)`; nothing is rendered unless it is a budget (the observability check warns). */
  readonly budget: GcpBillingBudget | GcpBudgetMissing | undefined;
  /** The deployment's project number (the budget's filter). */
  readonly projectNumber: string;
  /** @default - the provider's project */
  readonly project?: string;
}

export class GcpDeploymentAlerting extends Construct {
  public readonly channels: GcpNotificationChannels;
  public readonly policies: GcpAlertPolicies;
  public readonly budget?: GcpDeploymentBudget;

  constructor(scope: Construct, id: string, props: GcpDeploymentAlertingProps) {
    super(scope, id);
    this.channels = new GcpNotificationChannels(this, 'Channels', { channels: props.routing.channels, project: props.project });
    this.policies = new GcpAlertPolicies(this, 'Policies', { policies: props.routing.policies, channelIds: this.channels.channelIds, project: props.project });
    if (isGcpBillingBudget(props.budget)) {
      this.budget = new GcpDeploymentBudget(this, 'Budget', { budget: props.budget, projectNumber: props.projectNumber, channelIds: this.channels.channelIds });
    }
  }
}
