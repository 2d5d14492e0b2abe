/**
 * Least-privilege read access to a model prefix, as plain IAM JSON shared by the three engines: the
 * vLLM pods may list and read the objects under their prefix (and the LoRA adapter prefixes), and
 * decrypt with the bucket's key only through S3.
 */
import type { PolicyDocumentJson } from './karpenter-iam';

/** Objects the pods read: one bucket and the prefixes under it. */
export interface ModelLocation {
  /** ARN of the bucket (may be an engine token). */
  readonly bucketArn: string;
  /** Prefixes, each ending in `/` (e.g. `models/meta-llama/Llama-3.1-8B-Instruct/`). */
  readonly prefixes: readonly string[];
}

export interface ModelReadAccessInput {
  /** The model prefix and, for LoRA, the adapter prefixes (possibly in other buckets). */
  readonly locations: readonly ModelLocation[];
  /** KMS keys the objects are encrypted with (the model bucket's key); none for SSE-S3. */
  readonly kmsKeyArns?: readonly string[];
  /** Region of the buckets, for the `kms:ViaService` condition. */
  readonly region: string;
}

/** `s3:ListBucket` limited to the prefixes, `s3:GetObject` on objects under them, `kms:Decrypt` via S3 only. */
export function modelReadAccessPolicy(input: ModelReadAccessInput): PolicyDocumentJson {
  const statements: Record<string, unknown>[] = input.locations.flatMap((location, i) => {
    const prefixes = [...new Set(location.prefixes)];
    const suffix = i === 0 ? '' : String(i);
    return [
      {
        Sid: `ListPrefixes${suffix}`,
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: location.bucketArn,
        Condition: { StringLike: { 's3:prefix': prefixes.map((p) => `${p}*`) } },
      },
      {
        Sid: `ReadObjects${suffix}`,
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: prefixes.map((p) => `${location.bucketArn}/${p}*`),
      },
    ];
  });
  const keys = input.kmsKeyArns ?? [];
  if (keys.length > 0) {
    statements.push({
      Sid: 'DecryptThroughS3',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: [...keys],
      Condition: { StringEquals: { 'kms:ViaService': `s3.${input.region}.amazonaws.com` } },
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * Groups S3 URIs by bucket: `s3://b/x/` and `s3://b/y/` become one location with two prefixes.
 * `bucketArnOf` turns a bucket name into an ARN (the engine knows the partition).
 */
export function locationsOf(uris: readonly string[], bucketArnOf: (bucket: string) => string): ModelLocation[] {
  const byBucket = new Map<string, string[]>();
  for (const uri of uris) {
    const parsed = parseS3Uri(uri);
    if (!parsed) continue;
    byBucket.set(parsed.bucket, [...(byBucket.get(parsed.bucket) ?? []), parsed.prefix]);
  }
  return [...byBucket].map(([bucket, prefixes]) => ({ bucketArn: bucketArnOf(bucket), prefixes }));
}

/** Splits `s3://bucket/prefix/` into its bucket and prefix (prefix normalised to end in `/`). */
export function parseS3Uri(uri: string): { readonly bucket: string; readonly prefix: string } | undefined {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/?(.*)$/.exec(uri);
  if (!match) return undefined;
  const prefix = match[2] ?? '';
  return { bucket: match[1]!, prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` };
}
