/** Key policy hardening shared by the keys this library creates. */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';

/**
 * Denies `kms:CreateGrant` unless an AWS service creates the grant, or creates it for one of its resources
 * (AWS Control Tower CT.KMS.PR.3): EKS and EBS still get their grants, nobody can hand the key to an
 * arbitrary principal.
 */
export function restrictGrantsToAwsServices(key: kms.Key): void {
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'DenyGrantsNotForAwsResources',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    // BoolIfExists with both keys, as AWS Control Tower's CT.KMS.PR.3 check expects.
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
}
