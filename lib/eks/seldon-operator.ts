/**
 * The `seldon-core` cluster operator on EKS: Seldon Core v2's official charts from https://seldonio.github.io/helm-charts,
 * `seldon-core-v2-crds` then `seldon-core-v2-setup` (controller and the `mlserver`/`triton` ServerConfigs) in
 * `seldon-mesh`, cluster-wide so that each deployment's namespace runs its own SeldonRuntime (the order and flags of
 * docs-gb/getting-started/kubernetes-installation/helm.md at tag v2.10.2, read 2026-12-03). Kafka, which only
 * Pipelines and experiments' dataflow need, is not installed (docs/runtimes/seldon.md). Engine-free.
 */
import { SELDON_CHART_REPOSITORY, SELDON_CORE_VERSION, SELDON_OPERATOR_NAMESPACE } from '../kubernetes/runtimes/seldon/versions';
import type { HelmComponent } from './components';

const HELM_DOCS = `github.com/SeldonIO/seldon-core/blob/v${SELDON_CORE_VERSION}/docs-gb/getting-started/kubernetes-installation/helm.md`;

/** The releases of the `seldon-core` operator, in install order; `base` are the cluster's own first components. */
export function seldonOperatorComponents(_clusterName: string, base: readonly string[]): HelmComponent[] {
  return [
    {
      id: 'SeldonCoreCrds',
      release: 'seldon-core-v2-crds',
      chart: 'seldon-core-v2-crds',
      repository: SELDON_CHART_REPOSITORY,
      version: SELDON_CORE_VERSION,
      namespace: SELDON_OPERATOR_NAMESPACE,
      values: {},
      dependsOn: [...base],
      source: `${HELM_DOCS}: helm install seldon-core-v2-crds seldon-charts/seldon-core-v2-crds --version ${SELDON_CORE_VERSION}`,
    },
    {
      id: 'SeldonCoreSetup',
      release: 'seldon-core-v2',
      chart: 'seldon-core-v2-setup',
      repository: SELDON_CHART_REPOSITORY,
      version: SELDON_CORE_VERSION,
      namespace: SELDON_OPERATOR_NAMESPACE,
      // `controller.clusterwide=true`: the controller reconciles Servers/Models in every namespace (helm.md).
      // `autoscaling.autoscalingModelEnabled` (false in the chart's values.yaml): Seldon scales each Model between its
      // min/maxReplicas on the agent's inference lag, and Servers with it (`autoscalingServerEnabled`, true already).
      values: { controller: { clusterwide: true }, autoscaling: { autoscalingModelEnabled: true } },
      dependsOn: [...base, 'SeldonCoreCrds'],
      source: `${HELM_DOCS}: helm install seldon-core-v2 seldon-charts/seldon-core-v2-setup --namespace seldon-mesh --set controller.clusterwide=true`,
    },
  ];
}
