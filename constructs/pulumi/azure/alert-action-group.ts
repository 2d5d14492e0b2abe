/**
 * The Azure Monitor action group of a deployment on Pulumi (azure-native), from {@link AzureActionGroupDesign}
 * (lib/azure/alert-routing.ts): `monitor.ActionGroup` with an e-mail receiver per recipient. With PagerDuty, the group
 * is the one resource of an ARM template deployment whose `integrationKey` parameter is a Key Vault reference: ARM reads
 * the key at deploy time, so it never enters the program or the Pulumi state (azure-native cannot read a secret value).
 * The vault must allow template deployments (`enabledForTemplateDeployment`; learn.microsoft.com/azure/
 * azure-resource-manager/templates/key-vault-parameter, read 2026-12-03).
 */
import * as monitor from '@pulumi/azure-native/monitor';
import * as resources from '@pulumi/azure-native/resources';
import * as pulumi from '@pulumi/pulumi';
import { keyVaultIdOf, PAGERDUTY_AZURE_ENDPOINT, type AzureActionGroupDesign } from '../../../lib/azure/alert-routing';

/** API version of Microsoft.Insights/actionGroups in the template (ARM template reference, read 2026-12-03). */
export const ACTION_GROUP_API_VERSION = '2023-01-01';

export interface AlertActionGroupArgs {
  /** Receivers and names (lib/azure/alert-routing.ts `azureAlertRouting`). */
  readonly design: AzureActionGroupDesign;
  readonly resourceGroupName: pulumi.Input<string>;
  /** Subscription of the deployment (and of the vault holding the PagerDuty key). */
  readonly subscriptionId: pulumi.Input<string>;
  /**
   * Tags of the action group.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The ARM template of an action group whose PagerDuty webhook URL is built from the `integrationKey` parameter. */
export function actionGroupTemplate(design: AzureActionGroupDesign, tags: Readonly<Record<string, string>>): Record<string, unknown> {
  const url = `[concat('${PAGERDUTY_AZURE_ENDPOINT.prefix}', parameters('integrationKey'), '${PAGERDUTY_AZURE_ENDPOINT.suffix}')]`;
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { integrationKey: { type: 'securestring' } },
    resources: [{
      type: 'Microsoft.Insights/actionGroups', apiVersion: ACTION_GROUP_API_VERSION, name: design.name, location: 'Global', tags: { ...tags },
      properties: {
        groupShortName: design.shortName, enabled: true,
        emailReceivers: design.emailReceivers.map((r) => ({ name: r.name, emailAddress: r.emailAddress, useCommonAlertSchema: design.useCommonAlertSchema })),
        webhookReceivers: [{ name: design.pagerDuty?.receiverName ?? 'pagerduty', serviceUri: url, useCommonAlertSchema: design.useCommonAlertSchema }],
      },
    }],
  };
}

/** Registers the action group; returns its ARM id (an Output that waits for the group). */
export function alertActionGroup(name: string, args: AlertActionGroupArgs, opts: pulumi.CustomResourceOptions = {}): pulumi.Output<string> {
  const { design } = args;
  const tags = { ...(args.tags ?? {}) };
  const pagerDuty = design.pagerDuty;
  if (!pagerDuty) {
    const group = new monitor.ActionGroup(name, {
      actionGroupName: design.name, groupShortName: design.shortName, enabled: true, location: 'Global', resourceGroupName: args.resourceGroupName,
      emailReceivers: design.emailReceivers.map((r) => ({ name: r.name, emailAddress: r.emailAddress, useCommonAlertSchema: design.useCommonAlertSchema })),
      tags,
    }, opts);
    return group.id;
  }
  const deployment = new resources.Deployment(name, {
    deploymentName: design.name,
    resourceGroupName: args.resourceGroupName,
    properties: {
      mode: 'Incremental',
      template: actionGroupTemplate(design, tags),
      parameters: {
        integrationKey: { reference: { keyVault: { id: pulumi.output(args.subscriptionId).apply((s) => keyVaultIdOf(s, pagerDuty.secret)) }, secretName: pagerDuty.secret.secretName } },
      },
    },
  }, opts);
  return pulumi.all([deployment.id, args.subscriptionId, args.resourceGroupName]).apply(([, s, rg]) => `/subscriptions/${s}/resourceGroups/${rg}/providers/Microsoft.Insights/actionGroups/${design.name}`);
}
