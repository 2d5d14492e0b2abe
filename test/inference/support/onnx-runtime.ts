/**
 * ONNX Runtime Web for jest: the same build the Lambda bundle ships (compiled to CommonJS by
 * `bundleOnnxRuntimeForNode`), loaded with plain `require` because jest cannot run the `import()` of an
 * `.mjs` that the package's Node entry uses. This is the real runtime, not a mock.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundleOnnxRuntimeForNode } from '../../../lib/inference/bundle';
import { configureOnnxRuntime, type OnnxRuntime } from '../../../lib/inference/onnx-model';

let cached: OnnxRuntime | undefined;

export function loadOnnxRuntimeForTests(): OnnxRuntime {
  if (cached) return cached;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aimd-ort-'));
  const { modulePath, wasmPath } = bundleOnnxRuntimeForNode(dir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ort = require(modulePath) as OnnxRuntime;
  configureOnnxRuntime(ort, fs.readFileSync(wasmPath));
  fs.rmSync(dir, { recursive: true, force: true });
  cached = ort;
  return ort;
}
