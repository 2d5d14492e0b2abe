/**
 * `hf-inference-endpoint`: rendered once on every engine (beforeAll). CDK and Pulumi carry the same API body
 * (the plan's instance, replicas and TGI flags) and the token's secret reference; cdk-nag finds nothing;
 * Terraform renders nothing and says why.
 */
import { HF_INFERENCE_ENDPOINT } from '../../blueprints/huggingface/hf-inference-endpoint';
import { renderBlueprint, type RenderedBlueprint } from '../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../lib/validation/types';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:hf-inference-endpoints-token-AbCdEf';
let r: RenderedBlueprint;
beforeAll(async () => { r = await renderBlueprint(HF_INFERENCE_ENDPOINT); }, 120_000);

const cfnOfType = (type: string) => Object.values(r.cdk.template.Resources as Record<string, any>).filter((v) => v.Type === type);
const cdkBody = () => JSON.parse(cfnOfType('Custom::HuggingFaceInferenceEndpoint')[0].Properties.Body);
const pulumiEndpoint = () => r.pulumi.resources.find((x) => x.type.includes('dynamic'))!;

describe('GIVEN the hf-inference-endpoint blueprint', () => {
  test('THEN the plan puts one replica of Llama 3.1 8B on one L4', () => {
    expect(r.plan.llm).toMatchObject({ accelerator: 'l4', acceleratorCount: 1, nodes: 1 });
  });

  test('THEN CDK and Pulumi render with zero error findings (cdk-nag included)', () => {
    expect(formatFindings(errorsOf(r.findings))).toBe('');
  });

  test('THEN the CDK body asks for nvidia-l4 x1 on AWS us-east-1, 0..2 replicas, scale to zero after 30 minutes, protected', () => {
    expect(cdkBody()).toMatchObject({
      name: 'hf-inference-endpoint',
      type: 'protected',
      compute: { accelerator: 'gpu', instanceType: 'nvidia-l4', instanceSize: 'x1', scaling: { minReplica: 0, maxReplica: 2, scaleToZeroTimeout: 30 } },
      model: { repository: 'meta-llama/Llama-3.1-8B-Instruct', task: 'text-generation', framework: 'pytorch' },
      provider: { vendor: 'aws', region: 'us-east-1' },
    });
  });

  test("THEN the container is TGI with the plan's launcher flags as its environment", () => {
    const image = cdkBody().model.image.custom;
    expect(image.url).toBe('ghcr.io/huggingface/text-generation-inference:3.3.7');
    expect(image.env).toMatchObject({ MODEL_ID: '/repository', NUM_SHARD: '1', MAX_TOTAL_TOKENS: String(r.plan.llm!.maxModelLen), CUDA_MEMORY_FRACTION: String(r.plan.llm!.gpuMemoryUtilization) });
  });

  test('THEN the custom resource names the token secret, and its role may only read that secret', () => {
    const resource = cfnOfType('Custom::HuggingFaceInferenceEndpoint')[0];
    expect(resource.Properties).toMatchObject({ Namespace: 'acme-ml', Name: 'hf-inference-endpoint', TokenSecretArn: SECRET_ARN });
    const statements = cfnOfType('AWS::IAM::Policy').flatMap((p) => p.Properties.PolicyDocument.Statement);
    const secretStatements = statements.filter((s: any) => JSON.stringify(s.Action).includes('secretsmanager'));
    expect(secretStatements).toEqual([expect.objectContaining({ Action: 'secretsmanager:GetSecretValue', Resource: SECRET_ARN })]);
    expect(JSON.stringify(r.cdk.template)).not.toMatch(/hf_[A-Za-z0-9]{20,}/);
  });

  test('THEN Pulumi sends the very same body through its dynamic resource, with the same secret reference', () => {
    const inputs = pulumiEndpoint().inputs as Record<string, any>;
    expect(JSON.parse(inputs.body)).toEqual(cdkBody());
    expect(inputs).toMatchObject({ namespace: 'acme-ml', name: 'hf-inference-endpoint', tokenSecret: SECRET_ARN });
  });

  test('THEN Terraform renders nothing and the renderer says why', () => {
    expect(r.terraform.json).toEqual({});
    expect(() => HF_INFERENCE_ENDPOINT.renderTerraform(undefined as never, undefined as never)).toThrow(/no maintained Terraform provider/);
  });
});
