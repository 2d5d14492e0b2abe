/**
 * Where an EKS model server may load its checkpoint from: the Hugging Face Hub (`hf://org/name`) or the
 * deployment's own model bucket (`s3://<name>-models-<account>-<region>/<prefix>/`), the only bucket its
 * pod role may read. Checked when a spec is validated (any account) and when it is rendered (the
 * account it is rendered for).
 */
import type { InputProblem } from '../errors';
import { parseS3Uri } from './model-access';
import { modelBucketName } from './names';

const ACCOUNT_PLACEHOLDER = '000000000000';

/**
 * The problem of a `model.artifact.uri` the EKS pods cannot read, or undefined.
 * @param account the account rendered for; without it, any 12-digit account is accepted
 */
export function eksModelUriProblem(name: string, region: string, uri: string | undefined, account?: string): InputProblem | undefined {
  if (uri === undefined || uri.startsWith('hf://')) return undefined;
  const bucket = parseS3Uri(uri)?.bucket;
  const expected = modelBucketName(name, account ?? ACCOUNT_PLACEHOLDER, region);
  const pattern = new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(ACCOUNT_PLACEHOLDER, '\\d{12}')}$`);
  if (bucket !== undefined && pattern.test(bucket)) return undefined;
  const shown = account === undefined ? expected.replace(ACCOUNT_PLACEHOLDER, '<account>') : expected;
  return {
    field: 'model.artifact.uri', value: uri, message: `is outside the deployment's model bucket (${shown}), the only bucket the EKS model server may read`,
    fix: `upload the checkpoint to s3://${shown}/<prefix>/ and give that, use hf://org/name, or leave it out`,
  };
}
