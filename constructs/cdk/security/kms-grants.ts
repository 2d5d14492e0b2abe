/** Key policy hardening shared by the customer-managed keys the CDK constructs create. */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';

/** The statement id `restrictGrantsToAwsServices` uses unless told otherwise. */
export const DENY_GRANTS_NOT_FOR_AWS_RESOURCES_SID = 'DenyGrantsNotForAwsResources';

/**
 * Denies `kms:CreateGrant` unless an AWS service creates the grant, or creates it for one of its resources
 * (AWS Control Tower CT.KMS.PR.3): EKS, EBS, SageMaker volumes and S3 bucket keys still get their grants,
 * nobody can hand the key to an arbitrary principal.
 *
 * @param sid statement id in the key policy; pass the id a deployed key already uses, so that its policy
 *   does not change
 */
export function restrictGrantsToAwsServices(key: kms.Key, sid: string = DENY_GRANTS_NOT_FOR_AWS_RESOURCES_SID): void {
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid,
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    // BoolIfExists with both keys, as AWS Control Tower's CT.KMS.PR.3 check expects.
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
}
