/**
 * The plan as an Inference Endpoints body (pure): instance from the planner's accelerator and count, the
 * container's flags from the plan, access protected unless PrivateLink (where offered) or public is asked for,
 * and every problem of a spec reported at once.
 */
import { huggingFaceEndpointDefinition, launcherArgsAsEnvironment } from '../../lib/huggingface-endpoints/endpoint-definition';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';

const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:hf-token-AbCdEf';
const planOf = (target: object, engine = 'vllm', extra: object = {}) => planDeployment(resolveDeploymentSpec({
  name: 'chat', region: 'us-east-1',
  model: { id: 'meta-llama/Llama-3.1-8B-Instruct', artifact: { huggingFaceTokenSecret: SECRET } },
  runtime: { engine }, target: { kind: 'huggingface-endpoint', namespace: 'acme', instanceType: 'nvidia-a10g', ...target },
  traffic: { requestsPerSecond: 1 }, scaling: { minReplicas: 1, maxReplicas: 3 }, ...extra,
} as any));

describe('GIVEN a vLLM plan on a huggingface-endpoint target', () => {
  const plan = planOf({});
  const { body, tokenSecret } = huggingFaceEndpointDefinition(plan);

  test('THEN the instance is the planned accelerator family sized by its GPU count, and replicas follow the spec', () => {
    expect(body.compute).toEqual({ accelerator: 'gpu', instanceType: 'nvidia-a10g', instanceSize: `x${plan.llm!.acceleratorCount}`, scaling: { minReplica: 1, maxReplica: 3 } });
  });

  test("THEN the vLLM image runs the plan's own engine args on /repository", () => {
    const [, ...flags] = plan.llm!.engineArgs;
    expect(body.model.image.custom).toEqual({ url: 'vllm/vllm-openai:v0.29.0', healthRoute: '/health', port: 8000, args: ['/repository', ...flags] });
  });

  test("THEN the review summary names the endpoint's instance and says its price is the vendor VM's", () => {
    expect(plan.summary.compute).toBe(`nvidia-a10g x${plan.llm!.acceleratorCount} (sized as ${plan.llm!.instanceType})`);
    expect(plan.summary.costNote).toMatch(/not Hugging Face's hourly rate/);
  });

  test('THEN it is protected, and the token is a secret reference kept out of the body', () => {
    expect(body.type).toBe('protected');
    expect(tokenSecret).toBe(SECRET);
    expect(JSON.stringify(body)).not.toContain('secretsmanager');
  });
});

describe('GIVEN access settings', () => {
  test('WHEN PrivateLink is asked on AWS THEN the endpoint is private to that account', () => {
    const { body } = huggingFaceEndpointDefinition(planOf({ access: 'private', privateLinkAccountId: '210987654321' }));
    expect(body).toMatchObject({ type: 'private', accountId: '210987654321' });
  });

  test('WHEN public is asked explicitly THEN it is public (never otherwise)', () => {
    expect(huggingFaceEndpointDefinition(planOf({ access: 'public' })).body.type).toBe('public');
  });

  test('WHEN PrivateLink is asked on Google Cloud, without an account, THEN every problem is reported at once', () => {
    const plan = planOf({ cloud: 'gcp', instanceType: 'nvidia-l4', access: 'private' });
    expect(() => huggingFaceEndpointDefinition(plan)).toThrow(/access.*not offered on gcp[\s\S]*privateLinkAccountId.*required/);
  });
});

test('GIVEN no namespace and no token secret THEN both are reported with their fix', () => {
  const plan = planDeployment(resolveDeploymentSpec({ name: 'chat', region: 'us-east-1', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine: 'tgi' }, target: { kind: 'huggingface-endpoint', instanceType: 'nvidia-l4' }, traffic: { requestsPerSecond: 1 } } as any));
  expect(() => huggingFaceEndpointDefinition(plan)).toThrow(/target\.namespace[\s\S]*huggingFaceTokenSecret/);
});

test('GIVEN TGI launcher flags THEN each becomes its environment variable, a bare flag becomes true', () => {
  expect(launcherArgsAsEnvironment(['--model-id', '/repository', '--max-total-tokens', '4096', '--json-output'])).toEqual({ MODEL_ID: '/repository', MAX_TOTAL_TOKENS: '4096', JSON_OUTPUT: 'true' });
});
