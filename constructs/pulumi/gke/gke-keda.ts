/**
 * KEDA on the `llm-gke` cluster (Pulumi), the same resources as the cdktf construct: the pinned `kedacore/keda`
 * release, the Google service account its operator acts as through Workload Identity with `roles/monitoring.viewer`
 * on the project, and the firewall rule from the private control plane to KEDA's metrics API server (lib/gke/keda.ts;
 * the settings: lib/gke/llm-gke-design.ts).
 */
import * as compute from '@pulumi/gcp/compute';
import type * as container from '@pulumi/gcp/container';
import * as projects from '@pulumi/gcp/projects';
import * as serviceaccount from '@pulumi/gcp/serviceaccount';
import type * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import type { LlmGkeDesign } from '../../../lib/gke/llm-gke-design';
import { installHelmComponents } from '../eks/helm-releases';

export interface GkeKedaArgs {
  readonly name: string;
  /** The deployment's neutral description (`llmGkeDesign(config)`): KEDA's account, bindings, firewall rule and chart. */
  readonly design: LlmGkeDesign;
  readonly cluster: container.Cluster;
  readonly provider: k8s.Provider;
  readonly parent: pulumi.Resource;
  /** Installed first (the node pools). @default - the cluster */
  readonly dependsOn?: pulumi.Resource[];
}

/** Returns the KEDA release: the serving objects (ScaledObject) wait for its CRDs and webhooks. */
export function gkeKeda(args: GkeKedaArgs): k8s.helm.v3.Release {
  const { name, parent } = args;
  const { project, keda } = args.design;
  const opts = { parent };
  const account = new serviceaccount.Account(`${name}-keda`, { ...keda.account, project }, opts);
  const reader = new projects.IAMMember(`${name}-keda-reads-metrics`, { project, role: keda.projectRole, member: account.member }, opts);
  const binding = new serviceaccount.IAMMember(`${name}-keda-workload-identity`, { ...keda.workloadIdentity, serviceAccountId: account.name }, { ...opts, dependsOn: [args.cluster] });
  new compute.Firewall(`${name}-cp-to-keda`, { ...keda.firewall, project, network: args.cluster.network.apply((n) => n ?? '') }, opts);
  const releases = installHelmComponents({
    components: [keda.component], provider: args.provider, parent, name, dependsOn: [...(args.dependsOn ?? [args.cluster]), reader, binding],
  });
  return releases.get('Keda')!;
}
