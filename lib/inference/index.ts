/**
 * The ONNX inference handler: real-time (HTTP API / function URL), batch (Step Functions items) and
 * stream (Kinesis/SQS) modes over one model loader, input validation, micro-batching and EMF metrics.
 * The Lambda entry point is `lambda.ts` (bundled by `bundle.ts`); these exports let users compose the
 * handler with their own stores and sinks (and let tests run it in memory).
 */
export { createBatchHandler, batchOutputKey, BATCH_OUTPUT_METADATA } from './batch-handler';
export { CAPTURE_PREFIX, captureFeatures, captureKey, capturePrediction, RequestCapture } from './capture';
export type { CaptureConfig, CaptureRecord } from './capture';
export type { BatchItemEvent, BatchItemResult } from './batch-handler';
export { handlerEnvironment, readHandlerConfig, ENV, LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES } from './config';
export type { HandlerConfig, HandlerSettings, InferenceMode, ResultSinkKind } from './config';
export { FieldProblemCollector, HandlerConfigurationError, InvalidInputError, ModelExecutionError, ModelIntegrityError } from './errors';
export type { FieldProblem } from './errors';
export { createHttpHandler, parseRequestBody } from './http-handler';
export type { HttpRequestEvent, HttpResponse, InvocationContext } from './http-handler';
export { deriveInputSchema, validateInstances, validateRow } from './input-schema';
export type { InputSchema, RowValues, TensorInputSpec } from './input-schema';
export { chunk, scoreInMicroBatches } from './micro-batch';
export { ModelLoader, sha256Hex } from './model-loader';
export { InMemoryObjectStore, LocalFileObjectStore, formatObjectUri, parseObjectUri } from './object-store';
export type { ObjectLocation, ObjectStore, StoredObject } from './object-store';
export { configureOnnxRuntime, loadOnnxModel } from './onnx-model';
export type { LoadedModel, OnnxRuntime, Prediction } from './onnx-model';
export { InMemoryResultSink } from './result-sink';
export type { ResultMessage, ResultSink } from './result-sink';
export { InferenceService } from './service';
export { createStreamHandler } from './stream-handler';
export type { StreamBatchResponse, StreamEvent } from './stream-handler';
export { emfRecord, INFERENCE_METRICS, StructuredLogger } from './telemetry';
