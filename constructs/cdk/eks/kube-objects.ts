/**
 * Applies engine-neutral Kubernetes objects to an EKS cluster: one `KubernetesManifest` per object, so
 * that a change to one object replaces only that object, Namespaces first and everything else after the
 * components whose CRDs or webhooks it needs.
 */
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import { KubernetesManifest } from 'aws-cdk-lib/aws-eks-v2';
import { Construct, type IDependable } from 'constructs';
import { type KubeObject, kubeObjectId } from '../../../lib/kubernetes/types';

export interface KubeObjectsProps {
  readonly cluster: eks.ICluster;
  readonly objects: readonly KubeObject[];
  /** Installed first: Helm charts providing the CRDs, node pools, IAM associations. @default - none */
  readonly dependsOn?: readonly IDependable[];
}

/** Construct ids must be unique and path-safe; `Kind/namespace/name` is both once `/` is replaced. */
function manifestId(object: KubeObject): string {
  return kubeObjectId(object).replace(/[^A-Za-z0-9-]/g, '-');
}

/** The objects, applied with `kubectl apply` by the cluster's kubectl provider. */
export class KubeObjects extends Construct {
  /** Manifests by `Kind/namespace/name`. */
  public readonly manifests: ReadonlyMap<string, KubernetesManifest>;

  constructor(scope: Construct, id: string, props: KubeObjectsProps) {
    super(scope, id);
    const manifests = new Map<string, KubernetesManifest>();
    const namespaces = props.objects.filter((o) => o.kind === 'Namespace');
    const others = props.objects.filter((o) => o.kind !== 'Namespace');
    const namespaceManifests = namespaces.map((object) => this.apply(object, props.cluster, manifests));
    for (const object of others) {
      const manifest = this.apply(object, props.cluster, manifests);
      manifest.node.addDependency(...namespaceManifests, ...(props.dependsOn ?? []));
    }
    this.manifests = manifests;
  }

  private apply(object: KubeObject, cluster: eks.ICluster, into: Map<string, KubernetesManifest>): KubernetesManifest {
    const manifest = new KubernetesManifest(this, manifestId(object), {
      cluster,
      // A copy: CDK may add labels to what it is given, and the object is shared with other engines.
      manifest: [JSON.parse(JSON.stringify(object)) as Record<string, unknown>],
      // One manifest per object: deleting it deletes the object, no prune labels needed.
      prune: false,
      overwrite: true,
    });
    into.set(kubeObjectId(object), manifest);
    return manifest;
  }
}
