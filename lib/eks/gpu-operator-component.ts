/**
 * The NVIDIA GPU Operator, installed only where a plan on the cluster serves from MIG slices (`target.gpuSharing:
 * 'mig'`): its MIG manager partitions each node as the NodePool's `nvidia.com/mig.config: all-<profile>` label asks
 * (lib/kubernetes/node-pools.ts), and its device plugin, with the `mixed` strategy, advertises the slices as
 * `nvidia.com/mig-<profile>`, the resource the vLLM pod requests. Without both, those pods stay Pending.
 *
 * What the chart runs and what it leaves to the node image (EKS AL2023 NVIDIA AMI):
 * - driver.enabled=false, toolkit.enabled=false: the AMI installs the NVIDIA driver and the NVIDIA Container Toolkit
 *   and makes `nvidia` containerd's default runtime (awslabs/amazon-eks-ami templates/al2023/provisioners/
 *   install-nvidia-driver.sh; EKS user guide "Use EKS-optimized accelerated AMIs for GPU instances"; read
 *   2026-12-03). The MIG manager supports such preinstalled drivers (GPU Operator docs "GPU Operator with MIG":
 *   "If drivers are preinstalled, also specify --set driver.enabled=false"), and then stops the host's GPU clients
 *   itself while it repartitions (assets/state-mig-manager/0420_configmap.yaml: WITH_SHUTDOWN_HOST_GPU_CLIENTS).
 * - mig.strategy=mixed: a node may mix MIG and whole GPUs ("Set mig.strategy to mixed when MIG mode is not enabled on
 *   all GPUs on a node"), and only `mixed` names the resource by profile.
 * - devicePlugin.enabled=true: the operator's device plugin replaces the standalone NVIDIA device plugin release on
 *   such clusters (lib/eks/components.ts leaves that one out), so every GPU node runs exactly one plugin: two plugins
 *   would both register `nvidia.com/gpu` with the kubelet, and the MIG manager pauses only the operator's operands
 *   (the `nvidia.com/gpu.deploy.*` labels) while it reconfigures a GPU. With `mixed`, GPUs without MIG mode are still
 *   advertised as `nvidia.com/gpu`, so the whole-GPU pods of the cluster are served as before.
 * - migManager.enabled=true: its DaemonSet selects `nvidia.com/gpu.deploy.mig-manager=true`, a label the operator
 *   sets only on nodes with MIG-capable GPUs (controllers/state_manager.go, hasMIGCapableGPU), so it runs on the MIG
 *   NodePool's A100/H100 nodes and nowhere else. Its default configuration (default-mig-parted-config) holds the
 *   `all-1g.10gb`, `all-1g.20gb`, `all-2g.20gb` and `all-3g.40gb` layouts the planner chooses from.
 * - dcgmExporter.enabled=false: the cluster already runs its own DCGM exporter release (components.ts).
 * - Operands tolerate the GPU taint (`daemonsets.tolerations`, the chart's default, kept explicit here).
 *
 * Engine-free: the engines install it like every other HelmComponent.
 */
import type { HelmComponent } from './components';

/**
 * NVIDIA/gpu-operator release tag v26.7.0 (2026-08-20), the newest in the repository as read 2026-12-03; chart
 * `gpu-operator` of the NVIDIA Helm repository https://helm.ngc.nvidia.com/nvidia (the repository's README.md:
 * `helm repo add nvidia https://helm.ngc.nvidia.com/nvidia`). Its MIG manager is k8s-mig-manager v0.15.0.
 */
export const GPU_OPERATOR_CHART_VERSION = 'v26.7.0';

/** Namespace of the GPU Operator and its operands (the one NVIDIA's install command creates). */
export const GPU_OPERATOR_NAMESPACE = 'gpu-operator';

/** The MIG strategy that names the resource by profile (`nvidia.com/mig-1g.10gb`). */
export const MIG_STRATEGY = 'mixed';

/** The GPU Operator release with the MIG manager and a `mixed`-strategy device plugin, after `dependsOn`. */
export function gpuOperatorComponent(dependsOn: readonly string[]): HelmComponent {
  return {
    id: 'NvidiaGpuOperator',
    release: 'gpu-operator',
    chart: 'gpu-operator',
    repository: 'https://helm.ngc.nvidia.com/nvidia',
    version: GPU_OPERATOR_CHART_VERSION,
    namespace: GPU_OPERATOR_NAMESPACE,
    values: {
      driver: { enabled: false },
      toolkit: { enabled: false },
      mig: { strategy: MIG_STRATEGY },
      migManager: { enabled: true },
      devicePlugin: { enabled: true },
      dcgmExporter: { enabled: false },
      daemonsets: { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] },
    },
    dependsOn: [...dependsOn],
    source: 'NVIDIA GPU Operator docs "GPU Operator with MIG": helm install -n gpu-operator --create-namespace nvidia/gpu-operator --set mig.strategy=mixed --set driver.enabled=false',
  };
}
