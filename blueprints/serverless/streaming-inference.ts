/**
 * `streaming-inference`: a fraud model (ONNX) scores transactions written to a Kinesis data stream;
 * results are published to an EventBridge bus. Failed records are retried with bisect-on-error and end in
 * a dead-letter queue; invalid records are published as rejected.
 */
import { STREAMING_INFERENCE_RENDERERS } from './renderers';
import { serverlessBlueprint } from './serverless-blueprint';

export const STREAMING_INFERENCE = serverlessBlueprint({
  name: 'streaming-inference',
  description: 'Fraud model (ONNX) on Kinesis -> Lambda (partial batch failures) -> EventBridge',
  spec: {
    name: 'streaming-inference',
    description: 'Event-driven scoring of a Kinesis stream with ONNX Runtime on Lambda',
    model: { id: 'fraud-detector', task: 'anomaly-detection' },
    runtime: { engine: 'onnxruntime' },
    target: { kind: 'streaming', source: 'kinesis', batchSize: 100, maxBatchingWindowSeconds: 2, sink: 'eventbridge' },
    monitoring: { logRetentionDays: 365 },
  },
  ...STREAMING_INFERENCE_RENDERERS,
});
