/**
 * Engine-neutral Kubernetes objects: plain, typed data built once by pure functions and handed as-is to
 * every engine (CDK `addManifest`, cdktf `kubernetes_manifest`, Pulumi `kubernetes.yaml`/`apiextensions`)
 * and written as YAML for GitOps.
 */

export interface KubeObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Any Kubernetes object: apiVersion, kind, metadata and the kind's own fields. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: KubeObjectMeta;
  readonly [field: string]: unknown;
}

/** `Kind/namespace/name`, the id used in findings and file names. */
export function kubeObjectId(object: KubeObject): string {
  return [object.kind, object.metadata.namespace, object.metadata.name].filter(Boolean).join('/');
}
