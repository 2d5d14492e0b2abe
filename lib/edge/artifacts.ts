/**
 * The S3 artifacts of one component version: the app archive and the model file, under a key that
 * contains the component version and a digest of both files.
 *
 * Why the digest: Greengrass records each artifact's hash when the component version is created and
 * devices refuse a download that does not match it. If changed bytes were uploaded under an existing
 * version's key, that version (the rollback target) would break. With content-addressed keys, changed
 * bytes go to a new key, the recipe changes, and creating the already-existing version fails loudly at
 * deploy time, telling the author to bump the component version; the published version stays intact.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EDGE_APP_ARCHIVE_NAME, MODEL_FILE_NAME } from '../edge-app/layout';

export interface ArtifactFile {
  /** File name (the last part of the S3 key). */
  readonly fileName: string;
  readonly bytes: Uint8Array;
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string;
}

export interface ReleaseArtifacts {
  /** S3 key prefix of this version's files, ending with `/`. */
  readonly keyPrefix: string;
  readonly appArchive: ArtifactFile & { readonly key: string };
  readonly model: ArtifactFile & { readonly key: string };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `<componentPrefix><version>/<digest16>/`: the digest covers both files. */
export function releaseArtifacts(componentPrefix: string, componentVersion: string, appArchive: Uint8Array, model: Uint8Array): ReleaseArtifacts {
  const app = { fileName: EDGE_APP_ARCHIVE_NAME, bytes: appArchive, sha256: sha256Hex(appArchive) };
  const onnx = { fileName: MODEL_FILE_NAME, bytes: model, sha256: sha256Hex(model) };
  const digest = sha256Hex(new TextEncoder().encode(`${app.sha256}\n${onnx.sha256}\n`)).slice(0, 16);
  const keyPrefix = `${componentPrefix}${componentVersion}/${digest}/`;
  return { keyPrefix, appArchive: { ...app, key: `${keyPrefix}${app.fileName}` }, model: { ...onnx, key: `${keyPrefix}${onnx.fileName}` } };
}

export interface StagedRelease {
  /** Folder holding the release's files under their key prefix (what CDK's BucketDeployment uploads). */
  readonly directory: string;
  /** Absolute path of each file, by S3 key. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * Writes a release's files to `<root>/<digest>/<keyPrefix>/` (once: the folder is content-addressed) so
 * an engine can upload them: CDK and cdktf copy them into their output at synth, Pulumi reads them at
 * `pulumi up`.
 * @param root @default `<os tmpdir>/aimd-edge-artifacts`
 */
export function stageReleaseArtifacts(artifacts: ReleaseArtifacts, root = join(tmpdir(), 'aimd-edge-artifacts')): StagedRelease {
  const id = artifacts.keyPrefix.split('/').filter(Boolean).pop()!;
  const directory = join(root, `${id}-${sha256Hex(new TextEncoder().encode(artifacts.keyPrefix)).slice(0, 8)}`);
  const files: Record<string, string> = {};
  for (const f of [artifacts.appArchive, artifacts.model]) files[f.key] = join(directory, ...f.key.split('/'));
  const complete = () => Object.values(files).every((path) => existsSync(path));
  if (!complete()) {
    // Written aside and renamed into place, so a parallel synth never sees half a folder.
    const staging = `${directory}.tmp-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    for (const f of [artifacts.appArchive, artifacts.model]) {
      const path = join(staging, ...f.key.split('/'));
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, f.bytes);
    }
    try {
      renameSync(staging, directory);
    } catch (error) {
      // Another process staged the same (content-addressed) folder first: use theirs.
      rmSync(staging, { recursive: true, force: true });
      if (!complete()) throw error;
    }
  }
  return { directory, files };
}
