/**
 * The public DeploymentStack / Deployment refuse what they cannot deploy before creating anything. (What
 * they synthesize is checked end to end by consumer.test.ts, from the packed package.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { App as TerraformApp } from 'cdktf';
import { DeploymentStack } from '../../constructs/cdk/deployment-stack';
import { Deployment } from '../../constructs/pulumi/deployment';
import { DeploymentStack as TerraformDeploymentStack } from '../../constructs/terraform/deployment-stack';
import { InputValidationError } from '../../lib/errors';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { prepareSpecDeployment } from '../../lib/synth/spec-deployment';

const qwen: DeploymentSpecInput = {
  name: 'qwen-chat', region: 'us-east-1', model: { id: 'Qwen/Qwen2.5-7B-Instruct' }, runtime: { engine: 'vllm' }, target: { kind: 'eks' },
};

describe('prepareSpecDeployment (what every engine construct does first)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aimd-spec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('GIVEN a spec file THEN it is read, planned, and named by its path in errors', () => {
    const path = join(dir, 'chat.yaml');
    writeFileSync(path, 'name: qwen-chat\nregion: us-east-1\nmodel: { id: Qwen/Qwen2.5-7B-Instruct }\nruntime: { engine: vllm }\ntarget: { kind: eks }\n');
    const deployment = prepareSpecDeployment(path, { account: '111122223333' });
    expect(deployment).toMatchObject({ kind: 'eks', source: `Spec file ${path}`, context: { name: 'qwen-chat', env: { account: '111122223333', region: 'us-east-1' } } });
    expect(deployment.context.plan.llm?.instanceType).toMatch(/\./);
  });

  test('GIVEN an env region other than the spec region THEN it is refused with the fix', () => {
    expect(() => prepareSpecDeployment(qwen, { region: 'eu-west-1' }))
      .toThrow(/env\.region \('eu-west-1'\): differs from the spec's region \('us-east-1'\).*Fix: set region: eu-west-1 in the spec, or leave env\.region unset/);
  });

  test('GIVEN a runtime the target does not serve THEN it is refused before anything is planned', () => {
    expect(() => prepareSpecDeployment({ ...qwen, runtime: { engine: 'lmi' } })).toThrow(InputValidationError);
  });

  test('GIVEN a missing spec file THEN the error names the file', () => {
    expect(() => prepareSpecDeployment(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml has 1 problem:[\s\S]*missing\.yaml:1:1 \(file\).*cannot be read \(ENOENT\)/);
  });
});

describe('the engine constructs fail before adding anything', () => {
  const badSpec = { ...qwen, scaling: { minReplicas: 5, maxReplicas: 3 } };

  test('CDK DeploymentStack', () => {
    const app = new App();
    expect(() => new DeploymentStack(app, 'Chat', { spec: badSpec })).toThrow(/scaling\.minReplicas \(5\)/);
    expect(app.node.children.filter((c) => c instanceof Stack)).toEqual([]);
  });

  test('Terraform DeploymentStack', () => {
    const app = new TerraformApp();
    expect(() => new TerraformDeploymentStack(app, 'chat', { spec: badSpec })).toThrow(/scaling\.minReplicas \(5\)/);
    expect(app.node.children).toEqual([]);
  });

  test('Pulumi Deployment', () => {
    expect(() => new Deployment('chat', { spec: badSpec })).toThrow(/scaling\.minReplicas \(5\)/);
  });
});
