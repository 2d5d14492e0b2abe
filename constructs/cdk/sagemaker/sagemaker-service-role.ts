/**
 * `SageMakerServiceRole`: an IAM role SageMaker assumes (to run models or monitoring jobs), holding
 * exactly the statements of the engine-neutral description.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { wildcardReason } from '../../../lib/sagemaker/permissions';
import { acknowledgeIamFindings } from '../../../lib/validation/iam-acknowledgements';
import type { PermissionStatement } from '../../../lib/sagemaker/types';
import { policyStatements, type CdkEndpointResources } from './private/resource-refs';

/** A role SageMaker can assume. */
export interface ISageMakerServiceRole {
  readonly role: iam.IRole;
}

export interface SageMakerServiceRoleProps {
  /** What the role is for (IAM description), e.g. `Execution role of endpoint llm`. */
  readonly description: string;
  /** Least-privilege statements, as decided by `describeSageMakerEndpoint`. */
  readonly statements: readonly PermissionStatement[];
  /** The buckets, key and topics the statements name. */
  readonly resources: CdkEndpointResources;
}

/** An IAM role for SageMaker with one inline policy built from the description. */
export class SageMakerServiceRole extends Construct implements ISageMakerServiceRole {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: SageMakerServiceRoleProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      description: props.description,
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      // Inline: the permissions exist before any model or job that needs them is created.
      inlinePolicies: { Permissions: new iam.PolicyDocument({ statements: policyStatements(this, props.statements, props.resources) }) },
    });
    const reasons = new Map<string, string>();
    for (const statement of props.statements) {
      const reason = wildcardReason(statement);
      if (reason !== undefined) reasons.set(statement.sid, reason);
    }
    acknowledgeIamFindings(this.role, { wildcardsByStatement: reasons });
  }
}
