/**
 * Turns the engine-neutral IAM statements (lib/inference/deployment/policies.ts) into CDK statements, and
 * acknowledges cdk-nag's wildcard findings with the reason each statement carries.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct, IConstruct } from 'constructs';
import type { PolicyStatementDefinition } from '../../../../lib/inference/deployment/policies';
import { acknowledgeFinding } from '../../../../lib/validation/cdk-security';

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
 * Acknowledges `AwsSolutions-IAM5[Resource::...]` for each wildcard resource of the statements (resources
 * are literal ARNs, so the finding ids are known before synthesis).
 */
export function acknowledgeWildcards(scope: IConstruct, statements: readonly PolicyStatementDefinition[]): void {
  for (const statement of statements) {
    for (const resource of statement.resources.filter((r) => r.includes('*'))) {
      if (!statement.wildcardReason) throw new Error(`statement ${statement.sid} has the wildcard resource ${resource} but no wildcardReason`);
      acknowledgeFinding(scope, `AwsSolutions-IAM5[Resource::${resource}]`, statement.wildcardReason);
    }
  }
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
