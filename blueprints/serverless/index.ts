import type { Blueprint } from '../blueprint';
import { BATCH_SCORING } from './batch-scoring';
import { SERVERLESS_ONNX } from './serverless-onnx';
import { STREAMING_INFERENCE } from './streaming-inference';

/** Blueprints of this area, in the order `aimd synth` renders them. */
export const SERVERLESS_BLUEPRINTS: readonly Blueprint[] = [SERVERLESS_ONNX, BATCH_SCORING, STREAMING_INFERENCE];

export { serverlessBlueprint, serverlessConfigFor } from './serverless-blueprint';
export { BATCH_SCORING, SERVERLESS_ONNX, STREAMING_INFERENCE };
