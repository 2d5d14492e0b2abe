import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { exampleModelFleet } from '../../lib/synth/example-model-fleet';
import { CDK_FEATURE_FLAGS } from '../../lib/synth/cdk-feature-flags';
import { MODEL_FOOTPRINTS } from '../../lib/synth/model-footprint';
import { DEFAULT_STACK_BUDGET } from '../../lib/synth/stack-layout';
import { validateCloudFormationTemplate } from '../../lib/validation/cloudformation-schema';
import { assemblyTemplateLimitFindings, assemblyTemplates } from '../../lib/validation/template-limits';
import { errorsOf } from '../../lib/validation/types';
import { deployabilityOfCloudFormation } from '../../lib/validation/deployability';
import { addSecurityChecks, synthWithSecurityChecks } from '../../lib/validation/cdk-security';
import { addMultiModelApp, type MultiModelApp, type MultiModelAppProps } from '../../stacks/cdk/multi-model-app';
import { platformExportNames } from '../../stacks/cdk/model-platform-stack';

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Synthesizes a multi-model app offline: no bundling, no built-in validation, no security plugins. */
function synth(props: Omit<MultiModelAppProps, 'name' | 'region'>): { app: MultiModelApp; assembly: CloudAssembly } {
  const outdir = mkdtempSync(join(tmpdir(), 'aimd-multi-model-'));
  outdirs.push(outdir);
  const cdkApp = new App({ outdir, context: { ...CDK_FEATURE_FLAGS, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const app = addMultiModelApp(cdkApp, { name: 'fleet', region: 'us-east-1', securityChecks: false, ...props });
  return { app, assembly: cdkApp.synth() };
}

// A budget of 60 resources holds one SageMaker endpoint and one vLLM service (20 + 25 + 1 estimated), so
// four models split over two model stacks, as 200 would with the default budget.
const budget = { ...DEFAULT_STACK_BUDGET, resources: 60 };
const fleet = exampleModelFleet(5);
const four = synth({ models: fleet.slice(0, 4), budget });
const five = synth({ models: fleet, budget });
const templates = assemblyTemplates(four.assembly.directory);
const template = (stack: string) => templates.get(stack)!.template;

describe('multi-model app (4 models: 2 SageMaker endpoints, 2 vLLM services on the shared cluster)', () => {
  test('one platform stack, and model stacks as the layout says, each model in exactly one', () => {
    expect([...templates.keys()]).toEqual(['fleet-models-1', 'fleet-models-2', 'fleet-platform']);
    expect(four.app.layout.map((s) => s.deployments)).toEqual([['sm-001', 'llm-002'], ['sm-003', 'llm-004']]);
    expect(four.app.modelStacks.map((s) => s.dependencies.map((d) => d.stackName))).toEqual([['fleet-platform'], ['fleet-platform']]);
  });

  test('the platform holds the shared things: VPC, GPU cluster, keys and buckets; model stacks hold none of them', () => {
    const types = (stack: string) => new Set(Object.values<any>(template(stack).Resources).map((r) => r.Type));
    for (const shared of ['AWS::EC2::VPC', 'AWS::EKS::Cluster', 'AWS::KMS::Key', 'AWS::S3::Bucket']) {
      expect(types('fleet-platform')).toContain(shared);
      expect(types('fleet-models-1')).not.toContain(shared);
    }
    expect(types('fleet-models-1')).toContain('AWS::SageMaker::Endpoint');
    expect(types('fleet-models-1')).toContain('Custom::AWSCDK-EKS-KubernetesResource');
  });

  test("the platform's External Secrets Operator reads the models' generated keys and its gateway tenants' keys, nothing else", () => {
    const policies = Object.values<any>(template('fleet-platform').Resources)
      .filter((r) => r.Type === 'AWS::IAM::Role' && /external-secrets/.test(JSON.stringify(r.Properties.RoleName ?? '')));
    const resources = JSON.stringify(policies).match(/:secret:[^"]*/g);
    expect(resources).toEqual([':secret:aimd/*/api-key-??????', ':secret:aimd/fleet/tenants/*-??????']);
  });

  test('every template is under CloudFormation\'s quotas and passes the schema and deployability checks', () => {
    expect(assemblyTemplateLimitFindings(four.assembly.directory)).toEqual([]);
    for (const [name, { template: t }] of templates) {
      expect([name, errorsOf(validateCloudFormationTemplate(t, { stackName: name }))]).toEqual([name, []]);
      expect([name, errorsOf(deployabilityOfCloudFormation(t))]).toEqual([name, []]);
    }
  });

  test('each model stays within its footprint estimate, which the layout relies on', () => {
    for (const stack of four.app.layout) {
      const resources = Object.keys(template(`fleet-models-${stack.index + 1}`).Resources);
      for (const model of stack.deployments) {
        const prefix = model.replace(/[^A-Za-z0-9]/g, '');
        const kind = model.startsWith('sm-') ? 'sagemaker' : 'eks';
        expect([model, resources.filter((id) => id.startsWith(prefix)).length <= MODEL_FOOTPRINTS[kind].resources]).toEqual([model, true]);
      }
      expect(resources.length).toBeLessThanOrEqual(stack.resources);
    }
  });

  test('model stacks reach the platform only through its named exports, and export nothing themselves', () => {
    const names = platformExportNames('fleet-platform');
    const allowed = new Set(Object.values(names).flat());
    const platformExports = Object.values<any>(template('fleet-platform').Outputs).flatMap((o) => (o.Export ? [o.Export.Name] : []));
    expect(new Set(platformExports)).toEqual(allowed);
    for (const stack of ['fleet-models-1', 'fleet-models-2']) {
      const imports = [...JSON.stringify(template(stack)).matchAll(/"Fn::ImportValue":"([^"]+)"/g)].map((m) => m[1]);
      expect(imports.length).toBeGreaterThan(0);
      expect(imports.filter((name) => !allowed.has(name!))).toEqual([]);
      expect(Object.values<any>(template(stack).Outputs ?? {}).filter((o) => o.Export)).toEqual([]);
    }
  });

  test('adding a model leaves the platform template and the earlier models\' stacks as they were', () => {
    const fiveTemplates = assemblyTemplates(five.assembly.directory);
    expect(fiveTemplates.get('fleet-platform')!.body).toEqual(templates.get('fleet-platform')!.body);
    expect(fiveTemplates.get('fleet-models-1')!.body).toEqual(templates.get('fleet-models-1')!.body);
    expect(five.app.layout.flatMap((s) => s.deployments)).toEqual(fleet.map((s) => s.name));
  });

  test('cdk-nag AwsSolutions finds nothing in the platform and model stacks (cfn-guard, ~25 s, was clean on 2026-12-03 too)', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'aimd-multi-model-nag-'));
    outdirs.push(outdir);
    const cdkApp = new App({ outdir, context: { ...CDK_FEATURE_FLAGS, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    addSecurityChecks(cdkApp, { cfnGuard: false });
    // securityChecks left at its default: the app already has them, so the builder adds none.
    addMultiModelApp(cdkApp, { name: 'fleet', region: 'us-east-1', models: fleet.slice(0, 2) });
    expect(synthWithSecurityChecks(cdkApp).findings).toEqual([]);
  });

  test('refuses, in one error, models the shared platform cannot hold', () => {
    const lambda = { name: 'scorer', region: 'us-east-1', model: { id: 'iris-classifier', task: 'classification' }, runtime: { engine: 'onnxruntime' }, target: { kind: 'lambda' } };
    const autoMode = { ...fleet[1]!, name: 'chat', target: { kind: 'eks', capacity: 'auto-mode' } };
    expect(() => addMultiModelApp(new App(), { name: 'bad', region: 'us-east-1', models: [lambda, autoMode] as any })).toThrow(/Multi-model app 'bad' has 2 problems[\s\S]*models\[0\]\.target\.kind \('lambda'\)[\s\S]*models\[1\]\.target\.capacity \('auto-mode'\)/);
  });
});
