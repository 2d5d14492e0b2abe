import { buildLlmServingObjects, LOCAL_MODEL_PATH } from '../../lib/kubernetes';
import { vllmEngineArgs } from '../../lib/planner/engine-args';
import { allContainers, LORA, MULTI_NODE, only, QUANTIZED, servingOptions, SINGLE_NODE } from './fixtures';

const SECRET_LOOKING = /TOKEN|SECRET|PASSWORD|KEY/i;

describe('LoRA adapters', () => {
  // GIVEN a plan with --enable-lora and two tenants' adapters in S3
  const adapters = [
    { name: 'tenant-a-sql', uri: 's3://adapters-bucket/tenant-a/sql/', tenant: 'tenant-a' },
    { name: 'tenant-b-support', uri: 's3://adapters-bucket/tenant-b/support/' },
  ];
  const objects = buildLlmServingObjects(servingOptions(LORA, { loraAdapters: adapters }));
  const pod = only(objects, 'Deployment').spec.template;

  test('THEN vLLM gets the plan\'s LoRA flags untouched plus one --lora-modules per adapter', () => {
    expect(pod.spec.containers[0].args).toEqual([
      ...vllmEngineArgs(LORA.config, { modelPath: LOCAL_MODEL_PATH }),
      '--lora-modules', 'tenant-a-sql=/models/lora/tenant-a-sql',
      '--lora-modules', 'tenant-b-support=/models/lora/tenant-b-support',
    ]);
    expect(pod.spec.containers[0].args).toEqual(expect.arrayContaining(['--enable-lora', '--max-loras', '4', '--max-lora-rank', '16']));
  });

  test('THEN the init container syncs every adapter from S3 next to the base model', () => {
    const init = pod.spec.initContainers[0];
    expect(init.env).toEqual(expect.arrayContaining([
      { name: 'LORA_0_S3_URI', value: 's3://adapters-bucket/tenant-a/sql/' },
      { name: 'LORA_1_S3_URI', value: 's3://adapters-bucket/tenant-b/support/' },
    ]));
    expect(init.command[2]).toContain('aws s3 sync "$LORA_1_S3_URI" /models/lora/tenant-b-support');
  });

  test('THEN the tenants are recorded on the workload for cost reports', () => {
    expect(JSON.parse(only(objects, 'Deployment').metadata.annotations['ai-model-deployment/lora-tenants'])).toEqual([
      { adapter: 'tenant-a-sql', tenant: 'tenant-a' },
      { adapter: 'tenant-b-support', tenant: 'tenant-b-support' },
    ]);
  });
});

describe('weights from the Hugging Face Hub', () => {
  // GIVEN a gated model pulled by vLLM itself, the token in a Secret synced from Secrets Manager
  const objects = buildLlmServingObjects(
    servingOptions(SINGLE_NODE, { modelSource: { huggingFaceId: 'meta-llama/Llama-3.1-8B-Instruct' }, huggingFaceTokenSecret: { secretName: 'hf-token', key: 'token' } }),
  );
  const pod = only(objects, 'Deployment').spec.template;
  const vllm = pod.spec.containers[0];

  test('THEN vLLM is given the Hub id and downloads into the model volume, with no init container', () => {
    expect(vllm.args[0]).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(vllm.args.slice(1)).toEqual(vllmEngineArgs(SINGLE_NODE.config).slice(1));
    expect(vllm.env).toContainEqual({ name: 'HF_HOME', value: '/models/hf-cache' });
    expect(pod.spec.initContainers).toBeUndefined();
  });

  test('THEN the token arrives only through a secretKeyRef', () => {
    expect(vllm.env).toContainEqual({ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf-token', key: 'token' } } });
  });

  test('THEN the start-up budget includes the download (1.5 × (300 + 14.96/0.5 + 14.96/0.1)) = 720 s', () => {
    expect(vllm.startupProbe.failureThreshold * vllm.startupProbe.periodSeconds).toBe(720);
  });
});

describe('no manifest carries a secret value', () => {
  test.each([
    ['single node', servingOptions(SINGLE_NODE, { huggingFaceTokenSecret: { secretName: 'hf-token', key: 'token' } })],
    ['multi node', servingOptions(MULTI_NODE, { huggingFaceTokenSecret: { secretName: 'hf-token', key: 'token' } })],
    ['quantized from the Hub', servingOptions(QUANTIZED, { modelSource: { huggingFaceId: 'hugging-quants/Meta-Llama-3.1-70B-Instruct-AWQ-INT4' }, huggingFaceTokenSecret: { secretName: 'hf', key: 'token' } })],
  ])('GIVEN %s WHEN every env var of every container is scanned THEN none named like a credential has a literal value', (_, options) => {
    const objects = buildLlmServingObjects(options);
    const offenders = allContainers(objects).flatMap(({ where, container }) =>
      (container.env ?? []).filter((e: { name: string; value?: string }) => SECRET_LOOKING.test(e.name) && e.value !== undefined).map((e: { name: string }) => `${where}: ${e.name}`),
    );
    expect(offenders).toEqual([]);
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
  });
});
