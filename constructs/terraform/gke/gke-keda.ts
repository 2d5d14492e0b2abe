/**
 * KEDA on the `llm-gke` cluster (cdktf): the pinned `kedacore/keda` release, the Google service account its operator
 * acts as through Workload Identity with `roles/monitoring.viewer` on the project (to query Managed Prometheus), and
 * the firewall rule letting the private control plane reach KEDA's metrics API server. Why this shape: lib/gke/keda.ts.
 */
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import type { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { LlmGkeDeploymentConfig } from '../../../lib/gke/deployment-config';
import { GMP_READER_ROLE, gkeKedaComponent, kedaControlPlaneFirewall, kedaServiceAccountId, kedaWorkloadIdentityMember } from '../../../lib/gke/keda';
import { HelmReleases } from '../eks/helm-releases';

export interface GkeKedaProps {
  readonly config: LlmGkeDeploymentConfig;
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
    const c = props.config;
    const account = new ServiceAccount(this, 'Account', { accountId: kedaServiceAccountId(c), project: c.project, displayName: `${c.name} KEDA metrics reader` });
    const reader = new ProjectIamMember(this, 'ReadsMetrics', { project: c.project, role: GMP_READER_ROLE, member: account.member });
    const binding = new ServiceAccountIamMember(this, 'WorkloadIdentity', {
      serviceAccountId: account.name, role: 'roles/iam.workloadIdentityUser', member: kedaWorkloadIdentityMember(c), dependsOn: [props.cluster],
    });
    const rule = kedaControlPlaneFirewall(c);
    new ComputeFirewall(this, 'ControlPlaneToKeda', {
      name: rule.name, project: c.project, network: props.cluster.network, direction: 'INGRESS', sourceRanges: rule.sourceRanges,
      allow: [{ protocol: 'tcp', ports: rule.ports }],
    });
    const helm = new HelmProvider(this, 'Helm', { kubernetes: { ...props.connection } });
    const releases = new HelmReleases(this, 'Releases', {
      provider: helm, components: [gkeKedaComponent(c)], dependsOn: [...(props.dependsOn ?? [props.cluster]), reader, binding],
    });
    this.release = releases.releases.get('Keda')!;
  }
}
