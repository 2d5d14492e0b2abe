/**
 * The Azure Monitor action group of a deployment on cdktf (azurerm): an e-mail receiver per recipient and, when the
 * spec names a PagerDuty key, a webhook receiver to PagerDuty's integration URL, the key read from Key Vault at plan
 * time (data `azurerm_key_vault_secret`; Terraform keeps it in state as a sensitive value). From
 * {@link AzureActionGroupDesign} (lib/azure/alert-routing.ts).
 */
import { DataAzurermKeyVaultSecret } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secret';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { Construct } from 'constructs';
import { keyVaultIdOf, pagerDutyAzureUrl, type AzureActionGroupDesign } from '../../../lib/azure/alert-routing';

export interface AlertActionGroupProps {
  /** Receivers and names (lib/azure/alert-routing.ts `azureAlertRouting`). */
  readonly design: AzureActionGroupDesign;
  /** Resource group of the action group (the deployment's). */
  readonly resourceGroupName: string;
  /** Subscription of the vault that holds the PagerDuty key (read only when the design has PagerDuty). */
  readonly subscriptionId: string;
  /**
   * Tags of the action group.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export class AlertActionGroup extends Construct {
  public readonly group: MonitorActionGroup;

  constructor(scope: Construct, id: string, props: AlertActionGroupProps) {
    super(scope, id);
    const { design } = props;
    const pagerDuty = design.pagerDuty;
    const key = pagerDuty && new DataAzurermKeyVaultSecret(this, 'PagerDutyKey', {
      name: pagerDuty.secret.secretName, keyVaultId: keyVaultIdOf(props.subscriptionId, pagerDuty.secret),
    });
    this.group = new MonitorActionGroup(this, 'Group', {
      name: design.name,
      shortName: design.shortName,
      resourceGroupName: props.resourceGroupName,
      // Action groups are global resources (azurerm_monitor_action_group `location` defaults to global).
      location: 'global',
      emailReceiver: design.emailReceivers.map((r) => ({ name: r.name, emailAddress: r.emailAddress, useCommonAlertSchema: design.useCommonAlertSchema })),
      ...(pagerDuty && key && {
        webhookReceiver: [{ name: pagerDuty.receiverName, serviceUri: pagerDutyAzureUrl(key.value), useCommonAlertSchema: design.useCommonAlertSchema }],
      }),
      tags: { ...(props.tags ?? {}) },
    });
  }
}
