/**
 * Acknowledging cdk-nag's IAM findings precisely. cdk-nag reports AwsSolutions-IAM4 (AWS-managed policy)
 * and AwsSolutions-IAM5 (wildcard) once per policy ARN, action or resource, e.g.
 * `AwsSolutions-IAM5[Resource::<ModelBucket.Arn>/models/*]`, and CDK matches acknowledgements by exact id.
 * This Aspect computes those ids the way cdk-nag spells them and acknowledges each with the given reason,
 * on roles and policies created later too (CDK adds grants until synthesis).
 */
import { Aspects, type IAspect, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { acknowledgeFinding } from '../../../../lib/validation/cdk-security';

export interface IamFindingReasons {
  /** Why the AWS-managed policies of roles under the scope are acceptable. @default - not acknowledged */
  readonly managedPolicies?: string;
  /** Why the wildcard actions/resources of policies under the scope are acceptable. @default - not acknowledged */
  readonly wildcards?: string;
}

/** A CloudFormation value flattened to one string: `<Logical.Attr>` for GetAtt, `<Logical>` for Ref, joins concatenated. */
function flatten(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/}/g, '>');
  const node = value as Record<string, any>;
  if (node['Fn::Join']) return (node['Fn::Join'][1] as unknown[]).map(flatten).join(node['Fn::Join'][0]);
  if (node['Fn::Sub']) return flatten(node['Fn::Sub']);
  if (node['Fn::GetAtt']) return `<${flatten(node['Fn::GetAtt'][0])}.${flatten(node['Fn::GetAtt'][1])}>`;
  if (node['Fn::ImportValue']) return flatten(node['Fn::ImportValue']);
  if (node.Ref) return `<${flatten(node.Ref)}>`;
  return JSON.stringify(node);
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function wildcardIds(document: { Statement?: Array<Record<string, unknown>> } | undefined): string[] {
  const ids: string[] = [];
  for (const statement of document?.Statement ?? []) {
    if (statement.Effect !== 'Allow') continue;
    for (const action of asArray(statement.Action as string | string[])) if (action.includes('*')) ids.push(`AwsSolutions-IAM5[Action::${action}]`);
    for (const resource of asArray(statement.Resource)) {
      const flat = flatten(resource);
      if (flat.includes('*')) ids.push(`AwsSolutions-IAM5[Resource::${flat}]`);
    }
  }
  return ids;
}

class IamFindingAcknowledger implements IAspect {
  constructor(private readonly reasons: IamFindingReasons) {}

  visit(node: IConstruct): void {
    const ids: Array<[string, string]> = [];
    if (node instanceof iam.CfnRole) {
      const stack = Stack.of(node);
      if (this.reasons.managedPolicies) {
        for (const arn of asArray(stack.resolve(node.managedPolicyArns) as unknown[])) {
          const flat = flatten(stack.resolve(arn));
          if (flat.includes(':iam::aws:')) ids.push([`AwsSolutions-IAM4[Policy::${flat}]`, this.reasons.managedPolicies]);
        }
      }
      if (this.reasons.wildcards) {
        for (const policy of asArray(stack.resolve(node.policies) as Array<Record<string, any>>)) {
          for (const id of wildcardIds(stack.resolve(policy.policyDocument))) ids.push([id, this.reasons.wildcards]);
        }
      }
    } else if (node instanceof iam.CfnPolicy && this.reasons.wildcards) {
      for (const id of wildcardIds(Stack.of(node).resolve(node.policyDocument))) ids.push([id, this.reasons.wildcards]);
    }
    for (const [id, reason] of new Map(ids)) acknowledgeFinding(node, id, reason);
  }
}

/** Acknowledges the IAM4/IAM5 findings of every role and policy under `scope`, each by its exact id. */
export function acknowledgeIamFindings(scope: IConstruct, reasons: IamFindingReasons): void {
  Aspects.of(scope).add(new IamFindingAcknowledger(reasons));
}
