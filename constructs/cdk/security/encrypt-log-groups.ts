/**
 * Lambda functions that aws-cdk-lib creates inside its own constructs (the EKS kubectl provider and its
 * custom-resource framework) get a CloudFormation log group when the app sets
 * `@aws-cdk/aws-lambda:useCdkManagedLogGroup`, as every `cdk init` app does today. Those log groups have no
 * KMS key (AWS Control Tower CT.CLOUDWATCH.PR.3) and no retention we chose. This gives them both.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { restrictGrantsToAwsServices } from './kms-grants';

/**
 * Encrypts (with one new key) every log group under `scope` that has none, and keeps them a year, the
 * Control Tower minimum (CT.CLOUDWATCH.PR.2). Does nothing, and creates no key, when there is none.
 * Call it after the constructs that create the functions.
 * @returns the key, when one was needed
 */
export function encryptUnencryptedLogGroups(scope: Construct, keyId: string, under: IConstruct = scope): kms.Key | undefined {
  const groups = under.node.findAll().filter((c): c is logs.CfnLogGroup => c instanceof logs.CfnLogGroup && c.kmsKeyId === undefined);
  if (groups.length === 0) return undefined;
  const key = new kms.Key(scope, keyId, {
    description: `Encrypts the log groups of the Lambda functions aws-cdk-lib creates under ${under.node.path}`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  restrictGrantsToAwsServices(key);
  key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${Stack.of(scope).region}.amazonaws.com`));
  for (const group of groups) {
    group.kmsKeyId = key.keyArn;
    group.retentionInDays ??= logs.RetentionDays.ONE_YEAR;
  }
  return key;
}
