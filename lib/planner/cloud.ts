/**
 * Which cloud and region a plan request prices on. One place for the defaults, so that the search, the
 * cost and the plan's `cloud` / `region` fields never disagree. Pure; no engine imports.
 */
import { ALL_INSTANCE_TYPES, DEFAULT_REGIONS, cloudOf } from '../catalogue';
import type { CloudId, InstanceTypeSpec } from '../catalogue/types';
import type { LlmPlanRequest } from './types';

/**
 * The request's cloud: `cloud` when given, else the cloud of a fixed instance type (so that
 * `--instance-type a2-ultragpu-2g` plans on Google Cloud), else AWS.
 */
export function requestCloud(request: Pick<LlmPlanRequest, 'cloud' | 'instanceType'>): CloudId {
  if (request.cloud !== undefined) return request.cloud;
  const fixed = request.instanceType?.trim().toLowerCase().replace(/^ml\./, '');
  const instance = fixed === undefined ? undefined : ALL_INSTANCE_TYPES.find((t) => t.name.toLowerCase() === fixed);
  return instance ? cloudOf(instance) : 'aws';
}

/** The request's region: `region` when given, else the cloud's default (us-east-1, us-central1, eastus). */
export function requestRegion(request: Pick<LlmPlanRequest, 'cloud' | 'instanceType' | 'region'>): string {
  return request.region ?? DEFAULT_REGIONS[requestCloud(request)];
}

/**
 * Whether replicas may span several instances of this type: EFA on AWS, GPUDirect-TCPX/TCPXO/RDMA on
 * Google Cloud, InfiniBand on Azure.
 */
export function hasMultiNodeFabric(instance: InstanceTypeSpec): boolean {
  return instance.interconnect.efa || instance.interconnect.fabric !== undefined;
}
