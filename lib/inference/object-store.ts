/**
 * Object storage behind a small interface, so the handler's logic is tested with real bytes in memory and
 * runs against S3 in AWS (`aws/s3-object-store.ts`) or local files for a run on a laptop.
 */
import { promises as fs } from 'fs';

/** An object: `s3://bucket/key` (optionally one version of it) or `file:///absolute/path`. */
export interface ObjectLocation {
  /** @default 's3' */
  readonly scheme?: 's3' | 'file';
  /** Bucket name; empty for `file`. */
  readonly bucket: string;
  /** Object key, or the absolute path for `file`. */
  readonly key: string;
  /** S3 object version. @default - the latest version */
  readonly versionId?: string;
}

export interface StoredObject {
  readonly body: Uint8Array;
  readonly etag?: string;
  readonly versionId?: string;
  /** User metadata (`x-amz-meta-*` without the prefix). */
  readonly metadata: Readonly<Record<string, string>>;
}

export interface ObjectHead {
  readonly etag?: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface PutObjectOptions {
  readonly contentType: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface ObjectStore {
  /** @throws when the object (or version) does not exist or cannot be read */
  get(location: ObjectLocation): Promise<StoredObject>;
  /** Metadata of the latest version, or `undefined` when there is no such object. */
  head(location: ObjectLocation): Promise<ObjectHead | undefined>;
  put(location: ObjectLocation, body: Uint8Array | string, options: PutObjectOptions): Promise<void>;
}

/** Renders a location as a URI for logs and errors. */
export function formatObjectUri(location: ObjectLocation): string {
  if (location.scheme === 'file') return `file://${location.key}`;
  return `s3://${location.bucket}/${location.key}${location.versionId ? `?versionId=${location.versionId}` : ''}`;
}

/**
 * Parses `s3://bucket/key` or `file:///absolute/path`. A trailing `/` is kept (it denotes a prefix).
 * @throws Error naming the expected form
 */
export function parseObjectUri(uri: string): ObjectLocation {
  const s3 = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.*)$/.exec(uri);
  if (s3) return { scheme: 's3', bucket: s3[1], key: s3[2] };
  const file = /^file:\/\/(\/.+)$/.exec(uri);
  if (file) return { scheme: 'file', bucket: '', key: file[1] };
  throw new Error(`'${uri}' is not s3://bucket/key or file:///absolute/path`);
}

/** An in-memory, versioned object store (tests, local experiments). Counts reads so tests can see caching. */
export class InMemoryObjectStore implements ObjectStore {
  private readonly objects = new Map<string, { versionId: string; body: Uint8Array; etag: string; metadata: Record<string, string> }[]>();
  private versionCounter = 0;
  /** Number of successful `get` calls, per `bucket/key`. */
  public readonly reads = new Map<string, number>();

  async get(location: ObjectLocation): Promise<StoredObject> {
    const versions = this.objects.get(this.id(location));
    const found = location.versionId ? versions?.find((v) => v.versionId === location.versionId) : versions?.[versions.length - 1];
    if (!found) throw new Error(`NoSuchKey: ${formatObjectUri(location)}`);
    this.reads.set(this.id(location), (this.reads.get(this.id(location)) ?? 0) + 1);
    return { body: found.body, etag: found.etag, versionId: found.versionId, metadata: { ...found.metadata } };
  }

  async head(location: ObjectLocation): Promise<ObjectHead | undefined> {
    const versions = this.objects.get(this.id(location));
    const latest = versions?.[versions.length - 1];
    return latest && { etag: latest.etag, metadata: { ...latest.metadata } };
  }

  async put(location: ObjectLocation, body: Uint8Array | string, options: PutObjectOptions): Promise<void> {
    this.putSync(location, body, options.metadata);
  }

  /** Stores an object and returns its new version id (test setup). */
  putSync(location: ObjectLocation, body: Uint8Array | string, metadata: Readonly<Record<string, string>> = {}): string {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const versionId = `v${++this.versionCounter}`;
    const list = this.objects.get(this.id(location)) ?? [];
    list.push({ versionId, body: bytes, etag: `"etag-${versionId}"`, metadata: { ...metadata } });
    this.objects.set(this.id(location), list);
    return versionId;
  }

  /** Keys under a prefix in a bucket (latest versions). */
  keys(bucket: string, prefix = ''): string[] {
    return [...this.objects.keys()]
      .filter((id) => id.startsWith(`${bucket}/${prefix}`))
      .map((id) => id.slice(bucket.length + 1))
      .sort();
  }

  readsOf(location: ObjectLocation): number {
    return this.reads.get(this.id(location)) ?? 0;
  }

  private id(location: ObjectLocation): string {
    return `${location.bucket}/${location.key}`;
  }
}

/** Reads `file://` models for local runs of the bundled handler; it is read-only. */
export class LocalFileObjectStore implements ObjectStore {
  async get(location: ObjectLocation): Promise<StoredObject> {
    return { body: new Uint8Array(await fs.readFile(location.key)), metadata: {} };
  }

  async head(location: ObjectLocation): Promise<ObjectHead | undefined> {
    try {
      await fs.stat(location.key);
      return { metadata: {} };
    } catch {
      return undefined;
    }
  }

  async put(location: ObjectLocation): Promise<void> {
    throw new Error(`LocalFileObjectStore is read-only; cannot write ${formatObjectUri(location)}`);
  }
}
