/**
 * Where `terraform` keeps each blueprint's state. cdktf's default is a local file at an absolute path of the machine
 * that ran the synth: it leaks into `cdk.tf.json`, is useless on any other machine and has no locking. Real deploys
 * get an S3 backend with S3-native locking (`use_lockfile`, Terraform 1.10+; Terraform docs, "Backend Type: s3",
 * read 2026-12-02), encrypted, one key per blueprint; `AIMD_TF_BACKEND=local` keeps a relative local state file for
 * experiments.
 *
 * Environment: `AIMD_TF_BACKEND` (`s3` | `local`, default `s3`), `AIMD_TF_STATE_BUCKET` (default
 * `aimd-tfstate-<account>-<region>`, a versioned bucket you create once), `AIMD_TF_STATE_REGION` (default the
 * blueprint's region).
 */
import { LocalBackend, S3Backend, type TerraformStack } from 'cdktf';

export interface StateBackendOptions {
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export type StateBackendChoice =
  | { readonly type: 'local'; readonly path: string }
  | { readonly type: 's3'; readonly bucket: string; readonly key: string; readonly region: string };

/** The backend a stack gets, from the environment. @throws Error for an unknown AIMD_TF_BACKEND */
export function stateBackendFor(options: StateBackendOptions): StateBackendChoice {
  const env = options.env ?? process.env;
  const kind = env.AIMD_TF_BACKEND ?? 's3';
  if (kind === 'local') return { type: 'local', path: 'terraform.tfstate' };
  if (kind !== 's3') throw new Error(`AIMD_TF_BACKEND '${kind}' is not a backend this project renders. Fix: 's3' (default) or 'local'`);
  return {
    type: 's3',
    bucket: env.AIMD_TF_STATE_BUCKET ?? `aimd-tfstate-${options.account}-${options.region}`,
    key: `${options.stackName}/terraform.tfstate`,
    region: env.AIMD_TF_STATE_REGION ?? options.region,
  };
}

/** Sets the stack's backend (before synthesis). */
export function configureStateBackend(stack: TerraformStack, options: StateBackendOptions): StateBackendChoice {
  const choice = stateBackendFor(options);
  if (choice.type === 'local') {
    new LocalBackend(stack, { path: choice.path });
  } else {
    new S3Backend(stack, { bucket: choice.bucket, key: choice.key, region: choice.region, encrypt: true });
    // cdktf 0.21 predates S3-native locking: write the flag directly.
    stack.addOverride('terraform.backend.s3.use_lockfile', true);
  }
  return choice;
}
