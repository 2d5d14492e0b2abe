/**
 * Any Kubernetes cluster (on-prem included): GPU nodes found by the NVIDIA GPU Feature Discovery label, no cloud
 * identity, the model pulled from the Hugging Face Hub by the server itself, and the Prometheus Operator's CRs.
 */
import { GPU_TAINT_KEY } from '../labels';
import type { ClusterCloud, GpuPlacement } from './types';

/** Set on GPU nodes by NVIDIA GPU Feature Discovery (installed by the GPU Operator), read 2026-12-03. */
export const GPU_PRESENT_LABEL = 'nvidia.com/gpu.present';

export interface GenericCloudOptions {
  /** Node selector of the GPU nodes. `{}` schedules on any node with a free `nvidia.com/gpu`. @default { 'nvidia.com/gpu.present': 'true' } */
  readonly gpuNodeSelector?: Readonly<Record<string, string>>;
  /** Prometheus Operator API version of ServiceMonitor / PrometheusRule. @default 'monitoring.coreos.com/v1' */
  readonly monitoringApiVersion?: string;
}

export function genericClusterCloud(options: GenericCloudOptions = {}): ClusterCloud {
  const placement: GpuPlacement = {
    nodeSelector: options.gpuNodeSelector ?? { [GPU_PRESENT_LABEL]: 'true' },
    // Tolerating the usual GPU taint is harmless where nodes carry none.
    tolerations: [{ key: GPU_TAINT_KEY, operator: 'Exists', effect: 'NoSchedule' }],
  };
  return {
    name: 'kubernetes',
    gpuPlacement: () => placement,
    identity: { serviceAccountAnnotations: {}, podLabels: {}, egress: [] },
    // No object store binding: the model comes from the Hub (bucket sources are refused by validation).
    modelDownload: { initContainer: () => undefined },
    metrics: { kind: 'service-monitor', apiVersion: options.monitoringApiVersion ?? 'monitoring.coreos.com/v1', rules: 'prometheus-rule' },
  };
}

/** Any cluster with the NVIDIA GPU Operator and the Prometheus Operator. */
export const genericCloud: ClusterCloud = genericClusterCloud();
