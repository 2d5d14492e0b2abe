/**
 * TensorFlow Serving's pod: the SavedModel synced from the model bucket by an init container, `tensorflow_model_server`
 * on the generated configuration files, and the key-checking proxy (TF Serving has no authentication of its own:
 * docs/runtimes/tensorflow-serving.md). Probes, callers and Prometheus all reach it through the proxy's port.
 */
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import { toKubeObject } from '../../kube-object';
import { checkpointUri } from '../../model-source';
import type { KubeObject } from '../../types';
import { AWS_CLI_IMAGE } from '../../versions';
import { modelServerDeployment, modelServerGpuResources } from '../model-server-workload';
import { authProxyContainer, authProxyVolumes, type AuthProxyOptions } from '../auth-proxy';
import { type ModelServerContext, modelServerMetadata } from '../torchserve/context';
import { MODEL_BASE_PATH, tfServingBatchingConfig, tfServingModelsConfig, tfServingMonitoringConfig } from './config';
import { TF_SERVING_GRPC_PORT, TF_SERVING_METRICS_PATH, TF_SERVING_PROXY_PORT, TF_SERVING_REST_PORT, TF_SERVING_USER_ID, tfServingStatusPath } from './versions';

const PRE_STOP_SLEEP_SECONDS = 10;
/** TF Serving drains in-flight requests on SIGTERM; 60 s more than the pause bounds it. */
const DRAIN_SECONDS = 60;
const CONFIG_PATH = '/etc/tfserving';

export function tfServingConfigMapName(ctx: ModelServerContext): string {
  return `${ctx.name}-tfserving-config`;
}

export function tfServingConfigMap(ctx: ModelServerContext): KubeObject {
  const configMap: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: modelServerMetadata(ctx, tfServingConfigMapName(ctx)),
    data: { 'models.config': tfServingModelsConfig(ctx.modelName), 'monitoring.config': tfServingMonitoringConfig(), 'batching.config': tfServingBatchingConfig(ctx.options.plan) },
  };
  return toKubeObject(configMap);
}

export function tfServingAuthProxy(ctx: ModelServerContext): AuthProxyOptions {
  return {
    name: ctx.name,
    metadata: modelServerMetadata(ctx),
    listenPort: TF_SERVING_PROXY_PORT,
    upstreamPort: TF_SERVING_REST_PORT,
    openPaths: [tfServingStatusPath(ctx.modelName), TF_SERVING_METRICS_PATH],
    apiKeySecret: ctx.options.apiKeySecret!,
  };
}

function securityContext(): ISecurityContext {
  return { runAsNonRoot: true, runAsUser: TF_SERVING_USER_ID, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, seccompProfile: { type: 'RuntimeDefault' } };
}

/** `tensorflow_model_server` flags (tensorflow_serving/model_servers/main.cc, read 2026-12-03). */
export function tfServingArgs(): string[] {
  return [
    `--port=${TF_SERVING_GRPC_PORT}`,
    `--rest_api_port=${TF_SERVING_REST_PORT}`,
    `--model_config_file=${CONFIG_PATH}/models.config`,
    `--monitoring_config_file=${CONFIG_PATH}/monitoring.config`,
    '--enable_batching=true',
    `--batching_parameters_file=${CONFIG_PATH}/batching.config`,
  ];
}

function serverContainer(ctx: ModelServerContext): IContainer {
  const plan = ctx.options.plan;
  const gpus = modelServerGpuResources(plan);
  const status = { httpGet: { path: tfServingStatusPath(ctx.modelName), port: TF_SERVING_PROXY_PORT }, timeoutSeconds: 5 };
  return {
    name: 'tensorflow-serving',
    image: ctx.image,
    command: ['tensorflow_model_server'],
    args: tfServingArgs(),
    resources: { requests: { cpu: String(plan.cpuRequest), memory: `${plan.memoryRequestGiB}Gi`, ...gpus }, limits: { memory: `${plan.memoryLimitGiB}Gi`, ...gpus } },
    startupProbe: { ...status, periodSeconds: 10, failureThreshold: 60 },
    readinessProbe: { ...status, periodSeconds: 5, failureThreshold: 3 },
    livenessProbe: { ...status, periodSeconds: 15, failureThreshold: 4 },
    lifecycle: { preStop: { sleep: { seconds: PRE_STOP_SLEEP_SECONDS } } },
    volumeMounts: [
      { name: 'models', mountPath: MODEL_BASE_PATH, readOnly: true },
      { name: 'config', mountPath: CONFIG_PATH, readOnly: true },
      { name: 'tmp', mountPath: '/tmp' },
    ],
    securityContext: securityContext(),
  };
}

/** Syncs `s3://bucket/prefix/` (numbered SavedModel version directories) into `/models/<name>/`. */
function syncContainer(ctx: ModelServerContext): IContainer {
  return {
    name: 'sync-saved-model',
    image: AWS_CLI_IMAGE,
    command: ['/bin/sh', '-c', `set -eu\naws s3 sync "$MODEL_S3_URI" "${MODEL_BASE_PATH}/$MODEL_NAME" --only-show-errors --delete`],
    env: [
      { name: 'AWS_REGION', value: ctx.options.plan.region },
      { name: 'HOME', value: '/tmp' },
      { name: 'MODEL_S3_URI', value: checkpointUri(ctx.options.modelSource) },
      { name: 'MODEL_NAME', value: ctx.modelName },
    ],
    resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '2Gi' } },
    volumeMounts: [{ name: 'models', mountPath: MODEL_BASE_PATH }, { name: 'tmp', mountPath: '/tmp' }],
    securityContext: securityContext(),
  };
}

export function tfServingDeployment(ctx: ModelServerContext): KubeObject {
  return modelServerDeployment(ctx, {
    metadata: modelServerMetadata(ctx),
    userId: TF_SERVING_USER_ID,
    initContainers: [syncContainer(ctx)],
    containers: [serverContainer(ctx), authProxyContainer(tfServingAuthProxy(ctx), PRE_STOP_SLEEP_SECONDS)],
    volumes: [
            { name: 'models', emptyDir: { sizeLimit: `${ctx.options.plan.modelStorageGiB}Gi` } },
            { name: 'config', configMap: { name: tfServingConfigMapName(ctx) } },
            { name: 'tmp', emptyDir: { sizeLimit: '5Gi' } },
            ...authProxyVolumes(tfServingAuthProxy(ctx)),
          ],
    terminationGracePeriodSeconds: PRE_STOP_SLEEP_SECONDS + DRAIN_SECONDS + 10,
  });
}
