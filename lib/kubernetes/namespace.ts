/**
 * The serving namespace (Pod Security `restricted`, enforced) and the service account that carries the IAM
 * role reading the model bucket.
 */
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { ServingContext } from './context';
import { toKubeObject } from './kube-object';
import { commonLabels } from './labels';
import type { KubeObject } from './types';
import { MANAGED_BY } from './versions';

/** Pod Security Standards level and the version of its rules (`latest`: the cluster's own version). */
const POD_SECURITY_LEVEL = 'restricted';

export function servingNamespace(ctx: ServingContext): KubeObject {
  return restrictedNamespace(ctx.namespace);
}

/** A namespace that enforces the `restricted` Pod Security Standard, for any runtime. */
export function restrictedNamespace(name: string): KubeObject {
  const labels: Record<string, string> = { 'app.kubernetes.io/managed-by': MANAGED_BY };
  for (const mode of ['enforce', 'audit', 'warn']) {
    labels[`pod-security.kubernetes.io/${mode}`] = POD_SECURITY_LEVEL;
    labels[`pod-security.kubernetes.io/${mode}-version`] = 'latest';
  }
  const namespace: INamespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
  return toKubeObject(namespace);
}

/**
 * IRSA reads the `eks.amazonaws.com/role-arn` annotation; Pod Identity associates the role by name instead. Other
 * clouds annotate the account with their workload identity (GKE: Google service account; AKS: managed identity client id).
 */
export function servingServiceAccount(ctx: ServingContext): KubeObject {
  const roleArn = ctx.options.serviceAccountRoleArn;
  const annotations: Record<string, string> = { ...ctx.cloud.identity.serviceAccountAnnotations };
  if (roleArn) annotations['eks.amazonaws.com/role-arn'] = roleArn;
  const serviceAccount: IServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: ctx.options.serviceAccountName,
      namespace: ctx.namespace,
      labels: commonLabels(ctx.name, ctx.imageTag),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    automountServiceAccountToken: false,
  };
  return toKubeObject(serviceAccount);
}
