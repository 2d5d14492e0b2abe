/**
 * Turns the engine-neutral IAM statements (lib/inference/deployment/policies.ts) into CDK statements, and
 * acknowledges cdk-nag's wildcard findings with the reason each statement carries
 * (lib/validation/iam-acknowledgements.ts computes the finding ids).
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct, IConstruct } from 'constructs';
import type { PolicyStatementDefinition } from '../../../../lib/inference/deployment/policies';
import { acknowledgeIamFindings } from '../../../../lib/validation/iam-acknowledgements';

export function toPolicyDocument(statements: readonly PolicyStatementDefinition[]): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: statements.map((s) => new iam.PolicyStatement({
      sid: s.sid,
      actions: [...s.actions],
      resources: [...s.resources],
      conditions: s.conditions as Record<string, unknown> | undefined,
    })),
  });
}

/**
 * Acknowledges cdk-nag's wildcard findings of the statements, each with the reason its statement carries.
 *
 * @throws Error when a statement has a wildcard resource but no `wildcardReason`
 */
export function acknowledgeWildcards(scope: IConstruct, statements: readonly PolicyStatementDefinition[]): void {
  const reasons = new Map<string, string>();
  for (const statement of statements) {
    for (const resource of statement.resources.filter((r) => r.includes('*'))) {
      if (!statement.wildcardReason) throw new Error(`statement ${statement.sid} has the wildcard resource ${resource} but no wildcardReason`);
      reasons.set(statement.sid, statement.wildcardReason);
    }
  }
  acknowledgeIamFindings(scope, { wildcardsByStatement: reasons });
}

/** A role for a service principal with the given inline statements (no managed policies). */
export function serviceRole(scope: Construct, id: string, service: string, statements: readonly PolicyStatementDefinition[], description: string): iam.Role {
  const role = new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal(service),
    description,
    inlinePolicies: { 'least-privilege': toPolicyDocument(statements) },
  });
  acknowledgeWildcards(role, statements);
  return role;
}
