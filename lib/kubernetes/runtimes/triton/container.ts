/**
 * The Triton server container and the init container that fills its model repository.
 *
 * Why a local repository and not `--model-repository=s3://...`: Triton reads S3 with the AWS C++ SDK's credential
 * chain, and whether it honours EKS Pod Identity's container credentials (`AWS_CONTAINER_CREDENTIALS_FULL_URI` plus
 * the token file) is not documented; its own issues report that only keys, `~/.aws` files and (since about 25.02)
 * IRSA work (triton-inference-server/server#6651 "Support IAM roles for AWS remote repositories", #2657, #8090, read
 * 2026-12-03). The AWS CLI does honour Pod Identity, so the init container syncs `s3://bucket/prefix/` onto the node's
 * disk with the service account's least-privilege role, and Triton serves the local copy: no static keys, and the
 * server starts from a complete repository. The generated `config.pbtxt` files (a ConfigMap) are copied over the
 * synced ones, so the configuration deployed is the one reviewed in the synth output.
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import { modelServerGpuResources } from '../model-server-workload';
import { checkpointUri } from '../../model-source';
import { AWS_CLI_IMAGE } from '../../versions';
import { PRE_STOP_SLEEP_SECONDS, TRITON_EXIT_TIMEOUT_SECONDS, type TritonContext } from './context';
import {
  TRITON_GRPC_PORT,
  TRITON_HTTP_PORT,
  TRITON_LIVE_PATH,
  TRITON_METRICS_PORT,
  TRITON_READY_PATH,
  TRITON_USER_ID,
} from './versions';

export const REPOSITORY_VOLUME = 'model-repository';
export const REPOSITORY_PATH = '/models/repository';
export const CONFIG_VOLUME = 'model-configs';
export const CONFIG_PATH = '/model-configs';
export const HOME_VOLUME = 'home';
export const HOME_PATH = '/home/triton';
export const TMP_VOLUME = 'tmp';
export const SHM_VOLUME = 'dshm';

/** The key of a model's `config.pbtxt` in the configuration ConfigMap. */
export function configMapKey(model: string): string {
  return `${model}.config.pbtxt`;
}

export function tritonSecurityContext(): ISecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: TRITON_USER_ID,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * `tritonserver` arguments. Flags from `tritonserver --help` (src/command_line_parser.cc, triton-inference-server/server,
 * read 2026-12-03): `--model-control-mode=none` loads the whole repository once; `--strict-readiness=true` reports
 * ready only when every model is; `--exit-timeout-secs` bounds the drain of in-flight inferences on SIGTERM;
 * `--http-restricted-api` / `--grpc-restricted-protocol` require the header `x-api-key` on inference and
 * model-management calls (docs/customization_guide/inference_protocols.md, "Limit Endpoint Access"), leaving
 * health and metrics open to probes and Prometheus.
 */
export function tritonServerArgs(ctx: TritonContext): string[] {
  const args = [
    `--model-repository=${REPOSITORY_PATH}`,
    '--model-control-mode=none',
    '--strict-readiness=true',
    `--exit-timeout-secs=${TRITON_EXIT_TIMEOUT_SECONDS}`,
    `--http-port=${TRITON_HTTP_PORT}`,
    `--grpc-port=${TRITON_GRPC_PORT}`,
    `--metrics-port=${TRITON_METRICS_PORT}`,
    '--allow-metrics=true',
    '--allow-gpu-metrics=true',
  ];
  if (ctx.options.apiKeySecret) {
    // `$(API_KEY)` (the name the deployability check recognises as an API key) is expanded by the kubelet from the container's env (secretKeyRef): no shell, no literal.
    args.push('--http-restricted-api=inference,model-repository:x-api-key=$(API_KEY)');
    args.push('--grpc-restricted-protocol=inference,model-repository:x-api-key=$(API_KEY)');
  }
  return args;
}

export function tritonServerContainer(ctx: TritonContext): IContainer {
  const plan = ctx.options.plan;
  const env: IEnvVar[] = [{ name: 'HOME', value: HOME_PATH }];
  if (ctx.options.apiKeySecret) {
    const { secretName, key } = ctx.options.apiKeySecret;
    env.push({ name: 'API_KEY', valueFrom: { secretKeyRef: { name: secretName, key } } });
  }
  const gpus = modelServerGpuResources(plan);
  return {
    name: 'triton',
    image: ctx.image,
    command: ['tritonserver'],
    args: tritonServerArgs(ctx),
    env,
    ports: [
      { name: 'http', containerPort: TRITON_HTTP_PORT, protocol: 'TCP' },
      { name: 'grpc', containerPort: TRITON_GRPC_PORT, protocol: 'TCP' },
      { name: 'metrics', containerPort: TRITON_METRICS_PORT, protocol: 'TCP' },
    ],
    resources: {
      requests: { cpu: String(plan.cpuRequest), memory: `${plan.memoryRequestGiB}Gi`, ...gpus },
      limits: { memory: `${plan.memoryLimitGiB}Gi`, ...gpus },
    },
    // Loading every model (ONNX Runtime session creation, Python stubs) takes up to a few minutes on a cold node.
    startupProbe: { httpGet: { path: TRITON_READY_PATH, port: 'http' }, periodSeconds: 10, failureThreshold: 60, timeoutSeconds: 5 },
    readinessProbe: { httpGet: { path: TRITON_READY_PATH, port: 'http' }, periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 5 },
    livenessProbe: { httpGet: { path: TRITON_LIVE_PATH, port: 'http' }, periodSeconds: 15, failureThreshold: 4, timeoutSeconds: 5 },
    // Endpoints drop the pod while it sleeps; then SIGTERM lets Triton finish in-flight inferences.
    lifecycle: { preStop: { sleep: { seconds: PRE_STOP_SLEEP_SECONDS } } },
    volumeMounts: [
      { name: REPOSITORY_VOLUME, mountPath: REPOSITORY_PATH, readOnly: true },
      { name: SHM_VOLUME, mountPath: '/dev/shm' },
      { name: HOME_VOLUME, mountPath: HOME_PATH },
      { name: TMP_VOLUME, mountPath: '/tmp' },
    ],
    securityContext: tritonSecurityContext(),
  };
}

/**
 * Syncs the repository from S3 with the service account's role, then writes the generated configurations over it
 * (ensembles get the empty version directory Triton requires). URIs travel as environment variables so engine
 * tokens resolve and the shell parses nothing.
 */
export function repositorySyncInitContainer(ctx: TritonContext): IContainer {
  const steps = [
    'set -eu',
    'aws configure set default.s3.max_concurrent_requests 64',
    `aws s3 sync "$MODEL_REPOSITORY_S3_URI" ${REPOSITORY_PATH} --only-show-errors --delete`,
    ...ctx.configs.flatMap((config) => [
      `mkdir -p ${REPOSITORY_PATH}/${config.name}${config.kind === 'ensemble' ? '/1' : ''}`,
      `cp ${CONFIG_PATH}/${configMapKey(config.name)} ${REPOSITORY_PATH}/${config.name}/config.pbtxt`,
    ]),
  ];
  return {
    name: 'sync-model-repository',
    image: AWS_CLI_IMAGE,
    command: ['/bin/sh', '-c', steps.join('\n')],
    env: [
      { name: 'AWS_REGION', value: ctx.options.plan.region },
      { name: 'HOME', value: HOME_PATH },
      { name: 'MODEL_REPOSITORY_S3_URI', value: checkpointUri(ctx.options.modelSource) },
    ],
    resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '2Gi' } },
    volumeMounts: [
      { name: REPOSITORY_VOLUME, mountPath: REPOSITORY_PATH },
      { name: HOME_VOLUME, mountPath: HOME_PATH },
      ...(ctx.configs.length > 0 ? [{ name: CONFIG_VOLUME, mountPath: CONFIG_PATH, readOnly: true }] : []),
    ],
    securityContext: tritonSecurityContext(),
  };
}
