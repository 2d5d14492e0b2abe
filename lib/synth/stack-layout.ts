/**
 * Which CloudFormation stack each model deployment of a multi-model app goes into. Engine-free and pure:
 * given every deployment's estimated footprint (resources, outputs, template bytes), it fills model
 * stacks in order and opens a new one before a stack would pass a safe budget below CloudFormation's
 * per-template quotas.
 *
 * Stable by construction ("next fit" in the given order): the layout of the first n deployments is a
 * prefix of the layout of n + 1, so adding a model at the end changes at most the last stack, or opens a
 * new one; no earlier deployment moves to another stack (a move would delete and recreate its resources).
 * Removing a deployment from the middle can shift the ones after it: keep retired names in the list
 * (or append only) where that matters.
 */
import { InputValidationError, type InputProblem } from '../errors';

/**
 * CloudFormation's per-template quotas, from "Understand CloudFormation quotas" (AWS CloudFormation User
 * Guide, cloudformation-limits; awsdocs/aws-cloudformation-user-guide doc_source/cloudformation-limits.md,
 * read 2026-12-03): 500 resources, 200 outputs, and a template body of 1 MB when passed as an Amazon S3
 * object (the CDK CLI uploads templates over 50 KiB to its assets bucket, so that is the limit that applies).
 * 1 MB is taken as 1,000,000 bytes, the smaller reading.
 */
export const CLOUDFORMATION_TEMPLATE_QUOTAS = {
  resources: 500,
  outputs: 200,
  templateBytes: 1_000_000,
} as const;

/** What one stack may hold; the layout keeps every stack at or under each field. */
export interface StackBudget {
  readonly resources: number;
  readonly outputs: number;
  readonly templateBytes: number;
}

/**
 * The default budget: 80 % of each quota. The margin absorbs what estimates miss (a CDK upgrade that adds
 * a resource to a construct, tags, metadata) and leaves room to add to a stack by hand.
 */
export const DEFAULT_STACK_BUDGET: StackBudget = {
  resources: Math.floor(CLOUDFORMATION_TEMPLATE_QUOTAS.resources * 0.8),
  outputs: Math.floor(CLOUDFORMATION_TEMPLATE_QUOTAS.outputs * 0.8),
  templateBytes: Math.floor(CLOUDFORMATION_TEMPLATE_QUOTAS.templateBytes * 0.8),
};

/** What one model deployment adds to the stack that holds it (upper-bound estimates). */
export interface DeploymentFootprint {
  /** Unique name of the deployment (also its construct id in the stack). */
  readonly name: string;
  readonly resources: number;
  /** @default 0 */
  readonly outputs?: number;
  readonly templateBytes: number;
}

export interface StackLayoutOptions {
  /** @default DEFAULT_STACK_BUDGET */
  readonly budget?: StackBudget;
  /**
   * What every model stack holds before any deployment (imports, the CDK bootstrap version parameter and
   * rule, metadata), counted against each stack's budget.
   * @default - 1 resource (CDK metadata), 0 outputs, 2,000 bytes
   */
  readonly stackOverhead?: Omit<DeploymentFootprint, 'name'>;
}

/** One model stack and the deployments it holds, in order. */
export interface ModelStackAssignment {
  /** 0-based position of the stack; stack names derive from it. */
  readonly index: number;
  readonly deployments: readonly string[];
  /** Estimated totals, overhead included. */
  readonly resources: number;
  readonly outputs: number;
  readonly templateBytes: number;
}

/**
 * Assigns each deployment, in order, to the current model stack while the stack stays within budget, and
 * opens the next stack otherwise.
 * @throws InputValidationError when names repeat, an estimate is not a non-negative number, or one
 *   deployment alone does not fit an empty stack (listing every such problem)
 */
export function layoutModelStacks(deployments: readonly DeploymentFootprint[], options: StackLayoutOptions = {}): ModelStackAssignment[] {
  const budget = options.budget ?? DEFAULT_STACK_BUDGET;
  const overhead = { resources: 1, outputs: 0, templateBytes: 2_000, ...options.stackOverhead };
  checkFootprints(deployments, budget, overhead);

  const stacks: Array<{ deployments: string[]; resources: number; outputs: number; templateBytes: number }> = [];
  let current: (typeof stacks)[number] | undefined;
  for (const d of deployments) {
    const outputs = d.outputs ?? 0;
    const fits = current !== undefined
      && current.resources + d.resources <= budget.resources
      && current.outputs + outputs <= budget.outputs
      && current.templateBytes + d.templateBytes <= budget.templateBytes;
    if (!fits) {
      current = { deployments: [], resources: overhead.resources, outputs: overhead.outputs ?? 0, templateBytes: overhead.templateBytes };
      stacks.push(current);
    }
    current!.deployments.push(d.name);
    current!.resources += d.resources;
    current!.outputs += outputs;
    current!.templateBytes += d.templateBytes;
  }
  return stacks.map((s, index) => ({ index, ...s }));
}

function checkFootprints(deployments: readonly DeploymentFootprint[], budget: StackBudget, overhead: Omit<DeploymentFootprint, 'name'>): void {
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const budgetFields = ['resources', 'outputs', 'templateBytes'] as const;
  for (const field of budgetFields) {
    const value = budget[field];
    if (!(Number.isFinite(value) && value > 0)) problems.push({ field: `budget.${field}`, value, message: 'must be a positive number', fix: `give budget.${field} a positive value, at most ${CLOUDFORMATION_TEMPLATE_QUOTAS[field]}` });
    else if (value > CLOUDFORMATION_TEMPLATE_QUOTAS[field]) {
      problems.push({ field: `budget.${field}`, value, message: `is above CloudFormation's quota of ${CLOUDFORMATION_TEMPLATE_QUOTAS[field]}`, fix: `lower budget.${field} to ${CLOUDFORMATION_TEMPLATE_QUOTAS[field]} or less` });
    }
  }
  deployments.forEach((d, i) => {
    if (seen.has(d.name)) problems.push({ field: `deployments[${i}].name`, value: d.name, message: 'repeats an earlier deployment name', fix: 'give every deployment a unique name' });
    seen.add(d.name);
    for (const field of budgetFields) {
      const value = d[field] ?? 0;
      if (!(Number.isFinite(value) && value >= 0)) {
        problems.push({ field: `deployments[${i}].${field}`, value, message: 'must be a non-negative number', fix: `estimate ${field} of '${d.name}' as 0 or more` });
      } else if ((overhead[field] ?? 0) + value > budget[field]) {
        problems.push({
          field: `deployments[${i}].${field}`, value,
          message: `'${d.name}' alone exceeds a stack's budget of ${budget[field]} ${field} (with the stack's own ${overhead[field] ?? 0})`,
          fix: `split '${d.name}' into smaller deployments, or raise the budget toward CloudFormation's ${CLOUDFORMATION_TEMPLATE_QUOTAS[field]}`,
        });
      }
    }
  });
  if (problems.length > 0) throw new InputValidationError('Model stack layout', problems);
}
