/** Structured logs and CloudWatch Embedded Metric Format records written by the handler. */
import { createHttpHandler } from '../../lib/inference/http-handler';
import { emfRecord, INFERENCE_METRICS } from '../../lib/inference/telemetry';
import { irisClassifier } from '../fixtures/onnx/models';
import { createHarness, post } from './support/harness';

describe('Embedded Metric Format', () => {
  test('GIVEN metrics WHEN an EMF record is built THEN it declares namespace, both dimension sets and units, with values at the top level', () => {
    const record = emfRecord({
      namespace: 'AIModelDeployment/Inference', service: 'iris', modelVersion: 'v7', timestamp: 1_700_000_000_000,
      metrics: [{ name: 'ModelLatency', value: 3.5, unit: 'Milliseconds' }, { name: 'BatchSize', value: 4, unit: 'Count' }],
    });
    expect(record).toEqual({
      _aws: {
        Timestamp: 1_700_000_000_000,
        CloudWatchMetrics: [{
          Namespace: 'AIModelDeployment/Inference',
          Dimensions: [['Service'], ['Service', 'ModelVersion']],
          Metrics: [{ Name: 'ModelLatency', Unit: 'Milliseconds' }, { Name: 'BatchSize', Unit: 'Count' }],
        }],
      },
      Service: 'iris',
      ModelVersion: 'v7',
      ModelLatency: 3.5,
      BatchSize: 4,
    });
  });

  test('GIVEN a scored request WHEN it completes THEN latency, batch size, micro-batches and a zero error count are emitted with the model version', async () => {
    const h = createHarness(irisClassifier(), { metricsNamespace: 'Test/Inference' });
    await createHttpHandler(h.service)(post({ instances: [[5.1, 3.5, 1.4, 0.2], [6.3, 3.3, 6.0, 2.5]] }) as never, { awsRequestId: 'abc' });
    const request = h.metrics().find((m) => INFERENCE_METRICS.latency in m) as Record<string, unknown>;
    expect(request).toMatchObject({ Service: 'iris', ModelVersion: 'iris-v1', BatchSize: 2, MicroBatches: 1, ModelErrors: 0, requestId: 'abc' });
    expect(request.ModelLatency).toEqual(expect.any(Number));
    expect((request._aws as { CloudWatchMetrics: { Namespace: string }[] }).CloudWatchMetrics[0].Namespace).toBe('Test/Inference');
  });

  test('GIVEN an invalid request WHEN rejected THEN InvalidInputs=1 is emitted (and no ModelErrors)', async () => {
    const h = createHarness(irisClassifier());
    await createHttpHandler(h.service)(post({ instances: [['a']] }) as never);
    expect(h.metrics().filter((m) => m.InvalidInputs === 1)).toHaveLength(1);
    expect(h.metrics().filter((m) => m.ModelErrors === 1)).toHaveLength(0);
  });
});

describe('structured logs', () => {
  test('GIVEN any request WHEN logged THEN every line is JSON with timestamp, level, service, model version and request id', async () => {
    const h = createHarness(irisClassifier());
    await createHttpHandler(h.service)(post({ instances: [[5.1, 3.5, 1.4, 0.2]] }) as never, { awsRequestId: 'r-1' });
    const scored = h.lines.find((l) => l.message === 'scored');
    expect(scored).toMatchObject({ level: 'info', service: 'iris', modelVersion: 'iris-v1', mode: 'http', requestId: 'r-1', rows: 1 });
    expect(Date.parse(String(scored?.timestamp))).not.toBeNaN();
  });
});
