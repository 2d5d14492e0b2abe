/**
 * Autoscaling that can act: a KEDA ScaledObject is a dead letter on a cluster without KEDA, and a Prometheus trigger
 * whose server is an in-cluster Service that nothing deploys never gets a number. Both are invisible to schemas (the
 * objects validate) and show on a real cluster only as a replica count that never moves.
 *
 * What is checked, where the output creates the cluster (an EKS, GKE or AKS cluster among its resources) and so owns
 * its software:
 * - every `keda.sh` ScaledObject/ScaledJob has KEDA: a Helm release of the `keda` chart, a managed add-on that
 *   provides it (the AKS KEDA add-on, an EKS add-on named for it), or KEDA's CRD / operator among the objects;
 * - every `prometheus` trigger whose `serverAddress` is a cluster Service (`http://<service>.<namespace>.svc[.cluster.local][:port]`)
 *   finds that Service among the objects, or a Helm release in that namespace whose release or chart name the Service
 *   name starts with (charts name their Services `<release>-<component>`, e.g. `kube-prometheus-stack-prometheus`).
 *
 * What is not checkable here: plain manifests and programs that apply objects onto an existing cluster (its software
 * is not in the output: skipped); external endpoints (cloud query APIs: their identity and network path are the
 * cloud's own checks); bare Service names (they resolve in KEDA's namespace, not the ScaledObject's).
 */
import type { KubeObject } from '../../kubernetes/types';
import type { ValidationFinding } from '../types';
import type { DeploymentFacts } from './facts';

const RULE = 'deployability/autoscaling';
const KEDA_CHART = 'keda';
const IN_CLUSTER_HOST = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.svc(\.cluster\.local)?$/;
type Obj = Record<string, any>;

/** `oci://registry/path/keda`, `kedacore/keda` and `keda` all name the keda chart. */
function chartName(chart: string): string {
  return chart.split('/').pop() ?? chart;
}

function isKedaScaler(o: KubeObject): boolean {
  return String(o.apiVersion).startsWith('keda.sh/') && (o.kind === 'ScaledObject' || o.kind === 'ScaledJob');
}

/** True where the output installs KEDA itself (release, add-on, CRD or operator). */
export function providesKeda(facts: DeploymentFacts): boolean {
  return facts.helmReleases.some((h) => chartName(h.chart) === KEDA_CHART)
    || facts.addons.some((a) => /(^|[-_])keda($|[-_])/.test(a.name))
    || (facts.managedClusters ?? []).some((c) => c.addons.includes('keda'))
    || facts.kubeObjects.some((o) => (o.kind === 'CustomResourceDefinition' && o.metadata.name === 'scaledobjects.keda.sh') || (o.kind === 'Deployment' && o.metadata.name === 'keda-operator'));
}

/** `{ service, namespace }` of an in-cluster Service URL; undefined for anything else. */
export function inClusterService(address: string): { service: string; namespace: string } | undefined {
  let host: string;
  try {
    host = new URL(address).hostname;
  } catch {
    return undefined;
  }
  const m = IN_CLUSTER_HOST.exec(host);
  return m ? { service: m[1]!, namespace: m[3]! } : undefined;
}

function serviceDeployed(facts: DeploymentFacts, target: { service: string; namespace: string }): boolean {
  if (facts.kubeObjects.some((o) => o.kind === 'Service' && o.metadata.name === target.service && (o.metadata.namespace ?? 'default') === target.namespace)) return true;
  const names = (h: { chart: string; release?: string }) => [h.release, chartName(h.chart)].filter((n): n is string => n !== undefined);
  return facts.helmReleases.some((h) => h.namespace === target.namespace
    && names(h).some((n) => target.service === n || target.service.startsWith(`${n}-`)));
}

/** Autoscaling findings of one engine's output. */
export function checkAutoscaling(facts: DeploymentFacts): ValidationFinding[] {
  const scalers = facts.kubeObjects.filter(isKedaScaler);
  const createsCluster = facts.clusters.length > 0 || (facts.managedClusters ?? []).length > 0;
  if (scalers.length === 0 || !createsCluster) return [];
  const out: ValidationFinding[] = [];
  const id = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
  const report = (o: KubeObject, message: string) => out.push({ engine: facts.engine, resource: id(o), rule: RULE, severity: 'error', message });
  const keda = providesKeda(facts);
  for (const scaler of scalers) {
    if (!keda) {
      report(scaler, `the ${scaler.kind} needs KEDA, which this output's cluster does not install (no keda Helm release, KEDA add-on, CRD or operator): nothing acts on it and the workload never scales. Fix: install the kedacore/keda chart (lib/eks/keda-component.ts) or turn on the cloud's KEDA add-on`);
    }
    for (const trigger of ((scaler as Obj).spec?.triggers ?? []) as Obj[]) {
      if (trigger.type !== 'prometheus') continue;
      const address = String(trigger.metadata?.serverAddress ?? '');
      const target = inClusterService(address);
      if (target && !serviceDeployed(facts, target)) {
        report(scaler, `trigger '${trigger.name ?? trigger.type}' queries ${address}, but no Service '${target.service}' in namespace '${target.namespace}' is deployed (neither among the objects nor by a Helm release there): the trigger never gets a value. Fix: deploy that Service, or point serverAddress at a Prometheus API the output provides`);
      }
    }
  }
  return out;
}
