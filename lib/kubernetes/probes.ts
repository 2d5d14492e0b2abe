/**
 * Probes that mean something for an LLM server, and a start-up budget derived from the model's size and the
 * way its weights arrive instead of a guess.
 *
 * The budget (docs/kubernetes-objects.md, "Start-up budget"):
 *
 *   startupSeconds = 1.5 × (warm-up + weightsPerNode / LOCAL_LOAD + [HF only] checkpoint / HF_DOWNLOAD + [multi-node] RAY_FORMATION)
 *   failureThreshold = ceil(startupSeconds / periodSeconds)
 *
 * With an S3 source the download happens in the init container, before any probe runs; it is budgeted in the
 * Deployment's `progressDeadlineSeconds` instead (checkpoint / S3_SYNC on top of the start-up budget).
 */
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { HTTP_PORT_NAME } from './labels';

/**
 * Throughput assumptions, GiB/s. Ours, conservative on purpose (a probe that fails a healthy start restarts a
 * multi-minute load): safetensors from local NVMe into GPU memory; `aws s3 sync` with 64 concurrent requests
 * to NVMe; the Hugging Face Hub over the internet through a NAT gateway.
 */
export const LOCAL_LOAD_GIB_PER_SECOND = 0.5;
export const S3_SYNC_GIB_PER_SECOND = 0.25;
export const HF_DOWNLOAD_GIB_PER_SECOND = 0.1;
/** Engine start, KV-cache profiling, torch.compile and CUDA-graph capture before `/health` answers, seconds. */
export const ENGINE_WARMUP_SECONDS = 300;
/** Waiting for every worker to join the leader's Ray cluster, seconds. */
export const RAY_FORMATION_SECONDS = 120;
export const STARTUP_SAFETY_FACTOR = 1.5;
export const STARTUP_PERIOD_SECONDS = 10;

export interface StartupBudgetInput {
  /** Checkpoint size, GiB. */
  readonly checkpointGiB: number;
  /** Nodes sharing the load (each pipeline stage loads its share). */
  readonly nodes: number;
  readonly source: 's3' | 'huggingface';
}

export interface StartupBudget {
  /** Seconds the startup probe allows before the kubelet restarts the container. */
  readonly startupSeconds: number;
  readonly failureThreshold: number;
  readonly periodSeconds: number;
  /** Seconds the init container is expected to spend syncing from S3 (0 for Hugging Face). */
  readonly syncSeconds: number;
}

export function startupBudget(input: StartupBudgetInput): StartupBudget {
  const load = input.checkpointGiB / input.nodes / LOCAL_LOAD_GIB_PER_SECOND;
  const download = input.source === 'huggingface' ? input.checkpointGiB / HF_DOWNLOAD_GIB_PER_SECOND : 0;
  const ray = input.nodes > 1 ? RAY_FORMATION_SECONDS : 0;
  const startupSeconds = Math.ceil(STARTUP_SAFETY_FACTOR * (ENGINE_WARMUP_SECONDS + load + download + ray));
  return {
    startupSeconds,
    periodSeconds: STARTUP_PERIOD_SECONDS,
    failureThreshold: Math.ceil(startupSeconds / STARTUP_PERIOD_SECONDS),
    syncSeconds: input.source === 's3' ? Math.ceil(input.checkpointGiB / S3_SYNC_GIB_PER_SECOND) : 0,
  };
}

/** Answers once the server is up: vLLM opens its port only after the weights are loaded. */
export function startupProbe(budget: StartupBudget): IProbe {
  return {
    httpGet: { path: '/health', port: HTTP_PORT_NAME },
    periodSeconds: budget.periodSeconds,
    failureThreshold: budget.failureThreshold,
    timeoutSeconds: 5,
  };
}

/** Ready only when the model is listed, i.e. actually served. */
export function readinessProbe(): IProbe {
  return { httpGet: { path: '/v1/models', port: HTTP_PORT_NAME }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 };
}

/** `/health` fails when the engine loop is dead; a minute of failures (not one slow answer under load) restarts. */
export function livenessProbe(): IProbe {
  return { httpGet: { path: '/health', port: HTTP_PORT_NAME }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 };
}
