import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';

async function aimd(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += `${s}\n`; }, err: (s) => { err += `${s}\n`; } });
  return { code, out, err };
}

const CONTRACT_FIELDS = [
  'model', 'instanceType', 'accelerator', 'acceleratorCount', 'tensorParallelSize', 'pipelineParallelSize', 'nodes',
  'weightsGiB', 'kvCacheGiB', 'kvCacheTokens', 'maxConcurrency', 'maxModelLen', 'gpuMemoryUtilization', 'engineArgs',
  'estimatedOutputTokensPerSecond', 'costPerHourUsd', 'costPerMillionOutputTokensUsd', 'explanation',
];

describe('aimd plan', () => {
  test('GIVEN the issue example WHEN run with --json THEN it prints one object with the contract fields and ≈15 GiB of weights', async () => {
    const { code, out } = await aimd('plan', '--model', 'meta-llama/Llama-3.1-8B-Instruct', '--accelerator', 'h100-80gb',
      '--tensor-parallel-size', '1', '--max-model-len', '8192', '--gpu-memory-utilization', '0.9', '--json');
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    for (const field of CONTRACT_FIELDS) expect(plan).toHaveProperty(field);
    expect(plan.weightsGiB).toBeCloseTo(15, 0);
    expect(plan.maxModelLen).toBe(8192);
    expect(plan.accelerator).toBe('h100-80gb');
  });

  test('GIVEN no accelerator WHEN run THEN it chooses and prints a readable table with the memory breakdown', async () => {
    const { code, out } = await aimd('plan', '--model', 'llama-3.1-70b-instruct', '--requests-per-second', '2');
    expect(code).toBe(0);
    expect(out).toMatch(/memory per GPU/);
    expect(out).toMatch(/weights/);
    expect(out).toMatch(/KV cache/);
    expect(out).toMatch(/vllm serve meta-llama\/Llama-3.1-70B-Instruct/);
  });

  test('GIVEN a Hugging Face config.json WHEN planned THEN the model comes from the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aimd-cfg-'));
    const path = join(dir, 'config.json');
    writeFileSync(path, JSON.stringify({
      model_type: 'llama', architectures: ['LlamaForCausalLM'], hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 32,
      num_attention_heads: 32, num_key_value_heads: 8, vocab_size: 128256, max_position_embeddings: 131072, tie_word_embeddings: false,
      torch_dtype: 'bfloat16', rms_norm_eps: 1e-5, head_dim: 128,
    }));
    const { code, out } = await aimd('plan', '--model-config', path, '--accelerator', 'l40s', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out).weightsGiB).toBeCloseTo(15, 0);
  });

  test('GIVEN malformed flags WHEN run THEN it exits 2 naming every flag, value and fix', async () => {
    const { code, err } = await aimd('plan', '--model', 'llama-3.1-8b-instruct', '--max-model-len', 'lots', '--gpu-memory-utilization', '1.7', '--dtype', 'bf16');
    expect(code).toBe(2);
    expect(err).toMatch(/--max-model-len \('lots'\): must be an integer/);
    expect(err).toMatch(/--gpu-memory-utilization \('1.7'\): must be a number in \(0, 1\]/);
    expect(err).toMatch(/--dtype \('bf16'\): must be one of auto, bfloat16, float16/);
  });

  test('GIVEN a mistyped flag WHEN run THEN it suggests the right one', async () => {
    const { code, err } = await aimd('plan', '--model', 'llama-3.1-8b-instruct', '--tensor-paralel-size', '2');
    expect(code).toBe(2);
    expect(err).toMatch(/--tensor-paralel-size.*did you mean --tensor-parallel-size\?/);
  });

  test('GIVEN an unknown accelerator WHEN run THEN the valid ids are listed', async () => {
    const { code, err } = await aimd('plan', '--model', 'llama-3.1-8b-instruct', '--accelerator', 'h100');
    expect(code).toBe(2);
    expect(err).toMatch(/--accelerator \('h100'\): must be one of .*h100-80gb/);
  });

  test('GIVEN an unknown model WHEN run THEN the closest catalogue id is suggested', async () => {
    const { code, err } = await aimd('plan', '--model', 'llama-3.1-8b-instruc');
    expect(code).toBe(2);
    expect(err).toMatch(/llama-3\.1-8b-instruct/i);
  });

  test('GIVEN a model that cannot fit WHEN run THEN it exits 1 with the numbers and what would work', async () => {
    const { code, err } = await aimd('plan', '--model', 'meta-llama/Llama-3.1-405B-Instruct', '--accelerator', 'l4', '--tensor-parallel-size', '1');
    expect(code).toBe(1);
    expect(err).toMatch(/GiB of weights/);
    expect(err).toMatch(/What would work/);
  });

  test('GIVEN --help on every command WHEN run THEN each prints its usage and exits 0', async () => {
    for (const command of ['plan', 'synth', 'blueprints', 'catalogue']) {
      const { code, out } = await aimd(command, '--help');
      expect(code).toBe(0);
      expect(out).toMatch(new RegExp(`Usage: aimd ${command}`));
    }
    const top = await aimd('--help');
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/Commands:/);
  });
});

describe('aimd plan on a configuration vLLM would refuse', () => {
  test('GIVEN a context the KV cache cannot hold WHEN run with --json THEN it exits 1 and still prints the numbers with fits: false', async () => {
    const { code, out, err } = await aimd('plan', '--model', 'meta-llama/Llama-3.1-8B-Instruct', '--accelerator', 'a10g',
      '--tensor-parallel-size', '1', '--max-model-len', '131072', '--json');
    expect(code).toBe(1);
    const evaluation = JSON.parse(out);
    expect(evaluation).toMatchObject({ fits: false, accelerator: 'a10g', tensorParallelSize: 1, pipelineParallelSize: 1, maxModelLen: 131072 });
    expect(evaluation.kvCacheTokens).toBeGreaterThan(0);
    expect(evaluation.kvCacheTokens).toBeLessThan(131072);
    expect(err).toMatch(/^error: /);
  });

  test('GIVEN a fixed tensor-parallel size without a pipeline size WHEN evaluated THEN pipeline parallelism stays 1, as in vLLM', async () => {
    const { code, out } = await aimd('plan', '--model', 'meta-llama/Llama-3.1-8B-Instruct', '--accelerator', 'a10g', '--tensor-parallel-size', '1', '--max-model-len', '4096', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ tensorParallelSize: 1, pipelineParallelSize: 1, fits: true });
  });
});

describe('aimd plan on a GPU no AWS instance type carries', () => {
  test('GIVEN two RTX 4090s WHEN evaluated THEN vLLM’s budget is computed on a 2-GPU server with no price', async () => {
    const { code, out } = await aimd('plan', '--model', 'meta-llama/Llama-3.1-8B-Instruct', '--accelerator', 'rtx-4090',
      '--tensor-parallel-size', '2', '--max-model-len', '8192', '--json');
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    expect(plan).toMatchObject({ accelerator: 'rtx-4090', acceleratorCount: 2, tensorParallelSize: 2, pipelineParallelSize: 1, costPerHourUsd: 0, fits: true });
    expect(plan.instanceType).toBe('2x-rtx-4090-server');
    expect(plan.kvCacheTokens).toBeGreaterThan(0);
    expect(plan.explanation).toMatch(/No AWS instance type in the catalogue carries rtx-4090/);
  });

  test('GIVEN such a GPU WHEN the planner chooses freely THEN it never picks it (only AWS instance types are planned)', async () => {
    const { out } = await aimd('plan', '--model', 'meta-llama/Llama-3.1-8B-Instruct', '--json');
    expect(JSON.parse(out).instanceType).not.toMatch(/server$/);
  });

  test('GIVEN Llama 3.1 8B at TP=3 on H100 (issue 17) WHEN run THEN it exits 1 with vLLM\'s reason and what would work', async () => {
    const { code, err } = await aimd('plan', '--model', 'meta-llama/Llama-3.1-8B-Instruct', '--accelerator', 'h100-80gb', '--tensor-parallel-size', '3');
    expect(code).toBe(1);
    expect(err).toMatch(/Total number of attention heads \(32\) must be divisible by tensor parallel size \(3\)/);
    expect(err).toMatch(/use --tensor-parallel-size 1, 2, 4 or 8/);
  });

  test('GIVEN the 70B example WHEN run THEN the table shows the alternatives and --json adds them, the existing fields unchanged', async () => {
    const table = await aimd('plan', '--model', 'llama-3.1-70b-instruct', '--requests-per-second', '5');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/alternatives\s+instance\s+parallelism\s+replicas\s+cost\s+month\s+TTFT\s+ITL/);
    expect(table.out).toMatch(/^cheapest\s+\S+ × \d nodes/m);
    const { code, out } = await aimd('plan', '--model', 'llama-3.1-70b-instruct', '--requests-per-second', '5', '--json');
    expect(code).toBe(0);
    const plan = JSON.parse(out);
    for (const field of CONTRACT_FIELDS) expect(plan).toHaveProperty(field);
    expect(plan.nodes).toBe(1);
    expect(plan.alternatives.map((a: { objective: string }) => a.objective)).toEqual(['chosen', 'cheapest', 'fewest-nodes', 'lowest-latency']);
    expect(plan.choiceReason).toMatch(/margin/);
  });

  test('GIVEN --complexity-margin 0 WHEN run THEN price alone decides; a margin outside 0-1 is bad input (exit 2)', async () => {
    const { code, out } = await aimd('plan', '--model', 'llama-3.1-70b-instruct', '--requests-per-second', '5', '--complexity-margin', '0', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out).nodes).toBeGreaterThan(1);
    expect((await aimd('plan', '--model', 'llama-3.1-70b-instruct', '--complexity-margin', '2')).code).toBe(2);
  });

  test('GIVEN --vllm-version 0.10.1 and --flashinfer-sampler off WHEN run THEN the sort-based sampler is charged', async () => {
    const args = ['plan', '--model', 'qwen2.5-7b-instruct', '--accelerator', 'a100-80gb', '--tensor-parallel-size', '1', '--gpu-memory-utilization', '0.25', '--max-model-len', '16384', '--vllm-version', '0.10.1', '--json'];
    const image = JSON.parse((await aimd(...args)).out);
    const pip = JSON.parse((await aimd(...args, '--flashinfer-sampler', 'off')).out);
    expect(pip.memory.activationPeakGiB).toBeGreaterThan(image.memory.activationPeakGiB + 0.8);
  });
});
