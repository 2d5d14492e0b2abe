/**
 * The Helm releases behind each {@link ClusterOperator} a serving runtime asks for (KServe, KubeRay, Seldon Core,
 * Argo Rollouts), on an EKS GPU cluster. One entry per operator, each with its pinned chart version and source;
 * `gpuClusterComponents` installs the operators the deployment's runtime lists, after the cluster's base
 * components (Karpenter, Prometheus operator). Engine-free.
 */
import type { ClusterOperator } from '../kubernetes/runtimes/registry';
import type { HelmComponent } from './components';
import { kserveOperatorComponents } from './kserve-operator';

/** Builds an operator's releases; `base` are the ids every release must wait for. */
export type OperatorComponents = (clusterName: string, base: readonly string[]) => HelmComponent[];

/** The releases of each operator. An operator listed by a runtime but missing here fails synth with its name. */
export const OPERATOR_COMPONENTS: Readonly<Partial<Record<ClusterOperator, OperatorComponents>>> = {
  kserve: kserveOperatorComponents,
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
