import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Resolves the package's entry points the way a user's `require('ai-model-deployment/...')` does. */
function exportsOf(specifier: string): string[] {
  const script = `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)}))))`;
  // Node resolves a package's own name through its "exports" map, exactly as for a dependent.
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`require('${specifier}') failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
}

describe('the package entry points (from the build `npm ci` makes)', () => {
  test('GIVEN the main entry WHEN required THEN the spec, planner and catalogue API is there', () => {
    expect(exportsOf('ai-model-deployment')).toEqual(expect.arrayContaining([
      'resolveDeploymentSpec', 'planLlmServing', 'estimateMemory', 'vllmEngineArgs', 'planDeployment', 'findModel', 'getAccelerator', 'kubernetes',
    ]));
  });

  test.each([
    ['cdk', 'DeploymentStack', ['platform']],
    ['terraform', 'DeploymentStack', []],
    ['pulumi', 'Deployment', []],
  ])('GIVEN the %s entry WHEN required THEN it has the construct that deploys any spec, and a namespace per target', (engine, construct, extra) => {
    expect(exportsOf(`ai-model-deployment/${engine}`).sort()).toEqual([construct, 'delivery', 'edge', 'eks', ...extra, 'sagemaker', 'serverless'].sort());
  });
});
