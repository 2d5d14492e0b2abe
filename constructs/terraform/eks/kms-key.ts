/**
 * A customer-managed KMS key with yearly rotation and the same policy hardening as the CDK constructs:
 * the account administers it, grants are limited to AWS services (AWS Control Tower CT.KMS.PR.3), and
 * the given AWS services may use it.
 */
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';

export interface SecureKmsKeyProps {
  readonly description: string;
  readonly accountId: string;
  readonly partition: string;
  /** Service principals (`logs.us-east-1.amazonaws.com`) allowed to encrypt and decrypt. @default - none */
  readonly servicePrincipals?: readonly string[];
  /** Keep the key when the stack is destroyed (data encrypted with it survives). @default true */
  readonly preventDestroy?: boolean;
}

export class SecureKmsKey extends Construct {
  public readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: SecureKmsKeyProps) {
    super(scope, id);
    const root = `arn:${props.partition}:iam::${props.accountId}:root`;
    const statements: Record<string, unknown>[] = [
      { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: root }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'DenyGrantsNotForAwsResources',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      },
    ];
    if (props.servicePrincipals?.length) {
      statements.push({
        Sid: 'ServicesUseKey',
        Effect: 'Allow',
        Principal: { Service: [...props.servicePrincipals] },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
      });
    }
    this.key = new KmsKey(this, 'Key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
  }
}
