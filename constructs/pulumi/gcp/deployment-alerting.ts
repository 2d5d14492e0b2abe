/**
 * Everything that makes a Google Cloud deployment reach people, on Pulumi: the notification channels of its
 * recipients, its PromQL alerting policies notifying them, and its Cloud Billing budget notifying the same channels
 * (lib/gcp/alert-routing.ts, lib/gcp/billing-budget.ts). Used by the llm-gke and vertex-ai-endpoint programs.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { GcpAlertRouting } from '../../../lib/gcp/alert-routing';
import { isGcpBillingBudget, type GcpBillingBudget, type GcpBudgetMissing } from '../../../lib/gcp/billing-budget';
import { gcpAlertPolicies } from './alert-policies';
import { gcpDeploymentBudget } from './billing-budget';
import { gcpNotificationChannels } from './notification-channels';

export interface GcpDeploymentAlertingArgs {
  readonly routing: GcpAlertRouting;
  /** From `gcpBillingBudget(plan)`; nothing is registered unless it is a budget (the observability check warns). */
  readonly budget: GcpBillingBudget | GcpBudgetMissing | undefined;
  readonly projectNumber: pulumi.Input<string>;
  /** @default - the provider's project */
  readonly project?: pulumi.Input<string>;
}

/** Registers the channels, policies and budget; returns the channels' resource names. */
export function gcpDeploymentAlerting(prefix: string, args: GcpDeploymentAlertingArgs, opts: pulumi.CustomResourceOptions): pulumi.Output<string>[] {
  const channelIds = gcpNotificationChannels(prefix, args.routing.channels, args.project, opts);
  gcpAlertPolicies(prefix, args.routing.policies, channelIds, args.project, opts);
  if (isGcpBillingBudget(args.budget)) gcpDeploymentBudget(`${prefix}-budget`, args.budget, args.projectNumber, channelIds, opts);
  return channelIds;
}
