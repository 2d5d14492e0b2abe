/** Customer-managed KMS keys with rotation and grants limited to AWS services (same policy as CDK and Terraform). */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface SecureKmsKeyArgs {
  readonly description: string;
  readonly accountId: string;
  readonly partition: pulumi.Input<string>;
  /** @default - none */
  readonly servicePrincipals?: readonly string[];
}

export function secureKmsKey(name: string, args: SecureKmsKeyArgs, opts: pulumi.CustomResourceOptions): aws.kms.Key {
  const policy = pulumi.output(args.partition).apply((partition) => JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${args.accountId}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'DenyGrantsNotForAwsResources', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:CreateGrant', Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'false' } } },
      ...(args.servicePrincipals?.length
        ? [{ Sid: 'ServicesUseKey', Effect: 'Allow', Principal: { Service: [...args.servicePrincipals] }, Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*' }]
        : []),
    ],
  }));
  return new aws.kms.Key(name, { description: args.description, enableKeyRotation: true, deletionWindowInDays: 30, policy }, opts);
}

/** Roles assumed by pods through EKS Pod Identity. */
export const POD_IDENTITY_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
});

/** A role assumed by an AWS service. */
export function serviceTrust(service: string, actions: readonly string[] = ['sts:AssumeRole']): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: [...actions] }] });
}
