import type { Blueprint } from '../blueprint';
import { HF_INFERENCE_ENDPOINT } from './hf-inference-endpoint';

/** Blueprints of this area, in the order `aimd synth` renders them. */
export const HUGGING_FACE_BLUEPRINTS: readonly Blueprint[] = [HF_INFERENCE_ENDPOINT];
