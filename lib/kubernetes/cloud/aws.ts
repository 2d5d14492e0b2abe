/**
 * The EKS binding: Karpenter / Auto Mode / managed node group scheduling, EKS Pod Identity (or IRSA through
 * `serviceAccountRoleArn`), the AWS CLI syncing weights from S3, and kube-prometheus-stack's Prometheus Operator CRs.
 * This is what every deployment got before clouds were pluggable, and it stays the default.
 */
import { GPU_TAINT_KEY } from '../labels';
import { checkpointUri, weightSyncInitContainer } from '../model-source';
import type { ClusterCloud, GpuNodeTarget, GpuPlacement } from './types';

/** Where the EKS Pod Identity agent answers credential requests (EKS user guide, "Understand EKS Pod Identity", read 2026-12-02). */
export const POD_IDENTITY_AGENT_CIDR = '169.254.170.23/32';

/** The GPU nodes of the deployment: its instance type, and its NodePool under Karpenter or Auto Mode. */
export function eksGpuPlacement(target: GpuNodeTarget): GpuPlacement {
  const selector: Record<string, string> = { 'node.kubernetes.io/instance-type': target.instanceType };
  if (target.capacity !== 'managed-nodegroup') selector['karpenter.sh/nodepool'] = target.nodePoolName;
  if (target.capacity === 'auto-mode') selector['eks.amazonaws.com/compute-type'] = 'auto';
  return { nodeSelector: selector, tolerations: [{ key: GPU_TAINT_KEY, operator: 'Exists', effect: 'NoSchedule' }] };
}

export const awsCloud: ClusterCloud = {
  name: 'aws',
  gpuPlacement: eksGpuPlacement,
  // Pod Identity associates the role by ServiceAccount name; IRSA's annotation comes from `serviceAccountRoleArn`.
  identity: { serviceAccountAnnotations: {}, podLabels: {}, egress: [{ cidr: POD_IDENTITY_AGENT_CIDR, port: 80 }] },
  modelDownload: {
    uriScheme: 's3://',
    checkpointUri,
    initContainer: weightSyncInitContainer,
  },
  metrics: { kind: 'service-monitor', apiVersion: 'monitoring.coreos.com/v1', rules: 'prometheus-rule' },
};
