/**
 * The LLM InferenceService: KServe's Hugging Face runtime (`modelFormat: huggingface`, the ClusterServingRuntime
 * `kserve-huggingfaceserver`) with its vLLM backend, on the GPU nodes the plan sized, with the plan's vLLM flags.
 *
 * The Hugging Face server adds vLLM's own argument parser when the vLLM backend is on (`maybe_add_vllm_cli_parser`,
 * which calls `vllm.entrypoints.openai.cli_args.make_arg_parser`, python/huggingfaceserver at v0.20.0, read
 * 2026-12-03), so `--tensor-parallel-size`, `--max-model-len`, `--gpu-memory-utilization`, `--dtype`, `--quantization`
 * and the other engine flags are vLLM's, with vLLM's names. KServe owns the model name (`--model_name`, the
 * InferenceService name, from the runtime), the model path (`--model_dir=/mnt/models`) and the port (8080), so the
 * plan's `--served-model-name` and `--port` are left out.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { ServingContext } from '../../context';
import { toKubeObject } from '../../kube-object';
import { GPU_RESOURCE, GPU_TAINT_KEY } from '../../labels';
import { checkpointUri, isS3Source } from '../../model-source';
import { nodeSelector } from '../../pod-template';
import type { KubeObject } from '../../types';
import { kserveAutoscaling } from './autoscaling';
import { kserveAuthProxyPodParts } from './auth-proxy';
import { type IInferenceService, inferenceServiceMeta, modelReadyPath } from './inference-service';
import { kserveContainerSecurityContext, kservePodSecurityContext, kserveVolumeMounts, kserveVolumes } from './pod-security';
import { HUGGINGFACE_SERVER_GPU_IMAGE, INFERENCE_SERVICE_LABEL, KSERVE_HOME_PATH, KSERVE_HTTP_PORT, KSERVE_HTTP_PORT_NAME, KSERVE_RUNTIMES } from './versions';

/** Flags (with their value) KServe decides itself. */
const KSERVE_OWNED_FLAGS = new Set(['--served-model-name', '--port']);
/** Seconds the Service needs to drop a terminating pod before the server stops taking requests. */
const PRE_STOP_SLEEP_SECONDS = 15;
/** Seconds in-flight generations get after SIGTERM (after the pre-stop sleep). */
const TERMINATION_GRACE_SECONDS = 120;

/** The Hugging Face server's arguments: the vLLM backend, then the plan's engine flags minus the ones KServe owns. */
export function huggingFaceServerArgs(ctx: ServingContext): string[] {
  const [, ...flags] = ctx.options.plan.engineArgs;
  const args = ['--backend=vllm'];
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    if (KSERVE_OWNED_FLAGS.has(flag)) {
      i++;
      continue;
    }
    args.push(flag);
  }
  return args;
}

export { modelReadyPath } from './inference-service';

function probes(ctx: ServingContext): Pick<IContainer, 'startupProbe' | 'readinessProbe' | 'livenessProbe'> {
  const ready = { httpGet: { path: modelReadyPath(ctx.name), port: KSERVE_HTTP_PORT } };
  const startup: IProbe = { ...ready, periodSeconds: ctx.budget.periodSeconds, failureThreshold: ctx.budget.failureThreshold, timeoutSeconds: 5 };
  return {
    // The weights load after the server starts answering: wait for the model, within the plan's start-up budget.
    startupProbe: startup,
    readinessProbe: { ...ready, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
    // `/` is KServe's liveness route (the dataplane's `live`); a minute of failures restarts the server.
    livenessProbe: { httpGet: { path: '/', port: KSERVE_HTTP_PORT }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
  };
}

function env(ctx: ServingContext): IEnvVar[] {
  const variables: IEnvVar[] = [
    { name: 'HOME', value: KSERVE_HOME_PATH },
    { name: 'VLLM_NO_USAGE_STATS', value: '1' },
    { name: 'DO_NOT_TRACK', value: '1' },
  ];
  if (isS3Source(ctx.options.modelSource)) variables.push({ name: 'HF_HUB_OFFLINE', value: '1' });
  const token = ctx.options.huggingFaceTokenSecret;
  if (token) variables.push({ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: token.secretName, key: token.key } } });
  return variables;
}

function resources(ctx: ServingContext): IContainer['resources'] {
  const { layout } = ctx;
  const gpus = { [GPU_RESOURCE]: String(layout.gpusPerPod) };
  return {
    // The checkpoint lands in KServe's /mnt/models emptyDir: count it in the pod's ephemeral storage.
    requests: { cpu: String(layout.cpuRequest), memory: `${layout.memoryRequestGiB}Gi`, 'ephemeral-storage': `${layout.modelStorageGiB + 10}Gi`, ...gpus },
    limits: { memory: `${layout.memoryLimitGiB}Gi`, ...gpus },
  };
}

/** The LLM InferenceService, named like the deployment. */
export function llmInferenceService(ctx: ServingContext): KubeObject {
  const source = ctx.options.modelSource;
  const scaling = kserveAutoscaling(ctx);
  const proxy = kserveAuthProxyPodParts(ctx);
  const isvc: IInferenceService = {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: inferenceServiceMeta(ctx, ctx.name, scaling.autoscalerClass),
    spec: {
      predictor: {
        minReplicas: ctx.autoscaling.minReplicas,
        maxReplicas: ctx.autoscaling.maxReplicas,
        ...(scaling.metrics.length > 0 && { autoScaling: { metrics: scaling.metrics } }),
        // The pods read the model bucket through this account's Pod Identity role (the storage initializer too).
        serviceAccountName: ctx.options.serviceAccountName,
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: kservePodSecurityContext(),
        nodeSelector: nodeSelector(ctx),
        tolerations: [{ key: GPU_TAINT_KEY, operator: 'Exists', effect: 'NoSchedule' }],
        topologySpreadConstraints: [
          { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { [INFERENCE_SERVICE_LABEL]: ctx.name } } },
        ],
        terminationGracePeriodSeconds: TERMINATION_GRACE_SECONDS,
        volumes: [...kserveVolumes(ctx.layout.shmGiB), ...proxy.volumes],
        // The API key check KServe's server lacks (network.ts); KServe appends these after the model container.
        ...(proxy.containers.length > 0 && { containers: proxy.containers }),
        model: {
          modelFormat: { name: 'huggingface' },
          runtime: KSERVE_RUNTIMES.huggingface,
          // KServe's storage initializer copies the model to /mnt/models before the server starts (S3 with boto3's
          // default credential chain, which reads the Pod Identity credentials EKS injects).
          storageUri: isS3Source(source) ? checkpointUri(source) : `hf://${source.huggingFaceId}`,
          image: HUGGINGFACE_SERVER_GPU_IMAGE,
          args: huggingFaceServerArgs(ctx),
          // Named so that KServe's Service, our Service and the probes agree on it.
          ports: [{ name: KSERVE_HTTP_PORT_NAME, containerPort: KSERVE_HTTP_PORT, protocol: 'TCP' }],
          env: env(ctx),
          resources: resources(ctx),
          ...probes(ctx),
          lifecycle: { preStop: { exec: { command: ['sleep', String(PRE_STOP_SLEEP_SECONDS)] } } },
          volumeMounts: kserveVolumeMounts(true),
          securityContext: kserveContainerSecurityContext(),
        },
      },
    },
  };
  return toKubeObject(isvc);
}
