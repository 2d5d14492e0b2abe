/**
 * A classic model's InferenceService: KServe's built-in runtime for its format (sklearn and XGBoost through KServe's
 * own servers, ONNX through Triton, as the `kserve-runtime-configs` chart registers them), on CPU. It carries no GPU
 * toleration, so it never lands on (or keeps awake) a GPU node: it runs on the cluster's general nodes.
 */
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { ServingContext } from '../../context';
import { toKubeObject } from '../../kube-object';
import type { ClassicModelSource } from '../../options';
import type { KubeObject } from '../../types';
import { classicAutoscaling } from './autoscaling';
import { type IInferenceService, inferenceServiceMeta, modelReadyPath } from './inference-service';
import { kserveContainerSecurityContext, kservePodSecurityContext, kserveVolumeMounts, kserveVolumes } from './pod-security';
import { KSERVE_HTTP_PORT, KSERVE_HTTP_PORT_NAME, KSERVE_METRICS_PORT, KSERVE_METRICS_PORT_NAME, KSERVE_RUNTIMES } from './versions';

/** Replicas of a classic model's predictor (ours: two for availability, room for four under load). */
export const CLASSIC_MIN_REPLICAS = 2;
export const CLASSIC_MAX_REPLICAS = 4;
/** CPU and memory of one classic predictor unless the model says otherwise (ours: enough for a small sklearn model). */
export const DEFAULT_CLASSIC_CPU = '250m';
export const DEFAULT_CLASSIC_MEMORY = '512Mi';

/**
 * Readiness: KServe's v1 model health route for its own servers; Triton's KServe v2 `/v2/health/ready` (Triton serves
 * the v2 protocol on its HTTP port).
 */
function readyPath(model: ClassicModelSource): string {
  return model.format === 'onnx' ? '/v2/health/ready' : modelReadyPath(model.name);
}

export function classicInferenceService(ctx: ServingContext, model: ClassicModelSource): KubeObject {
  // Small by default: with Karpenter or Auto Mode capacity, CPU pods share the system node group (2 × m7i.large).
  const cpu = model.cpu ?? DEFAULT_CLASSIC_CPU;
  const memory = model.memory ?? DEFAULT_CLASSIC_MEMORY;
  const ready: IProbe = { httpGet: { path: readyPath(model), port: KSERVE_HTTP_PORT }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 };
  // KServe's servers export request_predict_seconds; Triton does not, so an ONNX model keeps its replicas fixed.
  const scaled = model.format !== 'onnx';
  const isvc: IInferenceService = {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: inferenceServiceMeta(ctx, model.name, scaled ? 'keda' : 'none'),
    spec: {
      predictor: {
        minReplicas: CLASSIC_MIN_REPLICAS,
        maxReplicas: scaled ? CLASSIC_MAX_REPLICAS : CLASSIC_MIN_REPLICAS,
        ...(scaled && { autoScaling: { metrics: classicAutoscaling(ctx, model.name) } }),
        serviceAccountName: ctx.options.serviceAccountName,
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: kservePodSecurityContext(),
        terminationGracePeriodSeconds: 30,
        volumes: kserveVolumes(),
        model: {
          modelFormat: { name: model.format },
          runtime: KSERVE_RUNTIMES[model.format],
          storageUri: model.uri,
          ports: [
            { name: KSERVE_HTTP_PORT_NAME, containerPort: KSERVE_HTTP_PORT, protocol: 'TCP' },
            ...(model.format === 'onnx' ? [{ name: KSERVE_METRICS_PORT_NAME, containerPort: KSERVE_METRICS_PORT.onnx, protocol: 'TCP' as const }] : []),
          ],
          resources: { requests: { cpu, memory }, limits: { cpu, memory } },
          startupProbe: { ...ready, periodSeconds: 5, failureThreshold: 60 },
          readinessProbe: ready,
          volumeMounts: kserveVolumeMounts(false),
          securityContext: kserveContainerSecurityContext(),
        },
      },
    },
  };
  return toKubeObject(isvc);
}
