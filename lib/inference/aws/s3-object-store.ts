/** {@link ObjectStore} on Amazon S3 (GetObject with VersionId, HeadObject, PutObject with SSE-KMS). */
import type { ObjectHead, ObjectLocation, ObjectStore, PutObjectOptions, StoredObject } from '../object-store';
import { loadSdkPackage, type ClientConstructor, type CommandConstructor, type SdkClient } from './sdk';

interface S3Package {
  readonly S3Client: ClientConstructor;
  readonly GetObjectCommand: CommandConstructor;
  readonly HeadObjectCommand: CommandConstructor;
  readonly PutObjectCommand: CommandConstructor;
}

export class S3ObjectStore implements ObjectStore {
  private readonly sdk: S3Package;
  private readonly client: SdkClient;

  /** @param sdkPackage replaces the `@aws-sdk/client-s3` package the runtime provides (tests). */
  constructor(sdkPackage?: unknown) {
    this.sdk = (sdkPackage as S3Package | undefined) ?? loadSdkPackage<S3Package>('@aws-sdk/client-s3');
    this.client = new this.sdk.S3Client({});
  }

  async get(location: ObjectLocation): Promise<StoredObject> {
    const out = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: location.bucket, Key: location.key, VersionId: location.versionId }));
    const body = out.Body as { transformToByteArray(): Promise<Uint8Array> };
    return {
      body: await body.transformToByteArray(),
      etag: out.ETag as string | undefined,
      versionId: out.VersionId as string | undefined,
      metadata: (out.Metadata as Record<string, string> | undefined) ?? {},
    };
  }

  async head(location: ObjectLocation): Promise<ObjectHead | undefined> {
    try {
      const out = await this.client.send(new this.sdk.HeadObjectCommand({ Bucket: location.bucket, Key: location.key }));
      return { etag: out.ETag as string | undefined, metadata: (out.Metadata as Record<string, string> | undefined) ?? {} };
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (e as Error).name === 'NotFound') return undefined;
      throw e;
    }
  }

  async put(location: ObjectLocation, body: Uint8Array | string, options: PutObjectOptions): Promise<void> {
    // Encryption follows the bucket's default (SSE-KMS with the deployment's key).
    await this.client.send(new this.sdk.PutObjectCommand({
      Bucket: location.bucket,
      Key: location.key,
      Body: body,
      ContentType: options.contentType,
      Metadata: options.metadata,
    }));
  }
}
