/**
 * KEDA on the `llm-gke` cluster (Pulumi), the same resources as the cdktf construct: the pinned `kedacore/keda`
 * release, the Google service account its operator acts as through Workload Identity with `roles/monitoring.viewer`
 * on the project, and the firewall rule from the private control plane to KEDA's metrics API server (lib/gke/keda.ts).
 */
import * as compute from '@pulumi/gcp/compute';
import type * as container from '@pulumi/gcp/container';
import * as projects from '@pulumi/gcp/projects';
import * as serviceaccount from '@pulumi/gcp/serviceaccount';
import type * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import type { LlmGkeDeploymentConfig } from '../../../lib/gke/deployment-config';
import { GMP_READER_ROLE, gkeKedaComponent, kedaControlPlaneFirewall, kedaServiceAccountId, kedaWorkloadIdentityMember } from '../../../lib/gke/keda';
import { installHelmComponents } from '../eks/helm-releases';

export interface GkeKedaArgs {
  readonly name: string;
  readonly config: LlmGkeDeploymentConfig;
  readonly cluster: container.Cluster;
  readonly provider: k8s.Provider;
  readonly parent: pulumi.Resource;
  /** Installed first (the node pools). @default - the cluster */
  readonly dependsOn?: pulumi.Resource[];
}

/** Returns the KEDA release: the serving objects (ScaledObject) wait for its CRDs and webhooks. */
export function gkeKeda(args: GkeKedaArgs): k8s.helm.v3.Release {
  const { name, config: c, parent } = args;
  const opts = { parent };
  const account = new serviceaccount.Account(`${name}-keda`, { accountId: kedaServiceAccountId(c), project: c.project, displayName: `${c.name} KEDA metrics reader` }, opts);
  const reader = new projects.IAMMember(`${name}-keda-reads-metrics`, { project: c.project, role: GMP_READER_ROLE, member: account.member }, opts);
  const binding = new serviceaccount.IAMMember(`${name}-keda-workload-identity`, {
    serviceAccountId: account.name, role: 'roles/iam.workloadIdentityUser', member: kedaWorkloadIdentityMember(c),
  }, { ...opts, dependsOn: [args.cluster] });
  const rule = kedaControlPlaneFirewall(c);
  new compute.Firewall(`${name}-cp-to-keda`, {
    name: rule.name, project: c.project, network: args.cluster.network.apply((n) => n ?? ''), direction: 'INGRESS', sourceRanges: rule.sourceRanges, allows: [{ protocol: 'tcp', ports: rule.ports }],
  }, opts);
  const releases = installHelmComponents({
    components: [gkeKedaComponent(c)], provider: args.provider, parent, name, dependsOn: [...(args.dependsOn ?? [args.cluster]), reader, binding],
  });
  return releases.get('Keda')!;
}
