/**
 * KEDA on the `llm-gke` cluster (cdktf): the pinned `kedacore/keda` release, the Google service account its operator
 * acts as through Workload Identity with `roles/monitoring.viewer` on the project (to query Managed Prometheus), and
 * the firewall rule letting the private control plane reach KEDA's metrics API server. Why this shape: lib/gke/keda.ts;
 * the settings: lib/gke/llm-gke-design.ts.
 */
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import type { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { LlmGkeDesign } from '../../../lib/gke/llm-gke-design';
import { HelmReleases } from '../eks/helm-releases';

export interface GkeKedaProps {
  /** The deployment's neutral description (`llmGkeDesign(config)`): KEDA's account, bindings, firewall rule and chart. */
  readonly design: LlmGkeDesign;
  readonly cluster: ContainerCluster;
  /** How Helm reaches the API server (the stack's private endpoint, token and CA). */
  readonly connection: { readonly host: string; readonly token: string; readonly clusterCaCertificate: string };
  /** Installed first (the system pool KEDA runs on). @default - the cluster */
  readonly dependsOn?: readonly ITerraformDependable[];
}

export class GkeKeda extends Construct {
  /** The KEDA release: the serving objects (ScaledObject) wait for its CRDs and webhooks. */
  public readonly release: ITerraformDependable;

  constructor(scope: Construct, id: string, props: GkeKedaProps) {
    super(scope, id);
    const { project, keda } = props.design;
    const account = new ServiceAccount(this, 'Account', { ...keda.account, project });
    const reader = new ProjectIamMember(this, 'ReadsMetrics', { project, role: keda.projectRole, member: account.member });
    const binding = new ServiceAccountIamMember(this, 'WorkloadIdentity', { ...keda.workloadIdentity, serviceAccountId: account.name, dependsOn: [props.cluster] });
    const { allows, ...rule } = keda.firewall;
    new ComputeFirewall(this, 'ControlPlaneToKeda', { ...rule, project, network: props.cluster.network, allow: allows });
    const helm = new HelmProvider(this, 'Helm', { kubernetes: { ...props.connection } });
    const releases = new HelmReleases(this, 'Releases', {
      provider: helm, components: [keda.component], dependsOn: [...(props.dependsOn ?? [props.cluster]), reader, binding],
    });
    this.release = releases.releases.get('Keda')!;
  }
}
