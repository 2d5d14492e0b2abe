/**
 * The regions a SageMaker blueprint renders: its own, and with `disasterRecovery` also the standby region, whose
 * context is the same spec planned for that region (lib/disaster-recovery/sagemaker-standby.ts). Engine-free.
 */
import { planSageMakerStandby, primaryPlanWithStandbyCost, standbyDeploymentPlan, type DeploymentRole, type SageMakerStandbyPlan } from '../../lib/disaster-recovery/sagemaker-standby';
import type { EndpointOptions } from '../../lib/sagemaker/options';
import type { BlueprintContext } from '../blueprint';
import { standbyStackName } from '../serverless/serverless-blueprint';

/** One region's rendering: its context (stack name, plan, env) and its role in the pair. */
export interface SageMakerRegionRendering {
  readonly context: BlueprintContext;
  /** What this region changes in the blueprint's endpoint options (the standby's dashboard name: dashboards are account-wide). */
  readonly endpointOptions: Pick<EndpointOptions, 'dashboardName'>;
  readonly disasterRecovery: { readonly standby: SageMakerStandbyPlan; readonly role: DeploymentRole };
}

/**
 * The standby region's rendering and the primary's role, or `undefined` without `disasterRecovery`. The standby
 * is rendered first: the primary's replication rule names its bucket and key, which CloudFormation and S3 check.
 */
export function sageMakerStandbyRegions(context: BlueprintContext): { readonly primary: SageMakerRegionRendering; readonly standby: SageMakerRegionRendering } | undefined {
  const standby = planSageMakerStandby(context.plan, context.env);
  if (standby === undefined) return undefined;
  return {
    // The primary's budget covers both regions (one account-wide budget name, one cost tag).
    primary: { context: { ...context, plan: primaryPlanWithStandbyCost(context.plan, standby) }, endpointOptions: {}, disasterRecovery: { standby, role: 'primary' } },
    standby: {
      context: { name: standbyStackName(context.name), plan: standbyDeploymentPlan(context.plan, standby), env: { account: context.env.account, region: standby.standby.region } },
      endpointOptions: { dashboardName: `${context.plan.spec.name}-standby` },
      disasterRecovery: { standby, role: 'standby' },
    },
  };
}
