/**
 * The NVIDIA device plugin DaemonSet, only where the node image lacks it. EKS user guide ("Install Kubernetes
 * device plugin for GPUs", read 2026-11-24): the EKS-optimized AL2023 NVIDIA AMIs need it; the Bottlerocket NVIDIA
 * AMIs already include it, and so does EKS Auto Mode. The DaemonSet follows NVIDIA's static manifest
 * (deployments/static/nvidia-device-plugin.yml) with the image pinned and scheduling limited to GPU nodes.
 */
import type { IDaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { ACCELERATORS, INSTANCE_TYPES } from '../catalogue';
import { toKubeObject } from './kube-object';
import { GPU_TAINT_KEY } from './labels';
import type { KubeObject } from './types';
import { MANAGED_BY, NVIDIA_DEVICE_PLUGIN_IMAGE } from './versions';

export interface NvidiaDevicePluginOptions {
  readonly capacity: 'karpenter' | 'auto-mode' | 'managed-nodegroup';
  /** Node image family (Karpenter EC2NodeClass, or the managed node group's AMI type). @default 'al2023' */
  readonly amiFamily?: 'al2023' | 'bottlerocket';
  /** @default 'kube-system' */
  readonly namespace?: string;
}

export function needsNvidiaDevicePlugin(options: NvidiaDevicePluginOptions): boolean {
  return options.capacity !== 'auto-mode' && (options.amiFamily ?? 'al2023') === 'al2023';
}

/** NVIDIA GPU instance types of the catalogue: where the plugin runs. */
function nvidiaInstanceTypes(): string[] {
  const nvidia = new Set(ACCELERATORS.filter((a) => a.vendor === 'nvidia').map((a) => a.id));
  return INSTANCE_TYPES.filter((t) => t.acceleratorId !== null && nvidia.has(t.acceleratorId)).map((t) => t.name);
}

/** The DaemonSet, or nothing when the node image ships the plugin. */
export function buildNvidiaDevicePluginObjects(options: NvidiaDevicePluginOptions): KubeObject[] {
  if (!needsNvidiaDevicePlugin(options)) return [];
  const labels = { 'app.kubernetes.io/name': 'nvidia-device-plugin', 'app.kubernetes.io/managed-by': MANAGED_BY };
  const selector = { 'app.kubernetes.io/name': 'nvidia-device-plugin' };
  const daemonSet: IDaemonSet = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'nvidia-device-plugin', namespace: options.namespace ?? 'kube-system', labels },
    spec: {
      selector: { matchLabels: selector },
      updateStrategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels },
        spec: {
          tolerations: [{ key: GPU_TAINT_KEY, operator: 'Exists', effect: 'NoSchedule' }],
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: nvidiaInstanceTypes() }] }],
              },
            },
          },
          // Critical add-on: reserved a place so it is rescheduled first after a failure.
          priorityClassName: 'system-node-critical',
          containers: [
            {
              name: 'nvidia-device-plugin-ctr',
              image: NVIDIA_DEVICE_PLUGIN_IMAGE,
              env: [{ name: 'FAIL_ON_INIT_ERROR', value: 'false' }],
              resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [{ name: 'device-plugin', mountPath: '/var/lib/kubelet/device-plugins' }],
            },
          ],
          volumes: [{ name: 'device-plugin', hostPath: { path: '/var/lib/kubelet/device-plugins', type: 'Directory' } }],
        },
      },
    },
  };
  return [toKubeObject(daemonSet)];
}
