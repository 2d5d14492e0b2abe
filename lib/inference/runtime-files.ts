/**
 * Files of ONNX Runtime Web the bundle ships. The handler bundles `ort.wasm.bundle.min.mjs` (the CPU/WASM
 * build with its Emscripten loader embedded, so nothing is imported dynamically at run time) and reads
 * the WebAssembly binary from a file next to the bundle.
 */

/** The WebAssembly binary of the CPU build of ONNX Runtime Web 1.x (SIMD, threads capable). */
export const ORT_WASM_FILE = 'ort-wasm-simd-threaded.wasm';
/** The ESM build with the loader embedded (relative to the package's `dist/`). */
export const ORT_EMBEDDED_BUILD = 'ort.wasm.bundle.min.mjs';
