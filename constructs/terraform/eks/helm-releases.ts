/** Installs engine-neutral Helm components as `helm_release` resources, in dependency order. */
import { Release } from '@cdktf/provider-helm/lib/release';
import type { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { HELM_TIMEOUT_SECONDS, type HelmComponent } from '../../../lib/eks/components';
import { type PodIdentityTarget, PodIdentityRole } from './pod-identity-role';

export interface HelmReleasesProps {
  readonly provider: HelmProvider;
  readonly components: readonly HelmComponent[];
  /** Installed first (node groups that run the controllers, IAM associations). @default - none */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** Where the roles of components with a `podIdentity` grant are created. Required when a component has one. */
  readonly podIdentity?: PodIdentityTarget;
}

export class HelmReleases extends Construct {
  /** Releases by component id. */
  public readonly releases: ReadonlyMap<string, Release>;

  constructor(scope: Construct, id: string, props: HelmReleasesProps) {
    super(scope, id);
    const releases = new Map<string, Release>();
    for (const component of props.components) {
      const before: ITerraformDependable[] = component.dependsOn.map((d) => releases.get(d)).filter((r): r is Release => r !== undefined);
      if (component.podIdentity) {
        if (!props.podIdentity) throw new Error(`HelmReleases: component '${component.id}' needs a Pod Identity role; pass podIdentity`);
        before.push(new PodIdentityRole(this, `${component.id}PodIdentity`, { ...props.podIdentity, namespace: component.namespace, grant: component.podIdentity }).association);
      }
      const release = new Release(this, component.id, {
        provider: props.provider,
        name: component.release,
        // The Helm provider takes OCI charts as repository `oci://registry/path` plus the chart name.
        repository: component.repository,
        chart: component.chart,
        version: component.version,
        namespace: component.namespace,
        createNamespace: true,
        values: [stringify(component.values)],
        // Controllers with webhooks must be ready before objects that use their CRDs.
        wait: true,
        timeout: HELM_TIMEOUT_SECONDS,
        dependsOn: [...(props.dependsOn ?? []), ...before],
      });
      // Stable addresses (`helm_release.keda`) for `terraform apply -target=...` in the first apply.
      release.overrideLogicalId(component.release);
      releases.set(component.id, release);
    }
    this.releases = releases;
  }
}
