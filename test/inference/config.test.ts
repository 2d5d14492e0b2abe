/** The handler's environment contract: what infrastructure writes is what the handler reads. */
import { ENV, handlerEnvironment, readHandlerConfig } from '../../lib/inference/config';
import { HandlerConfigurationError } from '../../lib/inference/errors';

const SHA = 'a'.repeat(64);

describe('handler environment', () => {
  test('GIVEN stream settings WHEN written and read back THEN the configuration round-trips with defaults filled', () => {
    const env = handlerEnvironment({
      mode: 'stream', modelUri: 's3://models-1/fraud/model.onnx', modelVersionId: 'abc123', modelSha256: SHA, serviceName: 'fraud',
      sink: { kind: 'eventbridge', target: 'results-bus' },
    });
    expect(readHandlerConfig(env)).toEqual({
      mode: 'stream',
      model: { scheme: 's3', bucket: 'models-1', key: 'fraud/model.onnx', versionId: 'abc123' },
      modelSha256: SHA,
      modelVersionLabel: 'abc123',
      maxPayloadBytes: 262144,
      maxRows: 1000,
      microBatchRows: 64,
      metricsNamespace: 'AIModelDeployment/Inference',
      serviceName: 'fraud',
      batch: undefined,
      sink: { kind: 'eventbridge', target: 'results-bus', eventSource: 'aimd.fraud' },
    });
  });

  test('GIVEN a broken environment WHEN read THEN every problem is reported at once', () => {
    const env = { [ENV.mode]: 'batch', [ENV.modelUri]: 'https://example.com/m.onnx', [ENV.modelSha256]: 'ABC', [ENV.maxPayloadBytes]: '7000000', [ENV.microBatchRows]: '1.5' };
    try {
      readHandlerConfig(env);
      throw new Error('expected a rejection');
    } catch (e) {
      expect(e).toBeInstanceOf(HandlerConfigurationError);
      expect((e as HandlerConfigurationError).problems.map((p) => p.field)).toEqual([
        ENV.modelUri, ENV.modelSha256, ENV.maxPayloadBytes, ENV.microBatchRows, ENV.batchInputBucket, ENV.batchOutputUri,
      ]);
    }
  });

  test('GIVEN a payload limit above the 6 MB synchronous invoke limit WHEN read THEN it is refused', () => {
    const env = handlerEnvironment({ mode: 'http', modelUri: 's3://models-1/m.onnx', serviceName: 's', maxPayloadBytes: 7 * 1024 * 1024 });
    expect(() => readHandlerConfig(env)).toThrow(/MAX_PAYLOAD_BYTES: must be a whole number from 1 to 6291456/);
  });
});
