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
  const secrets = [ctx.options.huggingFaceTokenSecret, ctx.options.apiKeySecret].filter((s): s is HuggingFaceTokenSecret => s?.fromSecretsManager !== undefined);
  if (secrets.length === 0) return [];
  const labels = commonLabels(ctx.name, ctx.imageTag);
  const store: ISecretStore = {
    apiVersion: 'external-secrets.io/v1',
    kind: 'SecretStore',
    metadata: { name: secretStoreName(ctx.name), namespace: ctx.namespace, labels },
    spec: { provider: { aws: { service: 'SecretsManager', region: secrets[0]!.fromSecretsManager!.region } } },
  };
  return [toKubeObject(store), ...secrets.map((s) => externalSecretObject(ctx, store.metadata.name, s))];
}

function externalSecretObject(ctx: ServingContext, storeName: string, secret: HuggingFaceTokenSecret): KubeObject {
  const source = secret.fromSecretsManager!;
  const labels = commonLabels(ctx.name, ctx.imageTag);
  const externalSecret: IExternalSecret = {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name: secret.secretName, namespace: ctx.namespace, labels },
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
