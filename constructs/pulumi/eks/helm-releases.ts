/** Installs engine-neutral Helm components as `k8s.helm.v3.Release` resources, in dependency order. */
import * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import { HELM_TIMEOUT_SECONDS, type HelmComponent, isOciChart } from '../../../lib/eks/components';
import { podIdentityRole, type PodIdentityTarget } from './pod-identity-role';

export interface InstallHelmComponentsArgs {
  readonly components: readonly HelmComponent[];
  readonly provider: k8s.Provider;
  readonly parent: pulumi.Resource;
  /** Prefix of the release resource names. */
  readonly name: string;
  /** @default - none */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
  /** Where the roles of components with a `podIdentity` grant are created. Required when a component has one. */
  readonly podIdentity?: PodIdentityTarget;
  /** Values set from Pulumi outputs, by component id (merged over the component's own values). @default - none */
  readonly valueOverrides?: Readonly<Record<string, Readonly<Record<string, pulumi.Input<unknown>>>>>;
}

/** Releases by component id. */
export function installHelmComponents(args: InstallHelmComponentsArgs): Map<string, k8s.helm.v3.Release> {
  const releases = new Map<string, k8s.helm.v3.Release>();
  for (const component of args.components) {
    const before: pulumi.Resource[] = component.dependsOn.map((id) => releases.get(id)).filter((r): r is k8s.helm.v3.Release => r !== undefined);
    if (component.podIdentity) {
      if (!args.podIdentity) throw new Error(`installHelmComponents: component '${component.id}' needs a Pod Identity role; pass podIdentity`);
      before.push(podIdentityRole(`${args.name}-${component.release}`, args.podIdentity, component.namespace, component.podIdentity, args.parent));
    }
    const oci = isOciChart(component);
    releases.set(component.id, new k8s.helm.v3.Release(`${args.name}-${component.release}`, {
      name: component.release,
      // OCI charts are named by their full reference; HTTP charts by repository + chart name.
      chart: oci ? `${component.repository}/${component.chart}` : component.chart,
      ...(oci ? {} : { repositoryOpts: { repo: component.repository } }),
      version: component.version,
      namespace: component.namespace,
      createNamespace: true,
      values: { ...(JSON.parse(JSON.stringify(component.values)) as Record<string, unknown>), ...args.valueOverrides?.[component.id] },
      // Controllers with webhooks must be ready before objects that use their CRDs.
      skipAwait: false,
      timeout: HELM_TIMEOUT_SECONDS,
    }, { provider: args.provider, parent: args.parent, dependsOn: [...(args.dependsOn ?? []), ...before] }));
  }
  return releases;
}
