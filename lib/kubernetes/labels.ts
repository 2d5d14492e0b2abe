/**
 * Names and labels shared by every object of one serving deployment, so that selectors written in one file
 * (Service, PDB, NetworkPolicy, ServiceMonitor, KEDA) always match the pods written in another.
 */
import { MANAGED_BY, VLLM_IMAGE_TAG } from './versions';

/** Which pods a label set describes: the API-serving pods (single-node pods, LWS leaders) or LWS workers. */
export type ServingComponent = 'server' | 'worker';

/** Labels that identify every pod of one deployment (leaders and workers alike). Immutable in selectors. */
export function instanceSelector(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': 'vllm', 'app.kubernetes.io/instance': name };
}

/** Labels that select the pods answering HTTP: single-node pods, or the leaders of a LeaderWorkerSet. */
export function serverSelector(name: string): Record<string, string> {
  return { ...instanceSelector(name), 'app.kubernetes.io/component': 'server' };
}

/** Labels every object of the deployment carries. */
export function commonLabels(name: string, imageTag = VLLM_IMAGE_TAG): Record<string, string> {
  return {
    ...instanceSelector(name),
    'app.kubernetes.io/version': imageTag,
    'app.kubernetes.io/part-of': 'llm-serving',
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}

/** Labels of a pod template. */
export function podLabels(name: string, component: ServingComponent, imageTag?: string): Record<string, string> {
  return { ...commonLabels(name, imageTag), 'app.kubernetes.io/component': component };
}

/** The Karpenter / Auto Mode NodePool (and EC2NodeClass / NodeClass) of a deployment's GPU nodes. */
export function gpuNodePoolName(name: string): string {
  return `${name}-gpu`;
}

/** Name and port of the OpenAI-compatible HTTP endpoint. */
export const HTTP_PORT = 8000;
export const HTTP_PORT_NAME = 'http';

/** Ray head port used by the multi-node helper script (its default, `ray_port=6379`). */
export const RAY_PORT = 6379;

/** Taint GPU nodes carry and serving pods tolerate. */
export const GPU_TAINT_KEY = 'nvidia.com/gpu';
/** Extended resources advertised by the NVIDIA and EFA device plugins. */
export const GPU_RESOURCE = 'nvidia.com/gpu';
export const EFA_RESOURCE = 'vpc.amazonaws.com/efa';

/** Karpenter's pod annotation that blocks voluntary disruption (consolidation, drift) of the pod's node. */
export const DO_NOT_DISRUPT_ANNOTATION = 'karpenter.sh/do-not-disrupt';
