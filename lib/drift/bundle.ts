/**
 * Builds the drift job's Lambda bundle with esbuild, locally (no Docker): one `index.js` (plus its source
 * map). Like the inference bundle (lib/inference/bundle.ts), CDK (local bundling), cdktf (an archive
 * asset) and Pulumi (a FileArchive) ship this same directory. The AWS SDK v3 stays external: the Lambda
 * Node.js runtime provides it.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HANDLER_ENTRY, HANDLER_NODE_TARGET } from '../inference/bundle';

/** `Handler` setting of the drift function: `index.js`, export `handler`. */
export const DRIFT_HANDLER_ENTRY = HANDLER_ENTRY;

function esbuildModule(): typeof import('esbuild') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('esbuild') as typeof import('esbuild');
}

function entry(): string {
  const ts = path.join(__dirname, 'job-lambda.ts');
  return fs.existsSync(ts) ? ts : path.join(__dirname, 'job-lambda.js');
}

/** Source files the bundle draws on: lib/drift, lib/errors and the object-store and SDK helpers of lib/inference. */
function sources(): string[] {
  const code = (f: string) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts');
  const files = (dir: string) => fs.readdirSync(dir).filter(code).map((f) => path.join(dir, f));
  const lib = path.join(__dirname, '..');
  const single = (dir: string, name: string) => fs.readdirSync(dir).filter((f) => code(f) && f.replace(/\.(ts|js)$/, '') === name).map((f) => path.join(dir, f));
  return [...files(__dirname), ...files(path.join(lib, 'inference', 'aws')), ...single(path.join(lib, 'inference'), 'object-store'), ...single(lib, 'errors')];
}

/** A hash of the job's sources and the esbuild version: a settings change alone publishes no new code. */
export function driftBundleFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of sources().sort()) hash.update(path.basename(file)).update(fs.readFileSync(file));
  hash.update(`esbuild ${esbuildModule().version}`);
  return hash.digest('hex').slice(0, 16);
}

/** Bundles the drift job into `outDir`. Synchronous, so CDK's local bundling can call it. */
export function bundleDriftJob(outDir: string): void {
  fs.mkdirSync(outDir, { recursive: true });
  esbuildModule().buildSync({
    entryPoints: [entry()], bundle: true, platform: 'node', target: HANDLER_NODE_TARGET, format: 'cjs',
    outfile: path.join(outDir, 'index.js'), external: ['@aws-sdk/*'], minify: true, keepNames: true, sourcemap: true, logLevel: 'error',
  });
}

/**
 * The bundle directory for the current sources, built once into a cache folder named by the fingerprint.
 * @param cacheRoot @default `<os tmpdir>/aimd-drift-bundle`
 */
export function ensureDriftJobBundle(cacheRoot = path.join(os.tmpdir(), 'aimd-drift-bundle')): string {
  const dir = path.join(cacheRoot, driftBundleFingerprint());
  if (fs.existsSync(path.join(dir, 'index.js'))) return dir;
  // Built aside and renamed into place, so parallel jest workers never see a half-written bundle.
  const staging = `${dir}.tmp-${process.pid}`;
  bundleDriftJob(staging);
  try {
    fs.renameSync(staging, dir);
  } catch (e) {
    if (!fs.existsSync(path.join(dir, 'index.js'))) throw e;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}
