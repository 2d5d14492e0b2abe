/**
 * Install size of a consumer that uses one engine: the packed package plus that engine's peer packages,
 * installed by npm into an empty project (`--prefer-offline`: the npm cache `npm ci` filled, the registry
 * for anything missing). Fails when an install brings another engine's packages.
 *
 *   node dist/bench/install-size.js      # after `npm run build`
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE_PACKAGES } from '../lib/engine-packages';

const ROOT = join(__dirname, '..', '..');

export interface InstallSize {
  readonly name: string;
  readonly value: number;
  readonly unit: 'MiB';
  /** Maximum. */
  readonly target: number;
  readonly higherIsBetter: false;
}

/** Packages no consumer of `engine` may get. */
const FOREIGN: Record<'cdk' | 'pulumi', RegExp> = {
  cdk: /^(cdktf|@cdktf\/|@pulumi\/)/,
  pulumi: /^(aws-cdk-lib|cdktf|@cdktf\/|cdk-nag|@cdklabs\/cdk-validator-cfnguard)/,
};

function topLevelPackages(nodeModules: string): string[] {
  return readdirSync(nodeModules).filter((n) => !n.startsWith('.')).flatMap((n) => (n.startsWith('@') ? readdirSync(join(nodeModules, n)).map((m) => `${n}/${m}`) : [n]));
}

function installFor(engine: 'cdk' | 'pulumi', tarball: string, peers: Record<string, string>): { mib: number; packages: string[] } {
  const dir = mkdtempSync(join(tmpdir(), `aimd-install-${engine}-`));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `${engine}-consumer`, version: '0.0.0', private: true }));
    const wanted = ENGINE_PACKAGES[engine].map((name) => `${name}@${peers[name]}`);
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tarball, ...wanted], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    const kib = Number(execFileSync('du', ['-sk', join(dir, 'node_modules')], { encoding: 'utf8' }).split('\t')[0]);
    return { mib: kib / 1024, packages: topLevelPackages(join(dir, 'node_modules')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Measures a CDK-only and a Pulumi-only consumer. Targets: 500 MiB each, against 1.4 GB when every engine
 * and onnxruntime-web were hard dependencies. Measured 2026-12-03 (npm 11.19, node 20): CDK-only 373 MB
 * (aws-cdk-lib 161, the kubectl layer 37, cfn-guard 36), Pulumi-only 398 MB (@pulumi/* 212).
 * @throws when a consumer gets another engine's packages
 */
export function installSizeMeasurements(): InstallSize[] {
  const packDir = mkdtempSync(join(tmpdir(), 'aimd-pack-'));
  try {
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const tarball = join(packDir, (JSON.parse(packed) as Array<{ filename: string }>)[0]!.filename);
    const peers = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> }).peerDependencies;
    return (['cdk', 'pulumi'] as const).map((engine) => {
      const { mib, packages } = installFor(engine, tarball, peers);
      const foreign = packages.filter((p) => FOREIGN[engine].test(p));
      if (foreign.length > 0) throw new Error(`A ${engine}-only consumer installed ${foreign.join(', ')}: make them optional peers`);
      return { name: `install size, ${engine}-only consumer`, value: mib, unit: 'MiB', target: 500, higherIsBetter: false };
    });
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  for (const m of installSizeMeasurements()) console.log(`${m.name}: ${m.value.toFixed(0)} ${m.unit} (target ≤ ${m.target})`);
}
