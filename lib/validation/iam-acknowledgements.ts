/**
 * Acknowledging cdk-nag's IAM findings precisely, with a written reason each.
 *
 * cdk-nag reports AwsSolutions-IAM4 (AWS-managed policy) once per policy ARN and AwsSolutions-IAM5
 * (wildcard) once per action or resource, e.g. `AwsSolutions-IAM5[Resource::<ModelBucket.Arn>/models/*]`,
 * and CDK matches acknowledgements by exact id. The ids embed resolved references, known only once the
 * stack resolves (and CDK keeps adding grants until synthesis), so an Aspect computes them during
 * synthesis, the way cdk-nag 3 spells them (`cdk-nag/lib/rules/iam/IAMNoManagedPolicies` and
 * `IAMNoWildcardPermissions`), before the validation plugins read them.
 */
import { Aspects, type IAspect, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';
import { acknowledgeFinding } from './cdk-security';

/** Why the IAM findings of the roles and policies under a scope are acceptable. */
export interface IamFindingReasons {
  /**
   * Why the AWS-managed policies attached to roles under the scope are acceptable (AwsSolutions-IAM4).
   *
   * @default - not acknowledged
   */
  readonly managedPolicies?: string;

  /**
   * Why every wildcard action and resource of every policy under the scope is acceptable (AwsSolutions-IAM5).
   *
   * @default - not acknowledged
   */
  readonly wildcards?: string;

  /**
   * Reasons by statement id (`Sid`): each justifies the wildcard resources of its own statement only.
   * Statements sharing a wildcard resource share its acknowledgement, with all their reasons, each
   * prefixed by its statement id. Statements without an entry stay reported.
   *
   * @default - no statement-level acknowledgements
   */
  readonly wildcardsByStatement?: ReadonlyMap<string, string>;
}

interface ResolvedStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly Resource?: unknown;
}

interface ResolvedPolicyDocument {
  readonly Statement?: ResolvedStatement[];
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The IAM5 ids of one policy document, each with the reasons that acknowledge it. */
function wildcardAcknowledgements(document: ResolvedPolicyDocument | undefined, reasons: IamFindingReasons): Array<[string, string]> {
  const acknowledgements: Array<[string, string]> = [];
  const byStatement = new Map<string, string[]>();
  for (const statement of document?.Statement ?? []) {
    // cdk-nag does not report on Deny statements.
    if (statement.Effect !== 'Allow') continue;
    const wildcardResources = asArray(statement.Resource).map(flattenCfnReference).filter((r) => r.includes('*'));
    if (reasons.wildcards) {
      for (const action of asArray(statement.Action)) if (action.includes('*')) acknowledgements.push([`AwsSolutions-IAM5[Action::${action}]`, reasons.wildcards]);
      for (const resource of wildcardResources) acknowledgements.push([`AwsSolutions-IAM5[Resource::${resource}]`, reasons.wildcards]);
    }
    const statementReason = statement.Sid ? reasons.wildcardsByStatement?.get(statement.Sid) : undefined;
    if (statementReason === undefined) continue;
    for (const resource of wildcardResources) {
      const id = `AwsSolutions-IAM5[Resource::${resource}]`;
      byStatement.set(id, [...(byStatement.get(id) ?? []), `${statement.Sid}: ${statementReason}`]);
    }
  }
  for (const [id, statementReasons] of byStatement) acknowledgements.push([id, statementReasons.join('; ')]);
  return acknowledgements;
}

class IamFindingAcknowledger implements IAspect {
  constructor(private readonly reasons: IamFindingReasons) {}

  visit(node: IConstruct): void {
    const acknowledgements: Array<[string, string]> = [];
    if (node instanceof iam.CfnRole) {
      const stack = Stack.of(node);
      if (this.reasons.managedPolicies) {
        for (const arn of asArray(stack.resolve(node.managedPolicyArns) as unknown[])) {
          const flat = flattenCfnReference(stack.resolve(arn));
          if (flat.includes(':iam::aws:')) acknowledgements.push([`AwsSolutions-IAM4[Policy::${flat}]`, this.reasons.managedPolicies]);
        }
      }
      for (const policy of asArray(stack.resolve(node.policies) as Array<{ policyDocument?: unknown }>)) {
        acknowledgements.push(...wildcardAcknowledgements(stack.resolve(policy.policyDocument) as ResolvedPolicyDocument, this.reasons));
      }
    } else if (node instanceof iam.CfnPolicy) {
      acknowledgements.push(...wildcardAcknowledgements(Stack.of(node).resolve(node.policyDocument) as ResolvedPolicyDocument, this.reasons));
    }
    // One acknowledgement per id; a later (more specific) reason replaces an earlier one.
    for (const [id, reason] of new Map(acknowledgements)) acknowledgeFinding(node, id, reason);
  }
}

/**
 * Acknowledges the AwsSolutions-IAM4/IAM5 findings of every role and policy under `scope` (including
 * those created later: the ids are computed at synthesis), each by its exact id and with the given reason.
 */
export function acknowledgeIamFindings(scope: IConstruct, reasons: IamFindingReasons): void {
  Aspects.of(scope).add(new IamFindingAcknowledger(reasons));
}
