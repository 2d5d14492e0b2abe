import { parseEdgeAppArgs } from '../../lib/edge-app/config';

const REQUIRED = ['--model', '/gg/model.onnx', '--threshold', '3.5', '--input-topic', 'in', '--output-topic', 'out', '--error-topic', 'err', '--health-topic', 'health'];

describe('edge app configuration', () => {
  test('GIVEN the arguments the recipe passes THEN numbers are parsed from their string form', () => {
    const config = parseEdgeAppArgs([...REQUIRED, '--model-version', 'zscore-v2', '--health-interval-seconds', '30', '--max-batch-size=16', '--ipc-sdk-dir', '/gg/work/ipc']);
    expect(config).toEqual({
      modelPath: '/gg/model.onnx', modelVersion: 'zscore-v2', threshold: 3.5,
      topics: { input: 'in', output: 'out', errors: 'err', health: 'health' },
      healthIntervalSeconds: 30, maxBatchSize: 16, pubsub: 'greengrass', ipcSdkDir: '/gg/work/ipc',
    });
  });

  test('GIVEN only the required arguments THEN the defaults apply', () => {
    expect(parseEdgeAppArgs(REQUIRED)).toMatchObject({ modelVersion: 'unknown', healthIntervalSeconds: 60, maxBatchSize: 64, pubsub: 'greengrass' });
  });

  test('GIVEN a configuration key the deployment forgot THEN the unreplaced recipe variable is named', () => {
    expect(() => parseEdgeAppArgs([...REQUIRED, '--threshold', '{configuration:/threshold}'])).toThrow(/--threshold \('\{configuration:\/threshold\}'\): still contains a recipe variable/);
  });

  test('GIVEN many mistakes THEN every one is listed at once', () => {
    let message = '';
    try {
      parseEdgeAppArgs(['--threshold', 'NaN', '--input-topic', 'a/#', '--output-topic', 'a/#', '--max-batch-size', '100000', '--pubsub', 'mqtt', '--colour', 'red', '--health-topic']);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Edge inference app configuration has 10 problems:/);
    for (const fragment of [
      /--colour \('red'\): is not a known option/, /--health-topic .*needs a value/, /--model .*is required/, /--threshold \('NaN'\): must be a finite number/,
      /--input-topic \('a\/#'\): contains an MQTT wildcard/, /--input-topic \('a\/#'\): is also an output topic/, /--max-batch-size \('100000'\)/,
      /--pubsub \('mqtt'\): must be greengrass or stdio/, /--error-topic .*is required/, /--output-topic \('a\/#'\): contains an MQTT wildcard/,
    ]) expect(message).toMatch(fragment);
  });
});
