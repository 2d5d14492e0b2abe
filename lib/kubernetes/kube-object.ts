/**
 * Typed objects (kubernetes-models interfaces, or our own for CRDs) become plain {@link KubeObject}s here, the
 * one place where a typed object is widened to the engine-neutral shape.
 */
import type { KubeObject, KubeObjectMeta } from './types';

/** Any typed Kubernetes object with a named metadata block. */
export interface TypedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string } & Partial<KubeObjectMeta>;
}

export function toKubeObject(object: TypedObject): KubeObject {
  if (!object.metadata?.name) throw new Error(`${object.kind} has no metadata.name`);
  return object as unknown as KubeObject;
}
