/**
 * Where `terraform` keeps each blueprint's state. cdktf's default is a local file at an absolute path of the machine
 * that ran the synth: it leaks into `cdk.tf.json`, is useless on any other machine and has no locking. Real deploys
 * keep the state in the deployment's own cloud, one key per blueprint, with locking:
 * - AWS: an S3 backend with S3-native locking (`use_lockfile`, Terraform 1.10+; Terraform docs, "Backend Type: s3",
 *   read 2026-12-02), encrypted;
 * - Google Cloud: a `gcs` backend (locks natively; state under `prefix`; Terraform docs, "Backend Type: gcs", read
 *   2026-12-03), so a GCP team needs no AWS account for its state;
 * - Azure: an `azurerm` backend on a blob container with Entra ID auth (`use_azuread_auth`: no storage account key
 *   in the environment; blob leases lock; Terraform docs, "Backend Type: azurerm", read 2026-12-03).
 * `AIMD_TF_BACKEND=local` keeps a relative local state file for experiments.
 *
 * Environment: `AIMD_TF_BACKEND` (`s3` | `gcs` | `azurerm` | `local`, default the deployment's cloud's),
 * `AIMD_TF_STATE_BUCKET` (S3 default `aimd-tfstate-<account>-<region>`; GCS default `aimd-tfstate-<project>`: a
 * versioned bucket you create once), `AIMD_TF_STATE_REGION` (S3; default the blueprint's region),
 * `AIMD_TF_STATE_STORAGE_ACCOUNT` / `AIMD_TF_STATE_RESOURCE_GROUP` / `AIMD_TF_STATE_CONTAINER` (azurerm; defaults
 * `aimdtfstate`, `aimd-tfstate`, `tfstate`).
 */
import { AzurermBackend, GcsBackend, LocalBackend, S3Backend, type TerraformStack } from 'cdktf';
import type { CloudProvider } from '../spec/target-types';

/** The state backend of each cloud's deployments. */
export const DEFAULT_BACKEND_OF_CLOUD: Readonly<Record<CloudProvider, 's3' | 'gcs' | 'azurerm'>> = { aws: 's3', gcp: 'gcs', azure: 'azurerm' };
const BACKENDS = ['s3', 'gcs', 'azurerm', 'local'] as const;

export interface StateBackendOptions {
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  /** The deployment's cloud (its target's). @default 'aws' */
  readonly cloud?: CloudProvider;
  /** Google Cloud project of a `gcs` backend's default bucket. @default - GOOGLE_CLOUD_PROJECT, else 'aimd-review-project' */
  readonly project?: string;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export type StateBackendChoice =
  | { readonly type: 'local'; readonly path: string }
  | { readonly type: 's3'; readonly bucket: string; readonly key: string; readonly region: string }
  | { readonly type: 'gcs'; readonly bucket: string; readonly prefix: string }
  | { readonly type: 'azurerm'; readonly resourceGroupName: string; readonly storageAccountName: string; readonly containerName: string; readonly key: string };

/** The backend a stack gets, from its cloud and the environment. @throws Error for an unknown AIMD_TF_BACKEND */
export function stateBackendFor(options: StateBackendOptions): StateBackendChoice {
  const env = options.env ?? process.env;
  const kind = env.AIMD_TF_BACKEND ?? DEFAULT_BACKEND_OF_CLOUD[options.cloud ?? 'aws'];
  const key = `${options.stackName}/terraform.tfstate`;
  switch (kind) {
    case 'local': return { type: 'local', path: 'terraform.tfstate' };
    case 's3': return {
      type: 's3',
      bucket: env.AIMD_TF_STATE_BUCKET ?? `aimd-tfstate-${options.account}-${options.region}`,
      key,
      region: env.AIMD_TF_STATE_REGION ?? options.region,
    };
    case 'gcs': return {
      type: 'gcs',
      bucket: env.AIMD_TF_STATE_BUCKET ?? `aimd-tfstate-${options.project ?? env.GOOGLE_CLOUD_PROJECT ?? 'aimd-review-project'}`,
      prefix: options.stackName,
    };
    case 'azurerm': return {
      type: 'azurerm',
      resourceGroupName: env.AIMD_TF_STATE_RESOURCE_GROUP ?? 'aimd-tfstate',
      storageAccountName: env.AIMD_TF_STATE_STORAGE_ACCOUNT ?? 'aimdtfstate',
      containerName: env.AIMD_TF_STATE_CONTAINER ?? 'tfstate',
      key,
    };
    default: throw new Error(`AIMD_TF_BACKEND '${kind}' is not a backend this project renders. Fix: one of ${BACKENDS.join(', ')} (default: the deployment's cloud's, ${DEFAULT_BACKEND_OF_CLOUD[options.cloud ?? 'aws']})`);
  }
}

/** Sets the stack's backend (before synthesis). */
export function configureStateBackend(stack: TerraformStack, options: StateBackendOptions): StateBackendChoice {
  const choice = stateBackendFor(options);
  switch (choice.type) {
    case 'local': new LocalBackend(stack, { path: choice.path }); break;
    case 's3':
      new S3Backend(stack, { bucket: choice.bucket, key: choice.key, region: choice.region, encrypt: true });
      // cdktf 0.21 predates S3-native locking: write the flag directly.
      stack.addOverride('terraform.backend.s3.use_lockfile', true);
      break;
    case 'gcs': new GcsBackend(stack, { bucket: choice.bucket, prefix: choice.prefix }); break;
    case 'azurerm':
      new AzurermBackend(stack, { resourceGroupName: choice.resourceGroupName, storageAccountName: choice.storageAccountName, containerName: choice.containerName, key: choice.key, useAzureadAuth: true });
      break;
  }
  return choice;
}
