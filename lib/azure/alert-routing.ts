/**
 * How an Azure deployment's alerts and budget reach the spec's `monitoring.recipients`, engine-neutral and pure:
 * one Azure Monitor action group per deployment with an e-mail receiver per address and, when the spec names a
 * PagerDuty key, a webhook receiver to PagerDuty's integration URL. Every Prometheus rule, metric alert and budget
 * notification of the deployment names that group (lib/azure/alert-rules.ts, lib/azure/resource-group-budget.ts);
 * the cdktf and Pulumi renderers live in constructs/{terraform,pulumi}/azure.
 *
 * Secrets are named, never written. On Azure `recipients.pagerDutyIntegrationKeySecret` is
 * `<resource group>/<vault>/<secret>`: the Key Vault secret whose value is the integration key of a PagerDuty
 * "Microsoft Azure" integration. Terraform reads it at plan time (data `azurerm_key_vault_secret`, kept in state as
 * a sensitive value, as the AWS side keeps its Secrets Manager value); Pulumi hands it to ARM as a Key Vault
 * parameter reference of a template deployment, so the key never enters the Pulumi program or its state
 * (azure-native `keyvault.getSecret` never returns a value: "Users should use the data-plane REST service",
 * @pulumi/azure-native 3.x types, read 2026-12-03).
 *
 * Slack and Teams recipients are AWS Chatbot channels. Action groups have no Slack or Teams receiver (e-mail, SMS,
 * voice, push, webhook, ITSM, runbook, Logic App, Function, Event Hub, ARM role: learn.microsoft.com/azure/
 * azure-monitor/alerts/action-groups, read 2026-12-03); Teams is reached only through a Logic App workflow whose URL
 * is itself a secret, so both are refused on Azure with a fix rather than dropped silently.
 */
import { InputValidationError } from '../errors';
import { effectiveRecipients } from '../spec/check-recipients';
import type { AlarmRecipientsSpec } from '../spec/monitoring-types';
import { azureRecipientProblems, parseAzureSecretRef, type AzureKeyVaultSecretRef } from '../spec/check-azure-recipients';

export { azureRecipientProblems, parseAzureSecretRef, type AzureKeyVaultSecretRef };
import { PAGERDUTY_CLOUDWATCH_ENDPOINT } from '../alerting/alarm-subscriptions';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { azureResourceGroupBudget, type AzureResourceGroupBudgetDesign } from './resource-group-budget';

/**
 * PagerDuty's events URL for an integration key: the same `https://events.pagerduty.com/integration/<key>/enqueue`
 * form serves the "Microsoft Azure" integration (PagerDuty Azure integration guide, read 2026-12-03).
 */
export const PAGERDUTY_AZURE_ENDPOINT = PAGERDUTY_CLOUDWATCH_ENDPOINT;

/** The ARM id of the vault holding a secret, in a subscription. */
export function keyVaultIdOf(subscriptionId: string, ref: AzureKeyVaultSecretRef): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.KeyVault/vaults/${ref.vaultName}`;
}

/** One e-mail receiver of an action group. */
export interface AzureEmailReceiver {
  /** Receiver name, unique in the group. */
  readonly name: string;
  readonly emailAddress: string;
}

/** The Azure Monitor action group every alert and budget notification of a deployment names. */
export interface AzureActionGroupDesign {
  /** Action group name (`ag-<deployment>`). */
  readonly name: string;
  /** Short name shown in e-mails and SMS: at most 12 characters (ARM `groupShortName`). */
  readonly shortName: string;
  readonly emailReceivers: readonly AzureEmailReceiver[];
  /** PagerDuty through a webhook receiver; the key is read at deploy time from this secret. @default - no PagerDuty */
  readonly pagerDuty?: { readonly receiverName: string; readonly secret: AzureKeyVaultSecretRef };
  /** Every receiver uses the common alert schema, which PagerDuty's Azure integration parses. */
  readonly useCommonAlertSchema: true;
}

/** The recipients of an Azure deployment and the action group that reaches them. */
export interface AzureAlertRouting {
  readonly recipients: AlarmRecipientsSpec;
  readonly actionGroup: AzureActionGroupDesign;
  /** Whether anyone hears the alerts (false: the group has no receiver, and the deployability check warns). */
  readonly reachesSomeone: boolean;
}

/**
 * The action group of a deployment named `name`, from its (resolved) monitoring section.
 * @throws InputValidationError when a recipient cannot be delivered on Azure (Slack, Teams, a PagerDuty secret that is not a Key Vault secret)
 */
export function azureAlertRouting(name: string, monitoring: { readonly alarmEmail?: string; readonly recipients?: AlarmRecipientsSpec }): AzureAlertRouting {
  const recipients = effectiveRecipients(monitoring.alarmEmail, monitoring.recipients);
  const problems = azureRecipientProblems('monitoring.recipients', recipients);
  if (problems.length > 0) throw new InputValidationError(`Deployment '${name}' on Azure`, problems);
  const emails = recipients.emails ?? [];
  const pd = recipients.pagerDutyIntegrationKeySecret !== undefined ? parseAzureSecretRef(recipients.pagerDutyIntegrationKeySecret) : undefined;
  const actionGroup: AzureActionGroupDesign = {
    name: `ag-${name}`.slice(0, 260),
    shortName: name.replace(/[^a-zA-Z0-9-]/g, '').slice(0, 12),
    emailReceivers: emails.map((emailAddress, i) => ({ name: `email-${i + 1}`, emailAddress })),
    ...(pd && { pagerDuty: { receiverName: 'pagerduty', secret: pd } }),
    useCommonAlertSchema: true,
  };
  return { recipients, actionGroup, reachesSomeone: emails.length > 0 || pd !== undefined };
}

/** The PagerDuty webhook URL for a key (a Terraform expression or a resolved value). */
export function pagerDutyAzureUrl(key: string): string {
  return `${PAGERDUTY_AZURE_ENDPOINT.prefix}${key}${PAGERDUTY_AZURE_ENDPOINT.suffix}`;
}

/** Who hears an Azure deployment, and its budget: what every Azure stack renders besides its alert rules. */
export interface AzureDeploymentAlerting {
  readonly routing: AzureAlertRouting;
  /** @default - no budget: the plan has no monthly cost, or `monitoring.budget.enabled` is false */
  readonly budget?: AzureResourceGroupBudgetDesign;
}

/** The action group and budget of an Azure deployment, from its plan. @throws InputValidationError as {@link azureAlertRouting} */
export function azureDeploymentAlerting(plan: DeploymentPlan): AzureDeploymentAlerting {
  const routing = azureAlertRouting(plan.spec.name, plan.spec.monitoring);
  const budget = azureResourceGroupBudget(plan, routing.recipients.emails ?? []);
  return { routing, ...(budget && { budget }) };
}
