/**
 * Turns the description's resource roles into Pulumi outputs of this program.
 */
import * as pulumi from '@pulumi/pulumi';
import { bucketArn, bucketName, objectsArn, s3Uri } from '../../../../lib/sagemaker/refs';
import type { PermissionStatement, ResourceRef, S3Location, TopicRole } from '../../../../lib/sagemaker/types';

/** What the refs resolve against. */
export interface PulumiEndpointResources {
  readonly artifactsBucketName: pulumi.Input<string>;
  readonly dataBucketName: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly topicArns: Partial<Record<TopicRole, pulumi.Input<string>>>;
  readonly region: string;
  readonly accountId: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
}

/** `s3://bucket/key` once the bucket names are known. */
export function pulumiS3Uri(location: S3Location, r: PulumiEndpointResources): pulumi.Output<string> {
  return pulumi.all([r.artifactsBucketName, r.dataBucketName]).apply(([artifacts, data]) => s3Uri(location, { artifacts, data }));
}

function resolveRef(ref: ResourceRef, r: PulumiEndpointResources): pulumi.Output<string> {
  return pulumi.all([r.artifactsBucketName, r.dataBucketName, r.kmsKeyArn, r.accountId, r.partition]).apply(([artifacts, data, key, account, partition]) => {
    const names = { artifacts, data };
    switch (ref.kind) {
      case 'bucket':
        return pulumi.output(bucketArn(bucketName(ref.bucket, names), partition));
      case 'objects':
        return pulumi.output(objectsArn(bucketName(ref.bucket, names), ref.prefix, partition));
      case 'kms-key':
        return pulumi.output(key);
      case 'topic': {
        const arn = r.topicArns[ref.topic];
        if (arn === undefined) throw new Error(`the description refers to the '${ref.topic}' topic, which this endpoint did not create`);
        return pulumi.output(arn);
      }
      case 'ecr-repository':
        return pulumi.output(`arn:${partition}:ecr:${r.region}:${ref.account}:repository/${ref.repository}`);
      case 'log-group':
        return pulumi.output(`arn:${partition}:logs:${r.region}:${account}:log-group:${ref.prefix}*`);
      case 'any':
        return pulumi.output('*');
    }
  });
}

/** The policy JSON of the description's statements. */
export function policyJson(statements: readonly PermissionStatement[], r: PulumiEndpointResources): pulumi.Output<string> {
  const resolved = statements.map((s) => pulumi.all(s.resources.map((ref) => resolveRef(ref, r))).apply((resources) => ({ Sid: s.sid, Effect: 'Allow', Action: [...s.actions], Resource: resources })));
  return pulumi.all(resolved).apply((Statement) => JSON.stringify({ Version: '2012-10-17', Statement }));
}
