/**
 * KEDA as a Helm component: the operator, its metrics API server and admission webhooks, from the pinned
 * `kedacore/keda` chart. One description for every cluster that installs KEDA itself (EKS through
 * `gpuClusterComponents`, GKE through lib/gke/keda.ts); AKS turns on its managed KEDA add-on instead.
 * Engine-free.
 */
import type { HelmComponent } from './components';

/** github.com/kedacore/charts/releases/tag/v2.21.1, read 2026-11-24 (re-read 2026-12-03). */
export const KEDA_CHART_VERSION = '2.21.1';
/** `helm repo add kedacore https://kedacore.github.io/charts` (keda.sh/docs/latest/deploy, "Deploying with Helm"). */
export const KEDA_CHART_REPOSITORY = 'https://kedacore.github.io/charts';
export const KEDA_NAMESPACE = 'keda';
/**
 * The operator's ServiceAccount, which scalers authenticate as (chart values `serviceAccount.operator.name`, default
 * `keda-operator`; keda/templates/manager/serviceaccount.yaml of kedacore/charts, read 2026-12-03).
 */
export const KEDA_OPERATOR_SERVICE_ACCOUNT = 'keda-operator';

/**
 * The KEDA release.
 * @param dependsOn ids of the components installed first
 * @param values chart values (e.g. `podIdentity.gcp` for Workload Identity) @default {}
 */
export function kedaComponent(dependsOn: readonly string[], values: Readonly<Record<string, unknown>> = {}): HelmComponent {
  return {
    id: 'Keda',
    release: 'keda',
    chart: 'keda',
    repository: KEDA_CHART_REPOSITORY,
    version: KEDA_CHART_VERSION,
    namespace: KEDA_NAMESPACE,
    values,
    dependsOn,
    source: 'helm install keda kedacore/keda -n keda --create-namespace',
  };
}
