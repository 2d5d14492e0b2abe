/**
 * The InferenceService (serving.kserve.io/v1beta1) fields we set, and the metadata every InferenceService of a
 * deployment shares. KServe's controller turns each into a Deployment, a Service `<name>-predictor` and, with the
 * `keda` autoscaler class, a KEDA ScaledObject; its webhook adds the storage initializer that copies `storageUri`
 * to /mnt/models before the model server starts.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { ServingContext } from '../../context';
import { MANAGED_BY } from '../../versions';
import type { KubeObjectMeta } from '../../types';
import { KSERVE_VERSION } from './versions';

/** KServe's v1 model health endpoint: 200 once the model is loaded, 503 before (python/kserve/.../v1_endpoints.py). */
export function modelReadyPath(name: string): string {
  return `/v1/models/${name}`;
}

export const INFERENCE_SERVICE_API_VERSION = 'serving.kserve.io/v1beta1';

/**
 * KServe v0.20 renamed the raw Kubernetes deployment mode `Standard` (`RawDeployment` is kept as a deprecated alias,
 * pkg/constants/constants.go at v0.20.0, read 2026-12-03): a Deployment + Service + HPA/KEDA, no Knative or Istio.
 */
export const DEPLOYMENT_MODE = 'Standard';
export const DEPLOYMENT_MODE_ANNOTATION = 'serving.kserve.io/deploymentMode';
/** `hpa` (default), `keda`, `external` or `none` (pkg/constants/constants.go `AutoscalerClass*`, v0.20.0). */
export const AUTOSCALER_CLASS_ANNOTATION = 'serving.kserve.io/autoscalerClass';
export type AutoscalerClass = 'hpa' | 'keda' | 'external' | 'none';

/** One autoscaling metric of `predictor.autoScaling.metrics` (pkg/apis/serving/v1beta1/component.go, v0.20.0). */
export interface KserveExternalMetric {
  readonly type: 'External';
  readonly external: {
    readonly metric: { readonly backend: 'prometheus'; readonly serverAddress: string; readonly query: string };
    /** KServe hands `value` to KEDA as the trigger's `threshold` (per replica: KEDA's default AverageValue). */
    readonly target: { readonly type: 'Value'; readonly value: string };
  };
}

/** The model a predictor serves: format, runtime, where the storage initializer fetches it, and the container. */
export type KserveModelSpec = Pick<
  IContainer,
  'image' | 'args' | 'ports' | 'env' | 'resources' | 'startupProbe' | 'readinessProbe' | 'livenessProbe' | 'lifecycle' | 'volumeMounts' | 'securityContext'
> & {
  readonly modelFormat: { readonly name: string };
  /** A ClusterServingRuntime name, chosen explicitly rather than by KServe's auto-selection. */
  readonly runtime: string;
  readonly storageUri: string;
};

export type KservePredictorSpec = Pick<
  IPodSpec,
  | 'serviceAccountName'
  | 'automountServiceAccountToken'
  | 'enableServiceLinks'
  | 'securityContext'
  | 'nodeSelector'
  | 'tolerations'
  | 'topologySpreadConstraints'
  | 'terminationGracePeriodSeconds'
  | 'volumes'
> & {
  /** Containers KServe appends after the model's (the auth proxy). @default - none */
  readonly containers?: IPodSpec['containers'];
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly autoScaling?: { readonly metrics: readonly KserveExternalMetric[] };
  readonly labels?: Readonly<Record<string, string>>;
  readonly model: KserveModelSpec;
};

export interface IInferenceService {
  readonly apiVersion: typeof INFERENCE_SERVICE_API_VERSION;
  readonly kind: 'InferenceService';
  readonly metadata: KubeObjectMeta;
  readonly spec: { readonly predictor: KservePredictorSpec };
}

/**
 * Labels of our objects in a KServe deployment. Not `app.kubernetes.io/name`/`instance`: KServe copies an
 * InferenceService's labels onto the Service it creates, and the ServiceMonitor selects our own Service by those.
 */
export function kserveLabels(ctx: ServingContext): Record<string, string> {
  return {
    'app.kubernetes.io/part-of': ctx.name,
    'app.kubernetes.io/version': KSERVE_VERSION,
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}

/** Metadata of one InferenceService: the raw deployment mode and its autoscaler class. */
export function inferenceServiceMeta(ctx: ServingContext, name: string, autoscalerClass: AutoscalerClass): KubeObjectMeta {
  return {
    name,
    namespace: ctx.namespace,
    labels: kserveLabels(ctx),
    annotations: { [DEPLOYMENT_MODE_ANNOTATION]: DEPLOYMENT_MODE, [AUTOSCALER_CLASS_ANNOTATION]: autoscalerClass },
  };
}
