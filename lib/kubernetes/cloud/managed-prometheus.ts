/**
 * Google Cloud Managed Service for Prometheus (GMP) objects: a PodMonitoring scraping the serving pods and a Rules
 * object carrying the same alerts as the PrometheusRule (monitoring.googleapis.com/v1; CRDs of
 * GoogleCloudPlatform/prometheus-engine, see lib/validation/crds). GMP scrapes pods directly, so the rollout's extra
 * Services never cause a second scrape. GPU metrics come from GKE's managed DCGM package (the cluster's
 * `monitoring_config`), so no DCGM exporter is scraped here.
 */
import { ROLLOUT_POD_HASH_LABEL } from '../argo-rollout';
import type { ServingContext } from '../context';
import { toKubeObject } from '../kube-object';
import { commonLabels, HTTP_PORT_NAME, serverSelector } from '../labels';
import type { AlertRule } from '../monitoring';
import type { KubeObject, KubeObjectMeta } from '../types';

export const GMP_API_VERSION = 'monitoring.googleapis.com/v1';

/** The fields of monitoring.googleapis.com/v1 PodMonitoring we set. */
export interface IPodMonitoring {
  readonly apiVersion: typeof GMP_API_VERSION;
  readonly kind: 'PodMonitoring';
  readonly metadata: KubeObjectMeta;
  readonly spec: {
    readonly selector: { readonly matchLabels: Readonly<Record<string, string>> };
    readonly endpoints: readonly { readonly port: string; readonly path: string; readonly interval: string }[];
    readonly targetLabels?: { readonly fromPod: readonly { readonly from: string; readonly to?: string }[] };
  };
}

/** The fields of monitoring.googleapis.com/v1 Rules we set. */
export interface IGmpRules {
  readonly apiVersion: typeof GMP_API_VERSION;
  readonly kind: 'Rules';
  readonly metadata: KubeObjectMeta;
  readonly spec: { readonly groups: readonly { readonly name: string; readonly interval: string; readonly rules: readonly AlertRule[] }[] };
}

function gmpMeta(ctx: ServingContext, name: string): KubeObjectMeta {
  return { name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) };
}

export function vllmPodMonitoring(ctx: ServingContext): KubeObject {
  const monitoring: IPodMonitoring = {
    apiVersion: GMP_API_VERSION,
    kind: 'PodMonitoring',
    metadata: gmpMeta(ctx, ctx.name),
    spec: {
      selector: { matchLabels: serverSelector(ctx.name) },
      endpoints: [{ port: HTTP_PORT_NAME, path: '/metrics', interval: '15s' }],
      targetLabels: {
        fromPod: [
          // GMP labels series with project_id, location, cluster, namespace, job, instance and pod metadata only
          // (PodMonitoring CRD of prometheus-engine v0.17.2, `targetLabels`): `service`, which the alert and KEDA queries
          // select on (vllmSeriesSelector) as the Prometheus Operator sets it from the Service, comes from the pod's
          // instance label, whose value is the same name.
          { from: 'app.kubernetes.io/instance', to: 'service' },
          // The canary analysis tells canary from stable series by the pod's rollouts-pod-template-hash.
          ...(ctx.rollout ? [{ from: ROLLOUT_POD_HASH_LABEL }] : []),
        ],
      },
    },
  };
  return toKubeObject(monitoring);
}

/** The PrometheusRule's groups as a GMP Rules object (evaluated by GMP's managed rule evaluator). */
export function gmpRules(ctx: ServingContext, groups: readonly { readonly name: string; readonly rules: readonly AlertRule[] }[]): KubeObject {
  const rules: IGmpRules = {
    apiVersion: GMP_API_VERSION,
    kind: 'Rules',
    metadata: gmpMeta(ctx, ctx.name),
    spec: { groups: groups.map((group) => ({ name: group.name, interval: '30s', rules: group.rules })) },
  };
  return toKubeObject(rules);
}
