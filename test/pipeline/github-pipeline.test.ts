/**
 * `aimd pipeline github`: the generated workflows for the three blueprints on every engine pass
 * the GitHub workflow schema and our lint rules, and do what docs/delivery.md promises.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { generateGithubPipeline } from '../../lib/cli/pipeline-command';
import { main } from '../../lib/cli/main';
import { formatWorkflowFindings } from '../../lib/pipeline/findings';
import { checkWorkflow } from '../../lib/pipeline/workflow-lint';

const BLUEPRINTS = ['llm-eks', 'sagemaker-llm', 'serverless-onnx'] as const;
const ENGINES = ['cdk', 'terraform', 'pulumi'] as const;

let repo: string;
const generated = new Map<string, Record<string, any>>();

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'aimd-pipeline-'));
  for (const blueprint of BLUEPRINTS) {
    for (const engine of ENGINES) {
      const { path, yaml } = await generateGithubPipeline(['github', '--spec', blueprint, '--engine', engine, '--out', join(engine)], repo);
      expect(readFileSync(path, 'utf8')).toBe(yaml);
      generated.set(`${blueprint}/${engine}`, parse(yaml));
    }
  }
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

const run = (w: Record<string, any>, job: string): string => w.jobs[job].steps.map((s: any) => s.run ?? '').join('\n');
const usesOf = (w: Record<string, any>, job: string): string[] => w.jobs[job].steps.map((s: any) => s.uses).filter(Boolean);

describe.each(BLUEPRINTS.flatMap((b) => ENGINES.map((e) => [b, e] as const)))('aimd pipeline github --spec %s --engine %s', (blueprint, engine) => {
  const workflow = () => generated.get(`${blueprint}/${engine}`)!;

  test('THEN the workflow passes the GitHub workflow schema and every lint rule', () => {
    const findings = checkWorkflow(workflow(), { file: `deploy-${blueprint}.yml`, environments: ['staging', 'production'] });
    expect(formatWorkflowFindings(findings)).toBe('');
  });

  test('THEN pull requests synthesize, validate, plan with the read-only role and post the plan', () => {
    const plan = workflow().jobs.plan;
    expect(plan.if).toMatch(/pull_request/);
    expect(plan.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
    expect(run(workflow(), 'plan')).toContain(`node bin/aimd.js synth --blueprint '${blueprint}' --engine ${engine} --out out`);
    const planCommand = { cdk: `npx cdk diff '${blueprint}' -c blueprint='${blueprint}' --method=template`, terraform: `terraform -chdir=out/terraform/${blueprint} plan`, pulumi: 'pulumi preview' }[engine];
    expect(run(workflow(), 'plan')).toContain(planCommand);
    const credentials = plan.steps.find((s: any) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    expect(credentials.with['role-to-assume']).toBe('${{ vars.AWS_PLAN_ROLE_ARN }}');
    expect(usesOf(workflow(), 'plan')).toContain('actions/github-script@v8');
  });

  test('THEN main deploys to staging, then production after staging, each in its environment with OIDC and no keys', () => {
    const w = workflow();
    expect(w.jobs.staging.environment).toEqual({ name: 'staging' });
    expect(w.jobs.production.environment).toEqual({ name: 'production' });
    expect(w.jobs.production.needs).toEqual(['staging']);
    for (const job of ['staging', 'production']) {
      expect(w.jobs[job].if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
      expect(w.jobs[job].concurrency).toEqual({ group: `deploy-${blueprint}-${job}`, 'cancel-in-progress': false });
      expect(w.jobs[job].permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      const deploy = { cdk: '--require-approval never', terraform: 'apply -input=false tfplan', pulumi: 'pulumi up --yes' }[engine];
      expect(run(w, job)).toContain(deploy);
      expect(run(w, job)).toMatch(/Smoke|aws (sagemaker|lambda|eks)/);
    }
    expect(JSON.stringify(w)).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id/);
    expect(w.permissions).toEqual({});
  });
});

describe('smoke checks per target kind', () => {
  test('GIVEN sagemaker-llm THEN the deploy jobs wait for InService and invoke one short generation', () => {
    const text = run(generated.get('sagemaker-llm/cdk')!, 'staging');
    expect(text).toContain("aws sagemaker wait endpoint-in-service --endpoint-name 'sagemaker-llm'");
    expect(text).toContain("aws sagemaker-runtime invoke-endpoint --endpoint-name 'sagemaker-llm'");
  });

  test('GIVEN serverless-onnx THEN the deploy jobs invoke the live alias with an HTTP API GET and require status 200', () => {
    const text = run(generated.get('serverless-onnx/terraform')!, 'production');
    expect(text).toContain("aws lambda invoke --function-name 'serverless-onnx-inference' --qualifier 'live'");
    expect(text).toContain('test "${status}" = 200');
  });

  test('GIVEN llm-eks THEN the deploy jobs wait for the rollout and query /v1/models through a port-forward', () => {
    const text = run(generated.get('llm-eks/pulumi')!, 'production');
    expect(text).toContain("kubectl -n 'llm-eks' rollout status deployment/'llm-eks'");
    // llm-eks serves through an Argo Rollouts canary: wait for Healthy, fail as soon as it is Degraded (aborted).
    expect(text).toContain("kubectl -n 'llm-eks' get rollouts.argoproj.io 'llm-eks' -o jsonpath='{.status.phase}'");
    expect(text).toContain('if [ "${phase}" = Degraded ]; then');
    // One 10-minute pause plus the 20-minute start-up budget, polled every 10 s.
    expect(text).toContain('for _ in $(seq 1 180); do');
    expect(text).toContain('http://127.0.0.1:18000/v1/models');
  });
});

describe('load test stage', () => {
  const names = (w: Record<string, any>, job: string): string[] => w.jobs[job].steps.map((s: any) => s.name);

  test('GIVEN llm-eks THEN staging runs the vLLM benchmark Job after its smoke check, judges and publishes it; production does not', () => {
    for (const engine of ENGINES) {
      const w = generated.get(`llm-eks/${engine}`)!;
      const staging = names(w, 'staging');
      const smoke = staging.findIndex((n) => n.startsWith('Smoke check'));
      expect(staging.slice(smoke + 1)).toEqual(['Load test: run vllm bench serve against llm-eks', 'Load test: compare with the SLO and the plan', 'Load test: publish the result (CloudWatch, S3)']);
      expect(run(w, 'staging')).toContain("node bin/aimd.js loadtest verdict --result load-test-result.json --criteria '");
      expect(names(w, 'production').filter((n) => n.startsWith('Load test'))).toEqual([]);
    }
  });

  test('GIVEN sagemaker-llm and serverless-onnx THEN there is no load test stage yet', () => {
    for (const blueprint of ['sagemaker-llm', 'serverless-onnx']) expect(names(generated.get(`${blueprint}/cdk`)!, 'staging').filter((n) => n.startsWith('Load test'))).toEqual([]);
  });
});

describe('aimd pipeline github with a spec file', () => {
  test('GIVEN a spec file in the repository WHEN generated THEN every engine command names the file, relative to the repository', async () => {
    mkdirSync(join(repo, 'specs'), { recursive: true });
    writeFileSync(join(repo, 'specs', 'iris.yaml'), [
      'name: iris-api', 'region: eu-west-1', 'model: { id: iris-classifier, task: classification }', 'runtime: { engine: onnxruntime }', 'target: { kind: lambda }',
    ].join('\n'));
    const { path, yaml } = await generateGithubPipeline(['github', '--spec', 'specs/iris.yaml'], repo);
    expect(path).toBe(join(repo, '.github', 'workflows', 'deploy-iris-api.yml'));
    const w = parse(yaml);
    expect(run(w, 'staging')).toContain("npx cdk deploy 'iris-api' -c spec='specs/iris.yaml'");
    expect(run(w, 'staging')).toContain("--spec 'specs/iris.yaml'");
    expect(w.env.AWS_REGION).toBe('eu-west-1');
    expect(checkWorkflow(w, { environments: ['staging', 'production'] })).toEqual([]);
  });

  test('GIVEN an unknown blueprint and engine WHEN run THEN exit code 2 names both flags and the fixes', async () => {
    const err: string[] = [];
    const code = await main(['pipeline', 'github', '--spec', 'no-such-thing', '--engine', 'terraforn'], { out: () => undefined, err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/--engine \('terraforn'\).*did you mean terraform/);
  });

  test('GIVEN --help right after pipeline WHEN run THEN the help is printed and the exit code is 0', async () => {
    const out: string[] = [];
    expect(await main(['pipeline', '--help'], { out: (t) => out.push(t), err: () => undefined })).toBe(0);
    expect(out.join('\n')).toContain('Usage: aimd pipeline github --spec <file|blueprint>');
  });

  test('GIVEN another CI system WHEN run THEN exit code 2 says which one is supported', async () => {
    const err: string[] = [];
    expect(await main(['pipeline', 'gitlab', '--spec', 'llm-eks'], { out: () => undefined, err: (t) => err.push(t) })).toBe(2);
    expect(err.join('\n')).toMatch(/\(CI system\) \('gitlab'\): is not supported\. Fix: use `aimd pipeline github`/);
  });

  test('GIVEN a name that is neither a file nor a blueprint WHEN run THEN the error lists the blueprints', async () => {
    await expect(generateGithubPipeline(['github', '--spec', 'no-such-thing'], repo)).rejects.toThrow(/--spec \('no-such-thing'\): is neither a spec file nor a blueprint.*llm-eks/s);
  });
});
