/**
 * Packages the edge app as the component's ZIP artifact: `main.js` (esbuild bundle of the app with ONNX
 * Runtime Web's self-contained CPU build inside) and the runtime's WebAssembly binary next to it.
 * Build-time code: it runs where the infrastructure is synthesized, never on the device.
 *
 * The archive is reproducible (same sources, same esbuild, same bytes), because its digest becomes part
 * of the S3 key and the recipe: an unchanged app must not look like a new release.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { createZipArchive } from '../edge/zip-archive';
import { ORT_EMBEDDED_BUILD, ORT_WASM_FILE } from '../inference/runtime-files';
import { EDGE_APP_ENTRY, IPC_SDK_PACKAGE, MIN_NODE_MAJOR } from './layout';
import { onnxRuntimeDistDir } from '../engine-packages';

export interface EdgeAppArchive {
  /** The ZIP file's bytes. */
  readonly bytes: Buffer;
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string;
  /** Entry names, sorted. */
  readonly entries: readonly string[];
}

/** The repository (or installed package) root: paths in the bundle are relative to it, so they do not depend on the machine. */
const PACKAGE_ROOT = resolve(__dirname, '..', '..', existsSync(join(__dirname, '..', '..', 'package.json')) ? '' : '..');

function ortDistDir(): string {
  return onnxRuntimeDistDir('Bundling the Greengrass edge app');
}

/** The bundled JavaScript of the app (`main.js`). */
export function bundleEdgeApp(): Uint8Array {
  const source = join(__dirname, 'main.ts');
  const result = buildSync({
    entryPoints: [existsSync(source) ? source : join(__dirname, 'main.js')],
    absWorkingDir: PACKAGE_ROOT,
    bundle: true,
    platform: 'node',
    target: `node${MIN_NODE_MAJOR}`,
    format: 'cjs',
    write: false,
    alias: { 'onnxruntime-web': join(ortDistDir(), ORT_EMBEDDED_BUILD) },
    // The embedded build needs no dynamic import; compiling them away keeps the bundle plain CommonJS.
    supported: { 'dynamic-import': false },
    // Native (aws-crt): installed on the device by the recipe's Install step, loaded at run time.
    external: [IPC_SDK_PACKAGE],
    legalComments: 'eof',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.contents;
}

let cached: EdgeAppArchive | undefined;

/** Builds the app archive once per process (bundling and compressing take about a second). */
export function buildEdgeAppArchive(): EdgeAppArchive {
  if (cached) return cached;
  const entries = [
    { name: EDGE_APP_ENTRY, data: bundleEdgeApp() },
    { name: ORT_WASM_FILE, data: readFileSync(join(ortDistDir(), ORT_WASM_FILE)) },
  ];
  const bytes = createZipArchive(entries);
  cached = { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), entries: entries.map((e) => e.name).sort() };
  return cached;
}
