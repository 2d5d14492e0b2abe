/**
 * How `llm-gke`'s ScaledObject gets to scale on a real GKE cluster: GKE has no managed KEDA (KEDA is not among the
 * GKE add-ons; the GMP HPA page sends KEDA users to KEDA's own install, cloud.google.com/stackdriver/docs/
 * managed-prometheus/hpa, read 2026-12-03), so the deployment installs the pinned `kedacore/keda` chart itself (the
 * same release description as on EKS, lib/eks/keda-component.ts).
 *
 * Where KEDA reads vLLM's metrics: of the two ways the GMP and KEDA docs give, the least moving parts is KEDA's
 * Prometheus scaler querying the Managed Service for Prometheus query API directly
 * (`https://monitoring.googleapis.com/v1/projects/<project>/location/global/prometheus`) as the KEDA operator's
 * Workload Identity (`podIdentity.provider: gcp`, keda.sh/docs/2.18/scalers/prometheus, "Example: Google Managed
 * Prometheus", read 2026-12-03). The alternative, the GMP query frontend in `gmp-public`, is one more Deployment,
 * Service, ServiceAccount and Google identity to harden, patch and keep running, with an unauthenticated API inside
 * the cluster; nothing here needs it. The operator's ServiceAccount acts as a Google service account holding
 * `roles/monitoring.viewer` on the project (GMP docs, "Query using the Prometheus API": the role to read metrics).
 *
 * On a private cluster the control plane reaches KEDA's metrics API server on port 6443 of the pod range, which
 * GKE's own firewall rules do not open (keda.sh/docs/2.18/operate/cluster, "Firewall": "Only required for Google
 * Cloud"); without it the HPA KEDA creates never gets a metric. Pure: engines render these values.
 */
import { KEDA_NAMESPACE, KEDA_OPERATOR_SERVICE_ACCOUNT, kedaComponent } from '../eks/keda-component';
import type { HelmComponent } from '../eks/components';
import type { LlmGkeDeploymentConfig } from './deployment-config';

/** Role that reads Cloud Monitoring, PromQL included (GMP docs, "Query using the Prometheus API", read 2026-12-03). */
export const GMP_READER_ROLE = 'roles/monitoring.viewer';
/** KEDA's metrics API server port, reached from the control plane on GKE (keda.sh/docs/2.18/operate/cluster, "Firewall", read 2026-12-03). */
export const KEDA_METRICS_SERVER_PORT = 6443;

type KedaConfig = Pick<LlmGkeDeploymentConfig, 'name' | 'project' | 'serviceAccountId'>;

/** Account id (6-30 characters) of the Google service account KEDA's operator acts as. */
export function kedaServiceAccountId(config: Pick<LlmGkeDeploymentConfig, 'serviceAccountId'>): string {
  return `${config.serviceAccountId.slice(0, 25).replace(/-+$/, '')}-keda`;
}

export function kedaServiceAccountEmail(config: KedaConfig): string {
  return `${kedaServiceAccountId(config)}@${config.project}.iam.gserviceaccount.com`;
}

/** The IAM member of KEDA's operator ServiceAccount (`<project>.svc.id.goog[keda/keda-operator]`). */
export function kedaWorkloadIdentityMember(config: Pick<LlmGkeDeploymentConfig, 'project'>): string {
  return `serviceAccount:${config.project}.svc.id.goog[${KEDA_NAMESPACE}/${KEDA_OPERATOR_SERVICE_ACCOUNT}]`;
}

/**
 * The KEDA release on GKE: the chart annotates its operator ServiceAccount with `iam.gke.io/gcp-service-account`
 * (values `podIdentity.gcp.enabled` / `podIdentity.gcp.gcpIAMServiceAccount`, kedacore/charts
 * keda/templates/manager/serviceaccount.yaml, read 2026-12-03).
 */
export function gkeKedaComponent(config: KedaConfig): HelmComponent {
  return kedaComponent([], { podIdentity: { gcp: { enabled: true, gcpIAMServiceAccount: kedaServiceAccountEmail(config) } } });
}

/** The firewall rule that lets the private control plane reach KEDA's metrics API server. */
export function kedaControlPlaneFirewall(config: Pick<LlmGkeDeploymentConfig, 'name' | 'network'>): { name: string; sourceRanges: string[]; ports: string[] } {
  // No target tags: every node of the deployment's own network (pods are alias ranges of the nodes).
  return { name: `${config.name}-cp-to-keda`.slice(0, 63), sourceRanges: [config.network.controlPlane], ports: [String(KEDA_METRICS_SERVER_PORT)] };
}
