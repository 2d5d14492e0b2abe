/**
 * GKE's names for the catalogue's accelerators: the `guest_accelerator.type` of a node pool and the value of the
 * `cloud.google.com/gke-accelerator` node label (GKE docs, "About GPUs in GKE" and "Run GPUs in GKE Standard node
 * pools", read 2026-12-03). The A3 Mega machines carry their own H100 name.
 */
const GKE_ACCELERATORS: Readonly<Record<string, string>> = {
  t4: 'nvidia-tesla-t4',
  l4: 'nvidia-l4',
  'a100-40gb': 'nvidia-tesla-a100',
  'a100-80gb': 'nvidia-a100-80gb',
  'h100-80gb': 'nvidia-h100-80gb',
  h200: 'nvidia-h200-141gb',
};

/** The GKE accelerator type of a catalogue accelerator on a machine type, or undefined when GKE offers none. */
export function gkeAcceleratorType(acceleratorId: string, machineType: string): string | undefined {
  if (acceleratorId === 'h100-80gb' && machineType.startsWith('a3-megagpu')) return 'nvidia-h100-mega-80gb';
  return GKE_ACCELERATORS[acceleratorId];
}

export function gkeAcceleratorIds(): readonly string[] {
  return Object.keys(GKE_ACCELERATORS);
}
