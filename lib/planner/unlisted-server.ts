/**
 * A server of GPUs that no AWS instance type in the catalogue carries (an RTX 4090 workstation, an A10
 * server elsewhere): `aimd plan --accelerator rtx-4090 --tensor-parallel-size 2` still evaluates the vLLM
 * configuration on it, the way vLLM would, with no price attached.
 */
import type { AcceleratorSpec, InstanceTypeSpec } from '../catalogue/types';

/** The family name that marks a server as not from the catalogue (and not priced). */
export const UNLISTED_FAMILY = 'unlisted';

/** A single server with `gpus` accelerators, PCIe-linked, priced at 0 in `region`. */
export function unlistedServer(accelerator: AcceleratorSpec, gpus: number, region: string): InstanceTypeSpec {
  return {
    name: `${gpus}x-${accelerator.id}-server`,
    family: UNLISTED_FAMILY,
    acceleratorId: accelerator.id,
    acceleratorCount: gpus,
    vcpus: 0,
    memoryGiB: 0,
    interconnect: { nvlink: false, efa: false, networkGbps: 0 },
    localNvmeGB: 0,
    cpuArchitecture: 'x86_64',
    onDemandPricePerHourUsd: { [region]: 0 },
    source: { specs: accelerator.source, price: { url: accelerator.source.url, retrieved: accelerator.source.retrieved, note: 'not an AWS instance type: no price' } },
  };
}

export function isUnlisted(instance: InstanceTypeSpec): boolean {
  return instance.family === UNLISTED_FAMILY;
}
