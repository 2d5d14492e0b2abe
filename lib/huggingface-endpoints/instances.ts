/**
 * Hugging Face Inference Endpoints GPU instances: which `instanceType` (an accelerator family) and
 * `instanceSize` (`x1`, `x2`, `x4`, `x8`: the GPU count) stand for the planner's accelerator and count.
 *
 * Source: the instance tables of https://huggingface.co/docs/inference-endpoints/support/pricing (read
 * 2026-12-03). The stored copy we could read shows the CPU table in full; the GPU names below are the ones
 * that page and the API use (`nvidia-t4`, `nvidia-l4`, `nvidia-a10g`, `nvidia-l40s`, `nvidia-a100`,
 * `nvidia-h100`, `nvidia-h200`), but we could not read each vendor's sizes and hourly rates, so no price is
 * recorded here (the plan's cost stays the cloud's VM price) and a size the vendor does not offer in a region
 * is refused by the API itself (its 400 message is surfaced by the client).
 */
import type { CloudProvider } from '../spec/types';

/** One Inference Endpoints GPU family and the catalogue accelerator it carries. */
export interface HuggingFaceGpuInstance {
  /** `compute.instanceType`, e.g. `nvidia-l4`. */
  readonly instanceType: string;
  /** The accelerator id of lib/catalogue (the planner's `accelerator`). */
  readonly acceleratorId: string;
  /** Vendors Hugging Face offers the family on (the pricing page's `Provider` column). */
  readonly vendors: readonly CloudProvider[];
}

export const HUGGING_FACE_GPU_INSTANCES: readonly HuggingFaceGpuInstance[] = [
  { instanceType: 'nvidia-t4', acceleratorId: 't4', vendors: ['aws', 'gcp'] },
  { instanceType: 'nvidia-l4', acceleratorId: 'l4', vendors: ['aws', 'gcp'] },
  { instanceType: 'nvidia-a10g', acceleratorId: 'a10g', vendors: ['aws'] },
  { instanceType: 'nvidia-l40s', acceleratorId: 'l40s', vendors: ['aws'] },
  // Hugging Face's A100 is the 80 GB part.
  { instanceType: 'nvidia-a100', acceleratorId: 'a100-80gb', vendors: ['aws', 'gcp', 'azure'] },
  { instanceType: 'nvidia-h100', acceleratorId: 'h100-80gb', vendors: ['aws', 'gcp', 'azure'] },
  { instanceType: 'nvidia-h200', acceleratorId: 'h200', vendors: ['aws'] },
];

/** GPU counts an instance size names. */
export const HUGGING_FACE_INSTANCE_SIZES: Readonly<Record<number, string>> = { 1: 'x1', 2: 'x2', 4: 'x4', 8: 'x8' };

/** The Inference Endpoints instance of a fixed `instanceType` name, if it is one. */
export function huggingFaceInstanceNamed(instanceType: string): HuggingFaceGpuInstance | undefined {
  return HUGGING_FACE_GPU_INSTANCES.find((i) => i.instanceType === instanceType);
}

/** The Inference Endpoints instance carrying a catalogue accelerator, if any. */
export function huggingFaceInstanceFor(acceleratorId: string): HuggingFaceGpuInstance | undefined {
  return HUGGING_FACE_GPU_INSTANCES.find((i) => i.acceleratorId === acceleratorId);
}
