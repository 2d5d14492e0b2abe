/** A role for a service principal with the engine-neutral inline statements (no managed policies). */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import type { PolicyStatementDefinition } from '../../../../lib/inference/deployment/policies';

export interface ServiceRole {
  readonly role: IamRole;
  /** Resources that must not be created before the role can act (Lambda checks VPC permissions at creation). */
  readonly policy: IamRolePolicy;
}

/** The IAM policy document of engine-neutral statements. */
export function policyDocument(statements: readonly PolicyStatementDefinition[]): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      Sid: s.sid,
      Effect: 'Allow',
      Action: [...s.actions],
      Resource: [...s.resources],
      ...(s.conditions ? { Condition: s.conditions } : {}),
    })),
  };
}

export function serviceRole(scope: Construct, id: string, service: string, statements: readonly PolicyStatementDefinition[], description: string): ServiceRole {
  const role = new IamRole(scope, id, {
    description,
    assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] }),
  });
  const policy = new IamRolePolicy(scope, `${id}Policy`, { role: role.id, name: 'least-privilege', policy: Fn.jsonencode(policyDocument(statements)) });
  return { role, policy };
}
