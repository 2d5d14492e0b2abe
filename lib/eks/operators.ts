/**
 * The Helm releases behind each {@link ClusterOperator} a serving runtime asks for (KServe, KubeRay, Seldon Core,
 * Argo Rollouts), on an EKS GPU cluster. One entry per operator, each with its pinned chart version and source;
 * `gpuClusterComponents` installs the operators the deployment's runtime lists, after the cluster's base
 * components (Karpenter, Prometheus operator). Engine-free.
 */
import type { ClusterOperator } from '../kubernetes/runtimes/registry';
import { KUBERAY_OPERATOR_NAMESPACE } from '../kubernetes/runtimes/ray-serve/versions';
import type { HelmComponent } from './components';
import { kserveOperatorComponents } from './kserve-operator';
import { seldonOperatorComponents } from './seldon-operator';

/** Builds an operator's releases; `base` are the ids every release must wait for. */
export type OperatorComponents = (clusterName: string, base: readonly string[]) => HelmComponent[];

/**
 * KubeRay's operator chart (with the RayCluster/RayJob/RayService CRDs in its `crds/`): github.com/ray-project/kuberay
 * tag v1.7.0 (2026-08-19), helm-chart/kuberay-operator/Chart.yaml `version: 1.7.0`, published at
 * https://ray-project.github.io/kuberay-helm/, read 2026-12-03. The RayService schema in lib/validation/crds is the
 * same release's.
 */
export const KUBERAY_CHART_VERSION = '1.7.0';

const kuberay: OperatorComponents = (_clusterName, base) => [
  {
    id: 'KubeRayOperator',
    release: 'kuberay-operator',
    chart: 'kuberay-operator',
    repository: 'https://ray-project.github.io/kuberay-helm/',
    version: KUBERAY_CHART_VERSION,
    // lib/kubernetes/runtimes/ray-serve/versions.ts KUBERAY_OPERATOR_NAMESPACE: the Ray pods' NetworkPolicy admits it.
    namespace: KUBERAY_OPERATOR_NAMESPACE,
    values: {},
    dependsOn: base,
    source: 'helm install kuberay-operator kuberay/kuberay-operator --version 1.7.0 (KubeRay docs, "KubeRay Operator Installation"; github.com/ray-project/kuberay release v1.7.0, read 2026-12-03)',
  },
];

/** The releases of each operator. An operator listed by a runtime but missing here fails synth with its name. */
export const OPERATOR_COMPONENTS: Readonly<Partial<Record<ClusterOperator, OperatorComponents>>> = {
  kserve: kserveOperatorComponents,
  kuberay,
  'seldon-core': seldonOperatorComponents,
};

/** The releases of the given operators, in order, each listed once. @throws Error naming an operator with no releases */
export function operatorComponents(operators: readonly ClusterOperator[], clusterName: string, base: readonly string[]): HelmComponent[] {
  const components: HelmComponent[] = [];
  for (const operator of new Set(operators)) {
    const build = OPERATOR_COMPONENTS[operator];
    if (build === undefined) throw new Error(`Cluster operator '${operator}' has no Helm release on EKS (lib/eks/operators.ts)`);
    for (const component of build(clusterName, base)) {
      if (!components.some((c) => c.id === component.id)) components.push(component);
    }
  }
  return components;
}
