/**
 * `SageMakerServiceRole` (Pulumi): an IAM role SageMaker assumes, with one inline policy holding the
 * statements of the engine-neutral description.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { PermissionStatement } from '../../../lib/sagemaker/types';
import { policyJson, type PulumiEndpointResources } from './private/resource-refs';

export interface SageMakerServiceRoleArgs {
  /** IAM description of the role. */
  readonly description: string;
  /** Least-privilege statements, as decided by `describeSageMakerEndpoint`. */
  readonly statements: readonly PermissionStatement[];
  /** The buckets, key and topics the statements name. */
  readonly resources: PulumiEndpointResources;
}

export class SageMakerServiceRole extends pulumi.ComponentResource {
  public readonly role: aws.iam.Role;
  public readonly policy: aws.iam.RolePolicy;

  constructor(name: string, args: SageMakerServiceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:sagemaker:ServiceRole', name, {}, opts);
    this.role = new aws.iam.Role(`${name}-role`, {
      description: args.description,
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }, { parent: this });
    this.policy = new aws.iam.RolePolicy(`${name}-permissions`, { role: this.role.id, name: 'Permissions', policy: policyJson(args.statements, args.resources) }, { parent: this });
    this.registerOutputs({ roleArn: this.role.arn });
  }
}
