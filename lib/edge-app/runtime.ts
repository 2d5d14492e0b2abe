/**
 * ONNX Runtime Web for the edge app. The bundle aliases `onnxruntime-web` to the package's self-contained
 * CPU build (`ort.wasm.bundle.min.mjs`: the Emscripten loader embedded, nothing imported at run time) and
 * ships the WebAssembly binary next to `main.js`, the same way the Lambda handler does (lib/inference).
 * One runtime for x86_64 and aarch64 devices: no native binary to match to the device.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configureOnnxRuntime, type OnnxRuntime } from '../inference/onnx-model';
import { ORT_WASM_FILE } from '../inference/runtime-files';

/**
 * Loads the runtime bundled with the app and gives it the WebAssembly binary from `directory`.
 * @throws Error when the binary is missing (a broken artifact: the component then fails and rolls back)
 */
export function loadBundledOnnxRuntime(directory: string): OnnxRuntime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ort = require('onnxruntime-web') as OnnxRuntime;
  configureOnnxRuntime(ort, readFileSync(join(directory, ORT_WASM_FILE)));
  return ort;
}
