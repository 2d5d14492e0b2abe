/**
 * The `kserve` cluster operator on EKS: cert-manager (KServe's webhooks get their serving certificate from a
 * cert-manager `Issuer`/`Certificate` that the kserve-resources chart renders, charts/kserve-resources/templates/
 * common/certmanager.yaml at v0.20.0), then KServe's official charts from `oci://ghcr.io/kserve/charts`:
 * `kserve-crd` (CRDs), `kserve-resources` (controller and webhooks, raw `Standard` deployment mode: no Knative, no
 * Istio) and `kserve-runtime-configs` (the ClusterServingRuntimes: Hugging Face, sklearn, XGBoost, Triton...).
 * The order and values are those of KServe's own hack/setup/quick-install/kserve-standard-mode-full-install-helm.sh
 * at v0.20.0 (read 2026-12-03). Engine-free.
 */
import { KSERVE_VERSION } from '../kubernetes/runtimes/kserve/versions';
import type { HelmComponent } from './components';

/**
 * cert-manager chart (charts.jetstack.io): v1.19.1, a current 1.19 patch release (graphops/launchpad-namespaces#1793
 * bumps to it), read 2026-12-03. KServe v0.20.0's quick-install tests with v1.17.0 (`CERT_MANAGER_VERSION`); the
 * Issuer/Certificate v1 API it uses is the same.
 */
export const CERT_MANAGER_CHART_VERSION = 'v1.19.1';
export const KSERVE_NAMESPACE = 'kserve';
const KSERVE_CHARTS = 'oci://ghcr.io/kserve/charts';
const QUICK_INSTALL = `github.com/kserve/kserve/blob/${KSERVE_VERSION}/hack/setup/quick-install/kserve-standard-mode-full-install-helm.sh`;

/** The releases of the `kserve` operator, in install order; `base` are the cluster's own first components. */
export function kserveOperatorComponents(_clusterName: string, base: readonly string[]): HelmComponent[] {
  const kserveChart = (id: string, chart: string, values: Record<string, unknown>, dependsOn: readonly string[]): HelmComponent => ({
    id,
    release: chart,
    chart,
    repository: KSERVE_CHARTS,
    version: KSERVE_VERSION,
    namespace: KSERVE_NAMESPACE,
    values,
    dependsOn,
    source: `${QUICK_INSTALL}: helm upgrade -i ${chart} ${KSERVE_CHARTS}/${chart} --version ${KSERVE_VERSION} -n ${KSERVE_NAMESPACE}`,
  });
  return [
    {
      id: 'CertManager',
      release: 'cert-manager',
      chart: 'cert-manager',
      repository: 'https://charts.jetstack.io',
      version: CERT_MANAGER_CHART_VERSION,
      namespace: 'cert-manager',
      values: { crds: { enabled: true } },
      dependsOn: [...base],
      source: `${QUICK_INSTALL}: helm install cert-manager jetstack/cert-manager --namespace cert-manager --set crds.enabled=true`,
    },
    kserveChart('KserveCrd', 'kserve-crd', {}, [...base]),
    kserveChart('KserveResources', 'kserve-resources', {
      kserve: {
        controller: {
          // Raw Kubernetes Deployments (`Standard`, formerly RawDeployment): no Knative or Istio on the cluster.
          deploymentMode: 'Standard',
          // Our own Service, Ingress or HTTPRoute expose the model; KServe would otherwise create an Ingress per model.
          gateway: { disableIngressCreation: true },
        },
      },
    }, [...base, 'CertManager', 'KserveCrd']),
    // `servingruntime.enabled` is false by default in this chart (charts/kserve-runtime-configs/values.yaml).
    kserveChart('KserveRuntimeConfigs', 'kserve-runtime-configs', { kserve: { servingruntime: { enabled: true } } }, ['KserveResources']),
  ];
}
