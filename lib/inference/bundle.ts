/**
 * Builds the Lambda bundle of the inference handler with esbuild, locally (no Docker): `index.js` plus
 * the ONNX Runtime WebAssembly binary. CDK (local bundling), cdktf (an archive asset) and Pulumi (a
 * FileArchive) all ship this same directory, so the three engines deploy identical code.
 *
 * The build aliases `onnxruntime-web` to its self-contained ESM build and compiles it to CommonJS; the
 * same compilation gives jest a runtime it can load (see {@link bundleOnnxRuntimeForNode}).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BuildOptions } from 'esbuild';
import { ORT_EMBEDDED_BUILD, ORT_WASM_FILE } from './runtime-files';
import { onnxRuntimeDistDir } from '../engine-packages';

/** Node.js version the bundle targets: the Lambda `nodejs22.x` runtime. */
export const HANDLER_NODE_TARGET = 'node22';
/** `Handler` setting of the function: `index.js`, export `handler`. */
export const HANDLER_ENTRY = 'index.handler';

function ortDistDir(): string {
  return onnxRuntimeDistDir('Bundling the ONNX inference handler (Lambda, batch and streaming targets)');
}

function esbuildModule(): typeof import('esbuild') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('esbuild') as typeof import('esbuild');
}

/** esbuild settings shared by the Lambda bundle and the jest runtime. */
function commonOptions(): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    target: HANDLER_NODE_TARGET,
    format: 'cjs',
    alias: { 'onnxruntime-web': path.join(ortDistDir(), ORT_EMBEDDED_BUILD) },
    // The embedded build never needs a dynamic import; compiling them away keeps the output CommonJS-only.
    supported: { 'dynamic-import': false },
    logLevel: 'error',
  };
}

function handlerEntry(): string {
  const ts = path.join(__dirname, 'lambda.ts');
  return fs.existsSync(ts) ? ts : path.join(__dirname, 'lambda.js');
}

/** Folders under lib/inference whose code never enters the bundle (infrastructure descriptions). */
const NOT_BUNDLED = new Set(['deployment', 'container']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return NOT_BUNDLED.has(entry.name) ? [] : sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * A hash of everything that goes into the bundle: handler sources, ONNX Runtime and esbuild versions. A
 * change of infrastructure settings alone does not change it, so it does not publish a new Lambda version.
 */
export function inferenceBundleFingerprint(): string {
  const hash = createHash('sha256');
  for (const dir of [__dirname, path.join(__dirname, '..', 'onnx')]) {
    for (const file of sourceFiles(dir).sort()) hash.update(path.basename(file)).update(fs.readFileSync(file));
  }
  const ortVersion = (JSON.parse(fs.readFileSync(path.join(ortDistDir(), '..', 'package.json'), 'utf8')) as { version: string }).version;
  hash.update(`ort ${ortVersion} esbuild ${esbuildModule().version}`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Bundles the handler into `outDir` (`index.js`, its source map and the WebAssembly binary). Synchronous,
 * so CDK's local bundling can call it.
 */
export function bundleInferenceHandler(outDir: string): void {
  fs.mkdirSync(outDir, { recursive: true });
  esbuildModule().buildSync({
    ...commonOptions(),
    entryPoints: [handlerEntry()],
    outfile: path.join(outDir, 'index.js'),
    // The Lambda runtime provides the AWS SDK v3.
    external: ['@aws-sdk/*'],
    minify: true,
    keepNames: true,
    sourcemap: true,
  });
  fs.copyFileSync(path.join(ortDistDir(), ORT_WASM_FILE), path.join(outDir, ORT_WASM_FILE));
}

/**
 * The bundle directory for the current sources, built once into a cache folder named by the fingerprint
 * (cdktf and Pulumi reference it as an archive).
 * @param cacheRoot @default `<os tmpdir>/aimd-inference-bundle`
 */
export function ensureInferenceBundle(cacheRoot = path.join(os.tmpdir(), 'aimd-inference-bundle')): string {
  const dir = path.join(cacheRoot, inferenceBundleFingerprint());
  if (fs.existsSync(path.join(dir, ORT_WASM_FILE))) return dir;
  // Build aside and move into place in one rename, so that parallel processes (jest workers) never see a
  // half-written bundle; the first rename wins and the others discard their copy.
  const staging = `${dir}.tmp-${process.pid}`;
  bundleInferenceHandler(staging);
  try {
    fs.renameSync(staging, dir);
  } catch (e) {
    if (!fs.existsSync(path.join(dir, ORT_WASM_FILE))) throw e;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/**
 * Compiles ONNX Runtime Web to a CommonJS file that plain `require` (and jest, which cannot run its
 * dynamic `import()` of an `.mjs`) can load. Returns the file and the WebAssembly binary to configure.
 */
export function bundleOnnxRuntimeForNode(outDir: string): { readonly modulePath: string; readonly wasmPath: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const entry = path.join(outDir, 'ort-entry.js');
  fs.writeFileSync(entry, "module.exports = require('onnxruntime-web');\n");
  const modulePath = path.join(outDir, 'ort.cjs.js');
  esbuildModule().buildSync({ ...commonOptions(), entryPoints: [entry], outfile: modulePath, nodePaths: [path.join(ortDistDir(), '..', '..')] });
  return { modulePath, wasmPath: path.join(ortDistDir(), ORT_WASM_FILE) };
}
