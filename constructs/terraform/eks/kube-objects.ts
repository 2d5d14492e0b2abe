/**
 * Applies engine-neutral Kubernetes objects as `kubernetes_manifest` resources, one per object, the same
 * objects the CDK and Pulumi constructs apply. Namespaces first; the rest after what they depend on.
 *
 * `kubernetes_manifest` reads the API server (and the CRDs) while planning, so a first apply creates the
 * cluster and its Helm releases before these objects (`-target`, see the blueprint docs).
 */
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import type { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { type KubeObject, kubeObjectId } from '../../../lib/kubernetes/types';

export interface KubeObjectsProps {
  readonly provider: KubernetesProvider;
  readonly objects: readonly KubeObject[];
  /** @default - none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** Resource names must be Terraform identifiers: `Kind/namespace/name` with `/` and `.` replaced. */
function resourceId(object: KubeObject): string {
  return kubeObjectId(object).replace(/[^A-Za-z0-9_-]/g, '_');
}

export class KubeObjects extends Construct {
  public readonly manifests: ReadonlyMap<string, Manifest>;

  constructor(scope: Construct, id: string, props: KubeObjectsProps) {
    super(scope, id);
    const manifests = new Map<string, Manifest>();
    const namespaces: Manifest[] = [];
    for (const object of [...props.objects].sort((a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'))) {
      const isNamespace = object.kind === 'Namespace';
      const manifest = new Manifest(this, resourceId(object), {
        provider: props.provider,
        manifest: JSON.parse(JSON.stringify(object)) as Record<string, unknown>,
        // Take over fields a controller (KEDA, LWS) also writes, as `kubectl apply --force-conflicts` would.
        fieldManager: { name: 'ai-model-deployment', forceConflicts: true },
        dependsOn: isNamespace ? [...(props.dependsOn ?? [])] : [...(props.dependsOn ?? []), ...namespaces],
      });
      if (isNamespace) namespaces.push(manifest);
      manifests.set(kubeObjectId(object), manifest);
    }
    this.manifests = manifests;
  }
}
