/**
 * The artifact that ships: the esbuild bundle (index.js + the ONNX Runtime WebAssembly binary) is built
 * and run in a plain Node.js process, as Lambda runs it, against a model file.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundleInferenceHandler, inferenceBundleFingerprint } from '../../lib/inference/bundle';
import { handlerEnvironment } from '../../lib/inference/config';
import { sha256Hex } from '../../lib/inference/model-loader';
import { ORT_WASM_FILE } from '../../lib/inference/runtime-files';
import { irisClassifier } from '../fixtures/onnx/models';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aimd-bundle-test-'));
  bundleInferenceHandler(path.join(dir, 'bundle'));
  fs.writeFileSync(path.join(dir, 'model.onnx'), irisClassifier());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('GIVEN the built bundle WHEN listed THEN it holds a small index.js (AWS SDK left to the runtime, no dynamic import) and the WebAssembly binary', () => {
  expect(fs.readdirSync(path.join(dir, 'bundle')).sort()).toEqual(['index.js', 'index.js.map', ORT_WASM_FILE].sort());
  const code = fs.readFileSync(path.join(dir, 'bundle', 'index.js'), 'utf8');
  expect(code.length).toBeLessThan(1024 * 1024);
  expect(code.includes("'@aws-sdk/client-s3'") || code.includes('"@aws-sdk/client-s3"')).toBe(true);
  expect(/\bimport\(/.test(code)).toBe(false);
});

test('GIVEN the bundle run by node with a file:// model WHEN invoked with an HTTP event THEN it answers 200 with the prediction', () => {
  const env = handlerEnvironment({ mode: 'http', modelUri: `file://${path.join(dir, 'model.onnx')}`, modelSha256: sha256Hex(irisClassifier()), serviceName: 'iris' });
  const event = { requestContext: { requestId: 'x', http: { method: 'POST' } }, headers: {}, body: JSON.stringify({ instances: [[6.3, 3.3, 6.0, 2.5]] }) };
  const script = `require(${JSON.stringify(path.join(dir, 'bundle', 'index.js'))}).handler(${JSON.stringify(event)}, { awsRequestId: 'x' }).then((r) => process.stderr.write('RESULT' + JSON.stringify(r)))`;
  const run = spawnSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 60_000 });
  expect(run.status).toBe(0);
  const result = JSON.parse(run.stderr.slice(run.stderr.indexOf('RESULT') + 'RESULT'.length)) as { statusCode: number; body: string };
  expect(result.statusCode).toBe(200);
  expect(JSON.parse(result.body).predictions[0].label).toBe(2);
  // The handler's own structured logs went to stdout, as CloudWatch Logs will see them.
  expect(run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).message)).toEqual(expect.arrayContaining(['model loaded', 'scored']));
});

test('GIVEN unchanged sources WHEN fingerprinted twice THEN the fingerprint is stable (bundles are cached by it)', () => {
  expect(inferenceBundleFingerprint()).toBe(inferenceBundleFingerprint());
});
