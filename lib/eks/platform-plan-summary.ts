/**
 * The plan summary of a platform (many deployments on one cluster): every model, every arm of an A/B test, and the
 * total monthly cost that `aimd synth` prints, the README shows and the platform's budget follows. Pure.
 */
import type { DeploymentPlan, PlanSummary, PlanSummaryPart } from '../plan/deployment-plan';

/** One deployment of the platform and its plan. */
export interface PlatformDeploymentPlan {
  readonly deployment: string;
  readonly plan: DeploymentPlan;
  /** Its percent of its model name's requests, when it is an arm of an A/B test. @default - not an arm */
  readonly abWeight?: number;
}

const usd = (n: number) => `$${n.toLocaleString('en-US')}`;

/**
 * Every deployment's summary as a part, and their sum: replicas and monthly cost add up; the cost is null only when
 * no deployment is priced (an unpriced one is named in the note).
 */
export function platformPlanSummary(deployments: readonly PlatformDeploymentPlan[]): PlanSummary {
  const parts: PlanSummaryPart[] = deployments.map(({ deployment, plan, abWeight }) => ({
    name: deployment,
    compute: plan.summary.compute,
    parallelism: plan.summary.parallelism,
    replicas: plan.summary.replicas,
    monthlyCostUsd: plan.summary.monthlyCostUsd,
    ...(abWeight !== undefined && { abWeight }),
  }));
  const priced = parts.filter((p) => p.monthlyCostUsd !== null);
  const unpriced = parts.filter((p) => p.monthlyCostUsd === null).map((p) => p.name);
  const total = priced.reduce((sum, p) => sum + p.monthlyCostUsd!, 0);
  const computes = [...new Set(parts.map((p) => p.compute))];
  const line = (p: PlanSummaryPart) => `${p.name}${p.abWeight !== undefined ? ` (A/B ${p.abWeight} %)` : ''} ${p.monthlyCostUsd === null ? 'unpriced' : usd(p.monthlyCostUsd)}`;
  return {
    compute: `${parts.length} deployments: ${computes.join(', ')}`,
    parallelism: [...new Set(parts.map((p) => p.parallelism))].join(', '),
    replicas: parts.reduce((sum, p) => sum + p.replicas, 0),
    billing: 'hourly',
    monthlyCostUsd: priced.length === 0 ? null : total,
    costNote: `sum of ${parts.length} deployments at their planned replicas: ${parts.map(line).join(', ')}${unpriced.length > 0 ? ` (not counted: ${unpriced.join(', ')})` : ''}`,
    parts,
  };
}
