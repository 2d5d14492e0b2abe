/**
 * The drift job's AWS adapters: listing capture objects (S3 ListObjectsV2, paginated) and publishing
 * datapoints (CloudWatch PutMetricData). The SDK v3 ships with the Lambda Node.js runtime (see
 * lib/inference/aws/sdk.ts); only the operations used are typed, structurally.
 */
import { loadSdkPackage, type ClientConstructor, type CommandConstructor, type SdkClient } from '../inference/aws/sdk';
import type { MetricsPublisher, ObjectLister } from './job';
import type { MetricDatum } from './metrics';

/**
 * Datapoints per PutMetricData call. 20 is within the limit of every version of the API (it was 20 per
 * request before CloudWatch raised it to 1,000; https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html, read 2026-12).
 */
export const METRICS_PER_CALL = 20;

interface S3Package { readonly S3Client: ClientConstructor; readonly ListObjectsV2Command: CommandConstructor }
interface CloudWatchPackage { readonly CloudWatchClient: ClientConstructor; readonly PutMetricDataCommand: CommandConstructor }

export class S3ObjectLister implements ObjectLister {
  private readonly sdk: S3Package;
  private readonly client: SdkClient;

  /** @param sdkPackage replaces `@aws-sdk/client-s3` (tests). */
  constructor(sdkPackage?: unknown) {
    this.sdk = (sdkPackage as S3Package | undefined) ?? loadSdkPackage<S3Package>('@aws-sdk/client-s3');
    this.client = new this.sdk.S3Client({});
  }

  async list(bucket: string, prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const out = await this.client.send(new this.sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      for (const item of (out.Contents as { Key?: string }[] | undefined) ?? []) if (item.Key) keys.push(item.Key);
      token = out.IsTruncated ? (out.NextContinuationToken as string | undefined) : undefined;
    } while (token);
    return keys;
  }
}

export class CloudWatchMetricsPublisher implements MetricsPublisher {
  private readonly sdk: CloudWatchPackage;
  private readonly client: SdkClient;

  /** @param sdkPackage replaces `@aws-sdk/client-cloudwatch` (tests). */
  constructor(sdkPackage?: unknown) {
    this.sdk = (sdkPackage as CloudWatchPackage | undefined) ?? loadSdkPackage<CloudWatchPackage>('@aws-sdk/client-cloudwatch');
    this.client = new this.sdk.CloudWatchClient({});
  }

  async publish(namespace: string, data: readonly MetricDatum[]): Promise<void> {
    for (let i = 0; i < data.length; i += METRICS_PER_CALL) {
      await this.client.send(new this.sdk.PutMetricDataCommand({ Namespace: namespace, MetricData: data.slice(i, i + METRICS_PER_CALL) }));
    }
  }
}
