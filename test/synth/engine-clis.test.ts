/**
 * The engines' own CLIs run the build (`npm ci` makes it; `npm run build` after editing sources):
 * `cdk` runs dist/stacks/cdk/app.js, `pulumi` runs dist/stacks/pulumi/index.js. Each is run here as its
 * CLI runs it, in a child process, to see what it deploys and which packages it loads: an engine's
 * CLI must never load another engine (a `cdk synth` that loads cdktf and Pulumi pays seconds for nothing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const SPEC = join(__dirname, '..', 'fixtures', 'engine-cli', 'churn-api.yaml');
const AZ_CONTEXT = JSON.parse(readFileSync(join(ROOT, 'cdk.context.json'), 'utf8')) as Record<string, unknown>;

/** Preloaded with `node -r`: writes, on exit, the npm packages the process loaded (from require.cache) as JSON to fd 3. */
const PACKAGES_ON_EXIT = `process.on('exit', () => {
  const names = Object.keys(require.cache).map((k) => { const m = k.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/g); return m ? m[m.length - 1].slice('node_modules/'.length) : undefined; });
  require('fs').writeSync(3, JSON.stringify([...new Set(names.filter(Boolean))].sort()));
});`;

interface ChildRun {
  readonly status: number | null;
  readonly stderr: string;
  readonly packages: string[];
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'aimd-engine-cli-'));
  writeFileSync(join(scratch, 'packages-on-exit.js'), PACKAGES_ON_EXIT);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `node <args>` from the project root as an engine's CLI would, recording the packages it loads. */
function runNode(args: readonly string[], env: Record<string, string>): ChildRun {
  if (!existsSync(join(DIST, 'stacks', 'cdk', 'app.js'))) {
    throw new Error('dist/ is missing: `npm ci` builds it (prepare script); after editing sources run `npm run build`.');
  }
  const run = spawnSync(process.execPath, ['-r', join(scratch, 'packages-on-exit.js'), ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 110_000, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const packagesOut = (run.output[3] as string | null) ?? '';
  return { status: run.status, stderr: run.stderr, packages: packagesOut ? JSON.parse(packagesOut) as string[] : [] };
}

const OTHER_ENGINES_OF_CDK = /^(cdktf|@cdktf\/.*|@pulumi\/.*)$/;
const OTHER_ENGINES_OF_PULUMI = /^(aws-cdk-lib|cdktf|@cdktf\/.*|constructs|cdk-nag|@cdklabs\/.*)$/;

describe('the CDK app (cdk.json)', () => {
  test('GIVEN -c blueprint=llm-eks WHEN the app constructs and validates its stack THEN it loads aws-cdk-lib and no cdktf or Pulumi package', () => {
    const run = runNode(['-e', `require(${JSON.stringify(join(DIST, 'stacks', 'cdk', 'app.js'))}).buildCdkApp();`], {
      CDK_CONTEXT_JSON: JSON.stringify({ ...AZ_CONTEXT, blueprint: 'llm-eks' }),
    });
    // The LLM drift job's Lambda code is bundled with esbuild, which reports its progress on stderr.
    expect(run.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('Bundling asset ')).join('\n')).toBe('');
    expect(run.status).toBe(0);
    expect(run.packages).toEqual(expect.arrayContaining(['aws-cdk-lib', 'cdk-nag', '@cdklabs/cdk-validator-cfnguard']));
    expect(run.packages.filter((p) => OTHER_ENGINES_OF_CDK.test(p))).toEqual([]);
  });

  test('GIVEN -c spec=<file> WHEN run as the CDK CLI runs it THEN the assembly holds exactly one stack, named after the spec', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'aimd-cdk-spec-'));
    try {
      // What `cdk synth -c spec=...` hands the app; bundling is skipped (and with it the checks) to stay fast.
      const run = runNode([join(DIST, 'stacks', 'cdk', 'app.js')], {
        CDK_OUTDIR: outdir,
        CDK_CONTEXT_JSON: JSON.stringify({ ...AZ_CONTEXT, spec: SPEC, 'aws:cdk:bundling-stacks': [] }),
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string }> };
      const stacks = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack').map(([id]) => id);
      expect(stacks).toEqual(['churn-api']);
      const template = JSON.parse(readFileSync(join(outdir, 'churn-api.template.json'), 'utf8')) as { Resources: Record<string, { Type: string }> };
      expect(Object.values(template.Resources).map((r) => r.Type)).toContain('AWS::Lambda::Function');
      expect(run.packages.filter((p) => OTHER_ENGINES_OF_CDK.test(p))).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('the Pulumi program (Pulumi.yaml)', () => {
  test('GIVEN aimd:spec WHEN the program runs (under mocks) THEN it deploys the spec and loads no aws-cdk-lib or cdktf package', () => {
    const script = `
      const { capturePulumiProgram } = require(${JSON.stringify(join(DIST, 'lib', 'validation', 'pulumi-mocks.js'))});
      capturePulumiProgram(async () => { await require(${JSON.stringify(join(DIST, 'stacks', 'pulumi', 'index.js'))}).ready; },
        { project: 'ai-model-deployment', stack: 'churn-api', config: { 'aimd:spec': ${JSON.stringify(SPEC)} } })
        .then((resources) => { process.stderr.write(resources.some((r) => r.type === 'aws:lambda/function:Function') ? '' : 'no Lambda function\\n'); },
              (error) => { process.stderr.write(String(error && error.stack || error)); process.exitCode = 1; });`;
    const run = runNode(['-e', script], {});
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.packages).toContain('@pulumi/pulumi');
    expect(run.packages.filter((p) => OTHER_ENGINES_OF_PULUMI.test(p))).toEqual([]);
  });
});
