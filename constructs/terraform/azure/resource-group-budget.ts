/**
 * The monthly consumption budget of a deployment's resource group on cdktf (`azurerm_consumption_budget_resource_group`),
 * notifying the action groups and the e-mails. From {@link AzureResourceGroupBudgetDesign}
 * (lib/azure/resource-group-budget.ts), which explains the start date.
 */
import { ConsumptionBudgetResourceGroup } from '@cdktf/provider-azurerm/lib/consumption-budget-resource-group';
import { Construct } from 'constructs';
import { TERRAFORM_BUDGET_START_DATE, type AzureResourceGroupBudgetDesign } from '../../../lib/azure/resource-group-budget';

export interface ResourceGroupBudgetProps {
  /** Amount and notifications (lib/azure/resource-group-budget.ts `azureResourceGroupBudget`). */
  readonly design: AzureResourceGroupBudgetDesign;
  /** ARM id of the deployment's resource group. */
  readonly resourceGroupId: string;
  /** Action groups every notification reaches (`contact_groups`). */
  readonly actionGroupIds: readonly string[];
}

export class ResourceGroupBudget extends Construct {
  public readonly budget: ConsumptionBudgetResourceGroup;

  constructor(scope: Construct, id: string, props: ResourceGroupBudgetProps) {
    super(scope, id);
    const { design } = props;
    this.budget = new ConsumptionBudgetResourceGroup(this, 'Budget', {
      name: design.name,
      resourceGroupId: props.resourceGroupId,
      amount: design.amount,
      timeGrain: design.timeGrain,
      timePeriod: { startDate: TERRAFORM_BUDGET_START_DATE },
      notification: design.notifications.map((n) => ({
        enabled: true, threshold: n.threshold, thresholdType: n.thresholdType, operator: n.operator,
        contactEmails: [...design.contactEmails], contactGroups: [...props.actionGroupIds],
      })),
      // The start date is the month of the first apply; a later timestamp() must not replace the budget.
      lifecycle: { ignoreChanges: ['time_period'] },
    });
  }
}
