/**
 * The README's "Using the constructs" examples, run as a user runs them: the packed package in a fresh
 * `cdk init`-style TypeScript project (NodeNext), a spec for a model no blueprint deploys, synthesized
 * on CDK, Terraform and Pulumi (under mocks) with no deep import. Plus a CommonJS consumer.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE_PACKAGES } from '../../lib/engine-packages';
import { compile, createConsumer, EXAMPLES, packPackage, ROOT, run, type RunResult } from './consumer-project';

/** Runs the Pulumi example under mocks and prints what it registered (a preview without a cloud). */
const PULUMI_PREVIEW = `import { capturePulumiProgram, validatePulumiResources } from 'ai-model-deployment/validation';

capturePulumiProgram(() => require('./index.js'), { project: 'consumer', stack: 'dev' }).then((resources) => {
  console.log(JSON.stringify({
    findings: validatePulumiResources(resources),
    resources: resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, parent: r.parent })),
  }));
});
`;

/** Every entry point, from plain CommonJS JavaScript. */
const COMMONJS_CHECK = `const entries = ['ai-model-deployment', 'ai-model-deployment/cdk', 'ai-model-deployment/terraform', 'ai-model-deployment/pulumi', 'ai-model-deployment/validation'];
console.log(JSON.stringify(Object.fromEntries(entries.map((e) => [e, Object.keys(require(e)).sort()]))));
`;

describe('a fresh project using the packed package (README examples)', () => {
  const work = mkdtempSync(join(tmpdir(), 'aimd-pack-'));
  let consumer: string;
  let cdk: RunResult;
  let terraform: RunResult;
  let pulumi: RunResult;
  let commonjs: RunResult;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'constructs', 'cdk', 'deployment-stack.js'))) throw new Error('dist/ is missing: run `npm run build` (npm ci does) before this test');
    consumer = createConsumer(packPackage(work), [...new Set([...ENGINE_PACKAGES.cdk, ...ENGINE_PACKAGES.terraform, ...ENGINE_PACKAGES.pulumi])]);
    writeFileSync(join(consumer, 'pulumi', 'preview.ts'), PULUMI_PREVIEW);
    writeFileSync(join(consumer, 'check.cjs'), COMMONJS_CHECK);
    compile(consumer);
    [cdk, terraform, pulumi, commonjs] = await Promise.all([
      run(consumer, join('build', 'cdk', 'app.js'), { CDK_OUTDIR: join(consumer, 'cdk.out') }),
      run(consumer, join('build', 'terraform', 'main.js')),
      run(consumer, join('build', 'pulumi', 'preview.js')),
      run(consumer, 'check.cjs'),
    ]);
  }, 600_000);

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    if (consumer) rmSync(consumer, { recursive: true, force: true });
  });

  test('GIVEN the packed package THEN it ships dist, the validation workers, README and LICENSE, and no tests, CI or bench', () => {
    const files = readFileSync(join(consumer, 'node_modules', 'ai-model-deployment', 'package.json'), 'utf8');
    expect(JSON.parse(files).files).toEqual(expect.arrayContaining(['dist/lib', 'README.md', 'LICENSE']));
    for (const absent of ['test', '.ci', 'bench', 'dist/test', 'dist/bench', 'lib/spec/types.ts', 'tsconfig.json']) {
      expect(existsSync(join(consumer, 'node_modules', 'ai-model-deployment', absent))).toBe(false);
    }
    expect(existsSync(join(consumer, 'node_modules', 'ai-model-deployment', 'lib', 'validation', 'kubernetes-schema-worker.mjs'))).toBe(true);
  });

  test('WHEN the CDK example runs THEN it synthesizes the EKS deployment, and the security checks say they found nothing', () => {
    expect(cdk.stderr).not.toMatch(/Error/);
    expect(cdk.code).toBe(0);
    expect(cdk.stdout).toMatch(/^QwenChat: \S+ \(\d+ × [\w-]+\), ~\$[\d,]+\/month$/m);
    expect(cdk.stderr).toMatch(/^Security checks: cdk-nag AwsSolutions: \d+ rules, cfn-guard Control Tower: \d+ rules \(2 not adopted\): no findings/m);
    const template = JSON.parse(readFileSync(join(consumer, 'cdk.out', 'QwenChat.template.json'), 'utf8'));
    const types = Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type);
    expect(types).toEqual(expect.arrayContaining(['AWS::EKS::Cluster', 'AWS::EC2::VPC', 'Custom::AWSCDK-EKS-KubernetesResource']));
  });

  test('WHEN the Terraform example runs THEN cdktf.out holds the stack with its AWS provider and the cluster', () => {
    expect(terraform.stderr).toBe('');
    expect(terraform.code).toBe(0);
    const json = JSON.parse(readFileSync(join(consumer, 'cdktf.out', 'stacks', 'qwen-chat', 'cdk.tf.json'), 'utf8'));
    expect(json.provider.aws[0].region).toBe('us-east-1');
    expect(Object.keys(json.resource)).toEqual(expect.arrayContaining(['aws_eks_cluster', 'aws_vpc', 'kubernetes_manifest', 'helm_release']));
  });

  test('WHEN the Pulumi example runs under mocks THEN every resource is a descendant of the Deployment component', () => {
    expect(pulumi.code).toBe(0);
    const { findings, resources } = JSON.parse(pulumi.stdout) as { findings: unknown[]; resources: Array<{ type: string; name: string; urn: string; parent?: string }> };
    expect(findings).toEqual([]);
    const deployment = resources.filter((r) => r.type === 'aimd:index:Deployment');
    expect(deployment.map((r) => r.name)).toEqual(['qwen-chat']);
    const parentOf = new Map(resources.map((r) => [r.urn, r.parent]));
    const underDeployment = (urn: string): boolean => {
      for (let at = parentOf.get(urn); at !== undefined; at = parentOf.get(at)) if (at === deployment[0]!.urn) return true;
      return false;
    };
    expect(resources.filter((r) => r !== deployment[0] && !underDeployment(r.urn)).map((r) => r.urn)).toEqual([]);
    // qwen-chat takes the spec's default rollout, a canary: vLLM runs as an Argo Rollouts Rollout.
    expect(resources.map((r) => r.type)).toEqual(expect.arrayContaining(['aws:eks/cluster:Cluster', 'kubernetes:argoproj.io/v1alpha1:Rollout', 'kubernetes:argoproj.io/v1alpha1:AnalysisTemplate']));
  });

  test('GIVEN a CommonJS consumer WHEN it requires every entry point THEN the deployment constructs are there', () => {
    expect(commonjs.code).toBe(0);
    const exported = JSON.parse(commonjs.stdout) as Record<string, string[]>;
    expect(exported['ai-model-deployment/cdk']).toContain('DeploymentStack');
    expect(exported['ai-model-deployment/terraform']).toContain('DeploymentStack');
    expect(exported['ai-model-deployment/pulumi']).toContain('Deployment');
    expect(exported['ai-model-deployment/validation']).toEqual(expect.arrayContaining(['addSecurityChecks', 'acknowledgeFinding']));
  });
});

describe('the README shows exactly the code the consumer test runs', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  test.each(['qwen-chat.yaml', 'cdk/app.ts', 'terraform/main.ts', 'pulumi/index.ts'])('examples/%s appears verbatim in the README', (file) => {
    expect(readme).toContain(readFileSync(join(EXAMPLES, file), 'utf8'));
  });
});
