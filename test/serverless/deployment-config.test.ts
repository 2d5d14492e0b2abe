/** From spec to the engine-neutral serverless configuration: defaults, names, the handler environment, and refusals. */
import { functionEnvironment, handlerSettingsFor } from '../../lib/inference/deployment/config';
import { serverlessResourceNames } from '../../lib/inference/deployment/names';
import { readHandlerConfig } from '../../lib/inference/config';
import { InputValidationError } from '../../lib/errors';
import { configFor } from './support/configs';

describe('serverlessDeploymentConfig', () => {
  test('GIVEN a lambda target WHEN planned THEN memory, timeout, architecture, concurrency and the Node.js 22 runtime come from the spec', () => {
    const config = configFor({ target: { kind: 'lambda', memoryMb: 1024, timeoutSeconds: 12, reservedConcurrency: 30, provisionedConcurrency: 3 } });
    expect(config.workload).toBe('realtime');
    expect(config.function).toMatchObject({ memoryMb: 1024, timeoutSeconds: 12, architecture: 'arm64', runtime: 'nodejs22.x', reservedConcurrency: 30, provisionedConcurrency: 3, tracing: 'Active' });
    expect(config.api).toEqual({ kind: 'http-api', rateLimit: 2, burstLimit: 4 });
    expect(config.release).toEqual({ strategy: 'canary', percent: 10, intervalMinutes: 10, deploymentConfigName: 'scoring-Canary10Percent10Minutes', rollbackAlarms: ['latency-p95', 'errors-5xx', 'model-errors'] });
  });

  test('GIVEN no artifact URI WHEN planned THEN the model is one object in the deployment\'s own bucket', () => {
    const config = configFor({ target: { kind: 'lambda' }, model: { id: 'churn-model', artifact: { version: 'v123', sha256: 'a'.repeat(64) } } });
    expect(config.model).toEqual({ ownBucket: true, bucket: 'scoring-models-123456789012-us-east-1', key: 'models/churn-model/model.onnx', versionId: 'v123', sha256: 'a'.repeat(64) });
  });

  test('GIVEN an artifact prefix in another bucket WHEN planned THEN the model key is model.onnx under it and no bucket is owned', () => {
    const config = configFor({ target: { kind: 'lambda' }, model: { id: 'm', artifact: { uri: 's3://shared-models/fraud/v3/' } } });
    expect(config.model).toMatchObject({ ownBucket: false, bucket: 'shared-models', key: 'fraud/v3/model.onnx' });
  });

  test('GIVEN a linear rollout WHEN planned THEN CodeDeploy shifts by the linear step every interval', () => {
    const config = configFor({ target: { kind: 'lambda' }, rollout: { strategy: 'linear', linearStepPercent: 25, intervalMinutes: 5 } });
    expect(config.release).toMatchObject({ strategy: 'linear', percent: 25, intervalMinutes: 5, deploymentConfigName: 'scoring-Linear25Percent5Minutes' });
  });

  test('GIVEN a batch target WHEN planned THEN the map concurrency also caps the function, and runs start on new objects unless scheduled', () => {
    const config = configFor({ target: { kind: 'batch', maxConcurrency: 7 } });
    expect(config.function).toMatchObject({ memoryMb: 3008, timeoutSeconds: 300, reservedConcurrency: 7 });
    expect(config.batch).toMatchObject({ executor: 'lambda', inputPrefix: 'input/', outputPrefix: 'output/', runsPrefix: 'runs/', maxConcurrency: 7, schedule: undefined });
  });

  test('GIVEN an SQS streaming target WHEN planned THEN the queue visibility timeout is six function timeouts', () => {
    const config = configFor({ target: { kind: 'streaming', source: 'sqs', batchSize: 10, maxBatchingWindowSeconds: 0, sink: 'sqs' } });
    expect(config.streaming).toMatchObject({ source: 'sqs', sink: 'sqs', batchSize: 10, visibilityTimeoutSeconds: 360, maxReceiveCount: 5 });
  });

  test('GIVEN a spec serverless inference cannot honour WHEN planned THEN every problem is reported at once with its fix', () => {
    try {
      configFor({
        runtime: { engine: 'sklearn' },
        target: { kind: 'lambda', reservedConcurrency: 2, provisionedConcurrency: 5 },
        traffic: { maxPayloadKb: 8192 },
        rollout: { strategy: 'shadow' },
      });
      throw new Error('expected a rejection');
    } catch (e) {
      expect(e).toBeInstanceOf(InputValidationError);
      expect((e as InputValidationError).problems.map((p) => p.field)).toEqual(['runtime.engine', 'traffic.maxPayloadKb', 'target.provisionedConcurrency', 'rollout.strategy']);
      expect((e as Error).message).toMatch(/export the model to ONNX/);
    }
  });

  test('GIVEN an SQS source with 100-message batches and no window WHEN planned THEN it is refused (SQS needs a window above 10)', () => {
    expect(() => configFor({ target: { kind: 'streaming', source: 'sqs', batchSize: 100, maxBatchingWindowSeconds: 0 } })).toThrow(/target\.batchSize \(100\): SQS batches above 10 need a batching window/);
  });
});

describe('the function environment', () => {
  test.each([
    ['lambda', { kind: 'lambda' }, 'http'],
    ['batch', { kind: 'batch' }, 'batch'],
    ['streaming', { kind: 'streaming', sink: 'sqs' }, 'stream'],
  ] as const)('GIVEN a %s target WHEN the environment is written THEN the handler reads it back as a valid configuration', (_kind, target, mode) => {
    const config = configFor({ target });
    const handler = readHandlerConfig(functionEnvironment(config));
    expect(handler.mode).toBe(mode);
    expect(handler.model).toMatchObject({ bucket: config.model.bucket, key: config.model.key });
  });

  test('GIVEN the streaming SQS sink WHEN settings are built THEN results go to the queue URL derived from its name', () => {
    const settings = handlerSettingsFor(configFor({ target: { kind: 'streaming', sink: 'sqs' } }));
    expect(settings.sink).toEqual({ kind: 'sqs', target: 'https://sqs.us-east-1.amazonaws.com/123456789012/scoring-results' });
  });
});

describe('resource names', () => {
  test('GIVEN the longest deployment name WHEN bucket names are derived THEN they stay within 63 characters and keep account and region', () => {
    const names = serverlessResourceNames('a'.repeat(40), '123456789012', 'ap-southeast-2');
    for (const bucket of [names.modelBucket, names.dataBucket, names.accessLogsBucket]) {
      expect(bucket.length).toBeLessThanOrEqual(63);
      expect(bucket).toMatch(/-123456789012-ap-southeast-2$/);
    }
    expect(names.functionName.length).toBeLessThanOrEqual(64);
  });
});
