/**
 * Floating model references: a model version must be immutable and named in the spec, so that promoting
 * a spec from staging to production deploys exactly what staging ran. An S3 artifact is pinned by its object
 * version or its sha256, a Hugging Face artifact by a commit (a branch such as `main` moves), a custom
 * container by its image digest. Production environments refuse floating references; other environments
 * deploy them with a warning (docs/environments.md). Pure: no engine, no network.
 */
import type { InputProblem } from '../errors';

/** A Hugging Face commit id: 40 lower-case hex characters (a branch or tag name is not one). */
export const HF_COMMIT = /^[0-9a-f]{40}$/;
/** An OCI image reference pinned by digest (`repo@sha256:<64 hex>`, optionally with a tag before it). */
export const IMAGE_DIGEST = /@sha256:[0-9a-f]{64}$/;

interface VersionFields {
  readonly model?: { readonly artifact?: { readonly uri?: unknown; readonly version?: unknown; readonly sha256?: unknown; readonly revision?: unknown } };
  readonly runtime?: { readonly image?: unknown };
}

/**
 * Every floating model reference of a spec (as written or with an environment applied), one problem each
 * with the field, the value and the fix. An artifact without `uri` is a prefix of the blueprint's own
 * bucket, which nothing pins either.
 */
export function floatingModelReferences(spec: VersionFields): InputProblem[] {
  const problems: InputProblem[] = [];
  const artifact = spec.model?.artifact ?? {};
  const uri = typeof artifact.uri === 'string' ? artifact.uri : undefined;
  if (uri === undefined) {
    problems.push({ field: 'model.artifact.uri', value: undefined, message: "is not set, so the model is whatever sits under the blueprint bucket's prefix when the deployment starts",
      fix: 'name the artifact: s3://bucket/model.tar.gz with model.artifact.version (S3 object version) or sha256, or hf://org/name with model.artifact.revision (a commit)' });
  } else if (uri.startsWith('hf://')) {
    const revision = artifact.revision;
    if (!(typeof revision === 'string' && HF_COMMIT.test(revision))) {
      problems.push({ field: 'model.artifact.revision', value: revision, message: revision === undefined ? "is not set, so the Hub serves the default branch (main), which moves" : 'is a branch or tag, which moves, not a commit',
        fix: `set it to the 40-character commit id shown under "Files and versions" (or \`git ls-remote https://huggingface.co/${uri.slice(5)} main\`)` });
    }
  } else if (artifact.version === undefined && artifact.sha256 === undefined) {
    problems.push({ field: 'model.artifact.uri', value: uri, message: 'names an S3 location without a version: a later upload to the same key changes the model',
      fix: 'set model.artifact.version (the S3 object version id of a versioned bucket) or model.artifact.sha256 (`sha256sum <file>`)' });
  }
  const image = spec.runtime?.image;
  if (typeof image === 'string' && !IMAGE_DIGEST.test(image)) {
    problems.push({ field: 'runtime.image', value: image, message: image.endsWith(':latest') || !image.includes(':') ? 'is the floating tag latest' : 'is a tag, which can be pushed again, not a digest',
      fix: 'pin it by digest: <repo>@sha256:<digest> (`aws ecr describe-images --query "imageDetails[].imageDigest"`)' });
  }
  return problems;
}
