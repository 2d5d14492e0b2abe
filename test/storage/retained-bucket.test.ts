import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AccessLogsBucket, S3_ACCESS_LOGS_USE_BUCKET_POLICY } from '../../constructs/cdk/storage/access-logs-bucket';
import { RetainedBucket } from '../../constructs/cdk/storage/retained-bucket';

const rendered = new Map<boolean | undefined, Template>();

/**
 * A retained bucket logging into an access-log bucket, under the given value of the log-delivery flag: synthesized
 * once per flag value and shared by the tests (aws-cdk-lib's built-in template validation, warnings only, is left
 * to `aimd synth`).
 */
function render(flag: boolean | undefined): Template {
  if (!rendered.has(flag)) rendered.set(flag, synth(flag));
  return rendered.get(flag)!;
}

function synth(flag: boolean | undefined): Template {
  const app = new App({ context: flag === undefined ? {} : { [S3_ACCESS_LOGS_USE_BUCKET_POLICY]: flag }, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Storage');
  const logs = new AccessLogsBucket(stack, 'AccessLogs');
  new RetainedBucket(stack, 'Models', {
    encryptionKey: new kms.Key(stack, 'Key'), accessLogsBucket: logs, accessLogsPrefix: 'models/',
    lifecycleRules: [{ id: 'expire-replaced-models', noncurrentVersionExpiration: Duration.days(30) }], eventBridgeNotifications: true,
  });
  return Template.fromStack(stack);
}

describe('RetainedBucket and AccessLogsBucket', () => {
  test('GIVEN the bucket-policy log delivery flag THEN logs are delivered by bucket policy and ACLs stay disabled', () => {
    const template = render(true);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' })]) },
    });
  });

  test.each([false, undefined])('GIVEN the flag is %s THEN logs are delivered through the LogDeliveryWrite ACL', (flag) => {
    render(flag).hasResourceProperties('AWS::S3::Bucket', {
      AccessControl: 'LogDeliveryWrite',
      OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] },
    });
  });

  test('the retained bucket is versioned, SSE-KMS, private, logged, lifecycle-managed, event-emitting and kept on destroy', () => {
    render(true).hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ BucketKeyEnabled: true, ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'models/' }),
        LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'abort-incomplete-uploads', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } })]) },
        NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
      }),
    });
  });

  test('invalid props are reported together, naming each field', () => {
    const stack = new Stack(new App(), 'Invalid');
    const logs = new AccessLogsBucket(stack, 'AccessLogs');
    expect(() => new RetainedBucket(stack, 'Models', {
      bucketName: 'Not_A_Bucket', encryptionKey: new kms.Key(stack, 'Key'), accessLogsBucket: logs, accessLogsPrefix: 'models',
      lifecycleRules: [{ id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    })).toThrow(/bucketName[\s\S]*accessLogsPrefix[\s\S]*lifecycleRules/);
  });
});
