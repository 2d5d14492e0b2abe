/**
 * The Lambda entry point (`index.handler` in the bundle built by `bundle.ts`). It wires the real
 * dependencies: ONNX Runtime Web (bundled, with its WebAssembly binary next to the bundle), S3, and the
 * configured result sink. Initialisation starts while the execution environment is created, so a
 * provisioned-concurrency environment has its model loaded before the first request arrives.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import * as ort from 'onnxruntime-web';
import { S3ObjectStore } from './aws/s3-object-store';
import { createResultSink } from './aws/result-sinks';
import { createBatchHandler } from './batch-handler';
import { readHandlerConfig } from './config';
import { createHttpHandler, type InvocationContext } from './http-handler';
import { LocalFileObjectStore, type ObjectLocation, type ObjectStore } from './object-store';
import { configureOnnxRuntime } from './onnx-model';
import { ORT_WASM_FILE } from './runtime-files';
import { InferenceService } from './service';
import { createStreamHandler, type StreamEvent } from './stream-handler';
import { errorFields } from './telemetry';
import { tracerFromEnvironment } from './xray-subsegments';

type Handler = (event: never, context: InvocationContext) => Promise<unknown>;

/** `file://` locations read from disk (local runs); everything else from S3, whose client is created on first use. */
function storeFor(): ObjectStore {
  const local = new LocalFileObjectStore();
  let s3: S3ObjectStore | undefined;
  const pick = (location: ObjectLocation): ObjectStore => (location.scheme === 'file' ? local : (s3 ??= new S3ObjectStore()));
  return {
    get: (location) => pick(location).get(location),
    head: (location) => pick(location).head(location),
    put: (location, body, options) => pick(location).put(location, body, options),
  };
}

async function initialise(): Promise<Handler> {
  const config = readHandlerConfig(process.env);
  configureOnnxRuntime(ort, readFileSync(path.join(__dirname, ORT_WASM_FILE)));
  const service = new InferenceService({ config, store: storeFor(), runtime: ort });
  // Start loading the model now; a failure is reported (and retried) by the first invocation.
  service.model().catch(() => undefined);
  // Spans of the invocation's X-Ray trace; Lambda sets the daemon address only with active tracing.
  const tracer = tracerFromEnvironment(process.env);
  switch (config.mode) {
    case 'http': return createHttpHandler(service, tracer) as Handler;
    case 'batch': return createBatchHandler(service, tracer) as Handler;
    case 'stream': {
      const sink = config.sink as NonNullable<typeof config.sink>;
      return createStreamHandler(service, createResultSink(sink.kind, sink.target, sink.eventSource), tracer) as Handler;
    }
  }
}

const ready: Promise<Handler> = initialise();
ready.catch((error) => process.stdout.write(`${JSON.stringify({ level: 'error', message: 'handler initialisation failed', ...errorFields(error) })}\n`));

export async function handler(event: unknown, context: InvocationContext): Promise<unknown> {
  const handle = await ready;
  return handle(event as never, context);
}

export type { StreamEvent };
