/**
 * Acknowledges cdk-nag's AwsSolutions-IAM5 (wildcard resource) findings of a role whose statements the
 * engine-neutral description already justified, one finding at a time, with that justification.
 *
 * The finding ids embed the resolved resource (`Resource::<Bucket.Arn>/models/*`), known only once the
 * stack resolves, so the acknowledgements are added by an aspect during synthesis, before the
 * validation plugins read them.
 */
import { Aspects, CfnResource, Stack, type IAspect } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';
import { acknowledgeFinding } from '../../../../lib/validation/cdk-security';

interface ResolvedStatement {
  readonly Sid?: string;
  readonly Resource?: unknown;
}

class AcknowledgeJustifiedWildcards implements IAspect {
  constructor(private readonly role: iam.Role, private readonly reasons: ReadonlyMap<string, string>) {}

  visit(node: IConstruct): void {
    if (node !== this.role.node.defaultChild || !CfnResource.isCfnResource(node)) return;
    const stack = Stack.of(node);
    const policies = stack.resolve((node as iam.CfnRole).policies) as Array<{ policyDocument?: { Statement?: ResolvedStatement[] }; PolicyDocument?: { Statement?: ResolvedStatement[] } }> | undefined;
    // One finding per distinct resource: statements sharing `*` share the acknowledgement, with all their reasons.
    const reasonsByFinding = new Map<string, string[]>();
    for (const policy of policies ?? []) {
      const document = policy.PolicyDocument ?? policy.policyDocument;
      for (const statement of document?.Statement ?? []) {
        const reason = statement.Sid ? this.reasons.get(statement.Sid) : undefined;
        if (reason === undefined) continue;
        const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
        for (const resource of resources.map(flattenCfnReference).filter((r) => r.includes('*'))) {
          const id = `AwsSolutions-IAM5[Resource::${resource}]`;
          reasonsByFinding.set(id, [...(reasonsByFinding.get(id) ?? []), `${statement.Sid}: ${reason}`]);
        }
      }
    }
    for (const [id, reasons] of reasonsByFinding) acknowledgeFinding(node, id, reasons.join('; '));
  }
}

/** Registers the acknowledgements of a role's justified wildcards (statement id → reason). */
export function acknowledgeJustifiedWildcards(role: iam.Role, reasons: ReadonlyMap<string, string>): void {
  Aspects.of(role).add(new AcknowledgeJustifiedWildcards(role, reasons));
}
