/**
 * The Hugging Face token synced from AWS Secrets Manager by the External Secrets Operator (external-secrets.io v1 API,
 * ESO chart 0.17+): a namespaced SecretStore for Secrets Manager in the deployment's region, and an ExternalSecret that
 * writes the token into the Kubernetes Secret the vLLM container reads by `secretKeyRef`. The store names no
 * credentials: the operator authenticates with its own service account's Pod Identity role, which may read only the
 * secrets of this deployment. Only the secret's name or ARN appears here, never its value.
 */
import type { ServingContext } from './context';
import type { HuggingFaceTokenSecret } from './options';
import { toKubeObject } from './kube-object';
import { commonLabels } from './labels';
import type { KubeObject, KubeObjectMeta } from './types';

/** How often the operator re-reads the secret: a rotated token reaches new pods within the hour. */
export const TOKEN_REFRESH_INTERVAL = '1h';

/** The fields of external-secrets.io/v1 SecretStore we set. */
export interface ISecretStore {
  readonly apiVersion: 'external-secrets.io/v1';
  readonly kind: 'SecretStore';
  readonly metadata: KubeObjectMeta;
  readonly spec: { readonly provider: { readonly aws: { readonly service: 'SecretsManager'; readonly region: string } } };
}

/** The fields of external-secrets.io/v1 ExternalSecret we set. */
export interface IExternalSecret {
  readonly apiVersion: 'external-secrets.io/v1';
  readonly kind: 'ExternalSecret';
  readonly metadata: KubeObjectMeta;
  readonly spec: {
    readonly refreshInterval: string;
    readonly secretStoreRef: { readonly name: string; readonly kind: 'SecretStore' };
    readonly target: { readonly name: string; readonly creationPolicy: 'Owner' };
    readonly data: readonly { readonly secretKey: string; readonly remoteRef: { readonly key: string } }[];
  };
}

/** Name of the SecretStore of a deployment. */
export function secretStoreName(deploymentName: string): string {
  return `${deploymentName}-secrets-manager`;
}

/**
 * One SecretStore per region, then one ExternalSecret per secret synced from Secrets Manager (the Hugging Face token,
 * the API key); nothing when neither comes from Secrets Manager.
 */
export function secretSyncObjects(ctx: ServingContext): KubeObject[] {
  return secretSyncObjectsFor(
    { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    [ctx.options.huggingFaceTokenSecret, ctx.options.apiKeySecret],
  );
}

/** The deployment secrets are synced for: its name (names the store), namespace and the labels of its objects. */
export interface SecretSyncTarget {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * {@link secretSyncObjects} for any runtime: one SecretStore, then one ExternalSecret per given secret that comes
 * from Secrets Manager; nothing when none does.
 */
export function secretSyncObjectsFor(target: SecretSyncTarget, given: readonly (HuggingFaceTokenSecret | undefined)[]): KubeObject[] {
  const secrets = given.filter((s): s is HuggingFaceTokenSecret => s?.fromSecretsManager !== undefined);
  if (secrets.length === 0) return [];
  const store: ISecretStore = {
    apiVersion: 'external-secrets.io/v1',
    kind: 'SecretStore',
    metadata: { name: secretStoreName(target.name), namespace: target.namespace, labels: { ...target.labels } },
    spec: { provider: { aws: { service: 'SecretsManager', region: secrets[0]!.fromSecretsManager!.region } } },
  };
  return [toKubeObject(store), ...secrets.map((s) => externalSecretObject(target, store.metadata.name, s))];
}

function externalSecretObject(target: SecretSyncTarget, storeName: string, secret: HuggingFaceTokenSecret): KubeObject {
  const source = secret.fromSecretsManager!;
  const externalSecret: IExternalSecret = {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name: secret.secretName, namespace: target.namespace, labels: { ...target.labels } },
    spec: {
      refreshInterval: TOKEN_REFRESH_INTERVAL,
      secretStoreRef: { name: storeName, kind: 'SecretStore' },
      // Owner: the Secret is deleted with the ExternalSecret, so no token outlives the deployment.
      target: { name: secret.secretName, creationPolicy: 'Owner' },
      data: [{ secretKey: secret.key, remoteRef: { key: source.secretId } }],
    },
  };
  return toKubeObject(externalSecret);
}
