/**
 * Applies engine-neutral Kubernetes objects with a Kubernetes provider, as typed Pulumi resources
 * (`k8s.yaml.ConfigGroup` turns each object into `kubernetes:apps/v1:Deployment`, a CustomResource for CRD
 * kinds, ...). Namespaces go first; everything else waits for them and for `dependsOn`.
 */
import * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import type { KubeObject } from '../../../lib/kubernetes/types';

export interface ApplyKubeObjectsArgs {
  /** Prefix of the two ConfigGroups' names. */
  readonly name: string;
  readonly objects: readonly KubeObject[];
  readonly provider: k8s.Provider;
  readonly parent: pulumi.Resource;
  /** @default - none */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/** Returns the resource everything applied depends on last (the group of non-namespace objects). */
export function applyKubeObjects(args: ApplyKubeObjectsArgs): k8s.yaml.ConfigGroup {
  // Copies: the objects are shared with other engines and Pulumi may annotate what it is given.
  const copies = args.objects.map((o) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>);
  const namespaces = copies.filter((o) => o.kind === 'Namespace');
  const others = copies.filter((o) => o.kind !== 'Namespace');
  const opts = { provider: args.provider, parent: args.parent };
  const nsGroup = namespaces.length > 0
    ? new k8s.yaml.ConfigGroup(`${args.name}-namespaces`, { objs: namespaces }, { ...opts, dependsOn: args.dependsOn })
    : undefined;
  return new k8s.yaml.ConfigGroup(`${args.name}-objects`, { objs: others }, { ...opts, dependsOn: [...(args.dependsOn ?? []), ...(nsGroup ? [nsGroup] : [])] });
}
