/** Serverless inference constructs: real-time Lambda, batch scoring and streaming. */
export * from './serverless-inference';
export * from './batch-scoring-workflow';
export * from './streaming-inference-source';
export * from './drift-detection-job';
