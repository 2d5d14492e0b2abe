/**
 * `SageMakerServiceRole` (cdktf): an IAM role SageMaker assumes, with one inline policy holding the
 * statements of the engine-neutral description.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import type { PermissionStatement } from '../../../lib/sagemaker/types';
import { policyDocument, type TerraformEndpointResources } from './private/resource-refs';

export interface SageMakerServiceRoleProps {
  /** IAM description of the role. */
  readonly description: string;
  /** Least-privilege statements, as decided by `describeSageMakerEndpoint`. */
  readonly statements: readonly PermissionStatement[];
  /** The buckets, key and topics the statements name. */
  readonly resources: TerraformEndpointResources;
}

export class SageMakerServiceRole extends Construct {
  public readonly role: IamRole;
  /** The inline policy: resources that need the permissions depend on it. */
  public readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: SageMakerServiceRoleProps) {
    super(scope, id);
    const trust = new DataAwsIamPolicyDocument(this, 'Trust', {
      statement: [{ effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['sagemaker.amazonaws.com'] }] }],
    });
    this.role = new IamRole(this, 'Role', { namePrefix: 'sagemaker-', description: props.description, assumeRolePolicy: trust.json });
    this.policy = new IamRolePolicy(this, 'Permissions', {
      name: 'Permissions',
      role: this.role.id,
      policy: policyDocument(this, 'PermissionsDocument', props.statements, props.resources).json,
    });
  }
}
