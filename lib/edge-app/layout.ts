/**
 * The file layout the edge inference app is shipped in, shared by the bundler (which writes it) and the
 * recipe builder (which points Greengrass at it). Changing a name here changes both sides together.
 */

/** The ZIP artifact; Greengrass unpacks it into `{artifacts:decompressedPath}/edge-inference-app/`. */
export const EDGE_APP_ARCHIVE_NAME = 'edge-inference-app.zip';

/** Folder Greengrass unpacks the archive into (the archive's name without `.zip`). */
export const EDGE_APP_FOLDER = EDGE_APP_ARCHIVE_NAME.replace(/\.zip$/, '');

/** The bundled entry point (CommonJS; ONNX Runtime's WebAssembly binary ships next to it, see runtime.ts). */
export const EDGE_APP_ENTRY = 'main.js';

/** The model artifact's file name. */
export const MODEL_FILE_NAME = 'model.onnx';

/** npm package of the Greengrass IPC client; native (aws-crt), so it is installed on the device, not bundled. */
export const IPC_SDK_PACKAGE = 'aws-iot-device-sdk-v2';

/** Pinned IPC client version. Source: npm registry, aws-iot-device-sdk-v2 latest = 1.28.0 (published 2026-08-06, read 2026-11). */
export const IPC_SDK_VERSION = '1.28.0';

/** Oldest Node.js the bundle targets (esbuild `node20`); the Install step refuses older runtimes. */
export const MIN_NODE_MAJOR = 20;

/** Input and output names of the anomaly model; the model builder and the app both use these. */
export const MODEL_IO = { features: 'features', threshold: 'threshold', score: 'score', isAnomaly: 'is_anomaly' } as const;
