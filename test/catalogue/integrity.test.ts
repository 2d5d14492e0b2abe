/**
 * The catalogue's data files are hand-edited; these specifications keep every entry sourced, dated,
 * consistent and plausible, and the required hardware and models present.
 */
import { ACCELERATORS, INSTANCE_TYPES, MODELS, Source, getInstanceType } from '../../lib/catalogue';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function expectSourced(source: Source | undefined, where: string): void {
  expect({ where, url: source?.url }).toEqual({ where, url: expect.stringMatching(/^https:\/\/\S+$/) });
  expect({ where, retrieved: source?.retrieved }).toEqual({ where, retrieved: expect.stringMatching(ISO_DATE) });
  const parsed = new Date(`${source!.retrieved}T00:00:00Z`);
  expect({ where, valid: !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(source!.retrieved) })
    .toEqual({ where, valid: true });
}

/** NVIDIA GPUs in the catalogue that no AWS instance type carries. */
const WITHOUT_INSTANCE_TYPE = [
  'a10', 'l40', 'rtx-a6000', 'rtx-6000-ada', 'rtx-4090', 'rtx-3090', 'h100-pcie', 'h100-nvl', 'rtx-pro-6000',
];

function duplicates(values: readonly string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

describe('accelerators', () => {
  test('GIVEN the catalogue THEN every required accelerator is present with a unique id', () => {
    const ids = ACCELERATORS.map((a) => a.id);
    expect(duplicates(ids)).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining([
      't4', 'a10g', 'l4', 'l40s', 'a100-40gb', 'a100-80gb', 'h100-80gb', 'h200', 'inferentia2', 'trainium',
      ...WITHOUT_INSTANCE_TYPE,
    ]));
  });

  test('GIVEN GPUs AWS does not offer THEN they are NVIDIA CUDA parts with no instance type, kept for --accelerator', () => {
    // These exist so that `aimd plan --accelerator` can check public vLLM logs taken off AWS; an instance
    // type naming one of them would mean AWS started offering it and the entry needs a second look.
    for (const id of WITHOUT_INSTANCE_TYPE) {
      const a = ACCELERATORS.find((x) => x.id === id);
      expect({ id, vendor: a?.vendor, cuda: a?.cudaCapable }).toEqual({ id, vendor: 'nvidia', cuda: true });
      expect({ id, instances: INSTANCE_TYPES.filter((t) => t.acceleratorId === id).map((t) => t.name) }).toEqual({ id, instances: [] });
    }
  });

  test('GIVEN the AWS GPUs and Neuron chips THEN each is carried by at least one instance type', () => {
    const onAws = new Set(INSTANCE_TYPES.map((t) => t.acceleratorId));
    for (const id of ['t4', 'a10g', 'l4', 'l40s', 'a100-40gb', 'a100-80gb', 'h100-80gb', 'h200', 'inferentia2', 'trainium']) {
      expect({ id, onAws: onAws.has(id) }).toEqual({ id, onAws: true });
    }
  });

  test('GIVEN GeForce cards THEN their BF16 figure is the halved FP32-accumulate rate, and the note says so', () => {
    for (const id of ['rtx-4090', 'rtx-3090']) {
      expect(ACCELERATORS.find((a) => a.id === id)?.source.note).toMatch(/FP32 accumulate at half/);
    }
    // Same AD102 silicon: the professional card runs FP32 accumulate at full rate, the GeForce card at half.
    const bf16 = (id: string) => ACCELERATORS.find((a) => a.id === id)!.denseBf16Tflops;
    expect(bf16('rtx-6000-ada') / bf16('rtx-4090')).toBeGreaterThan(2);
  });

  test.each(ACCELERATORS.map((a) => [a.id, a] as const))('%s is sourced, dated and plausible', (id, a) => {
    expectSourced(a.source, id);
    if (a.vendor === 'nvidia') {
      expectSourced(a.memoryReportedSource, `${id} memoryReportedSource`);
      expect(a.computeCapability).toMatch(/^\d+\.\d$/);
      expect(a.cudaCapable).toBe(true);
      // Memory "as sold" is really about that many GiB on the board; the driver keeps a few hundred MiB
      // to itself (and ECC takes more on GDDR parts), so the reported total is always a little lower.
      expect(a.memoryGiBReported).toBeLessThan(a.memoryGB);
      expect(a.memoryGiBReported).toBeGreaterThan(a.memoryGB * 0.85);
    } else {
      expect(a.cudaCapable).toBe(false);
    }
    expect(a.memoryBandwidthGBps).toBeGreaterThan(100);
    expect(a.denseBf16Tflops).toBeGreaterThan(10);
    if (a.denseFp8Tflops !== null) {
      expect(a.denseFp8Tflops).toBeGreaterThanOrEqual(a.denseBf16Tflops);
    }
  });

  test('GIVEN pre-Hopper/Ada NVIDIA parts THEN they have no FP8 figure', () => {
    for (const id of ['t4', 'a10g', 'a10', 'rtx-a6000', 'rtx-3090', 'a100-40gb', 'a100-80gb']) {
      expect({ id, fp8: ACCELERATORS.find((a) => a.id === id)?.denseFp8Tflops }).toEqual({ id, fp8: null });
    }
  });

  test('GIVEN the T4 THEN its note says it has no BF16 tensor cores', () => {
    expect(ACCELERATORS.find((a) => a.id === 't4')?.source.note).toMatch(/no BF16/i);
  });
});

describe('instance types', () => {
  const names = INSTANCE_TYPES.map((t) => t.name);

  test('GIVEN the catalogue THEN names are unique and every required family is present', () => {
    expect(duplicates(names)).toEqual([]);
    const families = new Set(INSTANCE_TYPES.map((t) => t.family));
    for (const family of ['g4dn', 'g5', 'g6', 'g6e', 'p4d', 'p4de', 'p5', 'p5en', 'inf2', 'trn1', 'm7i', 'c7i', 'c7g']) {
      expect({ family, present: families.has(family) }).toEqual({ family, present: true });
    }
  });

  test('GIVEN the g5 family THEN every size from xlarge to 48xlarge is listed', () => {
    for (const size of ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge']) {
      expect(names).toContain(`g5.${size}`);
    }
  });

  test.each(INSTANCE_TYPES.map((t) => [t.name, t] as const))('%s is sourced, priced and consistent', (name, t) => {
    expectSourced(t.source.specs, `${name} specs`);
    expectSourced(t.source.price, `${name} price`);
    expect(name.startsWith(`${t.family}.`)).toBe(true);
    expect(t.onDemandPricePerHourUsd['us-east-1']).toBeGreaterThan(0);
    expect(t.vcpus).toBeGreaterThan(0);
    expect(t.memoryGiB).toBeGreaterThan(0);
    expect(t.interconnect.networkGbps).toBeGreaterThan(0);
    expect(t.localNvmeGB).toBeGreaterThanOrEqual(0);
    if (t.acceleratorId === null) {
      expect(t.acceleratorCount).toBe(0);
    } else {
      expect(ACCELERATORS.map((a) => a.id)).toContain(t.acceleratorId);
      expect(t.acceleratorCount).toBeGreaterThan(0);
    }
    if (t.sagemaker) {
      expect(t.sagemaker.name).toBe(`ml.${name}`);
      expectSourced(t.source.sagemakerPrice, `${name} sagemakerPrice`);
      const prices = Object.values(t.sagemaker.pricePerHourUsd);
      expect(prices.length).toBeGreaterThan(0);
      prices.forEach((p) => expect(p).toBeGreaterThan(0));
    }
    if (t.interconnect.nvlink) {
      expect(t.acceleratorCount).toBeGreaterThan(1);
    }
  });

  test('GIVEN p5.48xlarge THEN it carries 8 H100 80GB on NVLink with EFA', () => {
    const p5 = getInstanceType('p5.48xlarge');
    expect(p5).toMatchObject({
      acceleratorId: 'h100-80gb',
      acceleratorCount: 8,
      vcpus: 192,
      memoryGiB: 2048,
      interconnect: { nvlink: true, efa: true, networkGbps: 3200 },
    });
  });

  test('GIVEN Graviton families THEN they are arm64 and everything else x86_64', () => {
    for (const t of INSTANCE_TYPES) {
      expect({ name: t.name, arch: t.cpuArchitecture }).toEqual({
        name: t.name,
        arch: t.family.endsWith('g') && !t.family.startsWith('g') ? 'arm64' : 'x86_64',
      });
    }
  });

  test('GIVEN multi-accelerator instances THEN per-accelerator price never beats a smaller sibling by 10x', () => {
    // Guards against a mistyped price (a dropped digit) rather than pricing policy.
    for (const t of INSTANCE_TYPES.filter((i) => i.acceleratorCount > 0)) {
      const perAccelerator = t.onDemandPricePerHourUsd['us-east-1'] / t.acceleratorCount;
      const siblings = INSTANCE_TYPES.filter((s) => s.acceleratorId === t.acceleratorId);
      for (const s of siblings) {
        const ratio = perAccelerator / (s.onDemandPricePerHourUsd['us-east-1'] / s.acceleratorCount);
        expect({ pair: `${t.name}/${s.name}`, plausible: ratio > 0.1 && ratio < 10 }).toEqual({ pair: `${t.name}/${s.name}`, plausible: true });
      }
    }
  });
});

describe('models', () => {
  const REQUIRED = [
    'meta-llama/Llama-3.1-8B-Instruct', 'meta-llama/Llama-3.1-70B-Instruct', 'meta-llama/Llama-3.1-405B-Instruct',
    'meta-llama/Llama-3.2-1B-Instruct', 'meta-llama/Llama-3.2-3B-Instruct', 'mistralai/Mistral-7B-Instruct-v0.3',
    'mistralai/Mixtral-8x7B-Instruct-v0.1', 'Qwen/Qwen2.5-7B-Instruct', 'Qwen/Qwen2.5-32B-Instruct',
    'Qwen/Qwen2.5-72B-Instruct', 'Qwen/Qwen3-8B', 'Qwen/Qwen3-32B', 'google/gemma-2-9b-it', 'google/gemma-2-27b-it',
    'microsoft/Phi-3-mini-4k-instruct', 'deepseek-ai/DeepSeek-R1-Distill-Llama-8B',
    'deepseek-ai/DeepSeek-R1-Distill-Llama-70B', 'openai/gpt-oss-20b', 'openai/gpt-oss-120b',
  ];

  test('GIVEN the catalogue THEN every required model is present and ids and aliases are unique', () => {
    expect(MODELS.map((m) => m.id)).toEqual(expect.arrayContaining(REQUIRED));
    const handles = MODELS.flatMap((m) => [m.id.toLowerCase(), ...m.aliases]);
    expect(duplicates(handles)).toEqual([]);
  });

  test.each(MODELS.map((m) => [m.id, m] as const))('%s is sourced from its config.json and plausible', (id, m) => {
    expectSourced(m.source, id);
    expect(m.source.url).toBe(`https://huggingface.co/${id}/blob/main/config.json`);
    m.aliases.forEach((alias) => expect(alias).toMatch(/^[a-z0-9][a-z0-9.-]*$/));
    expect(m.numAttentionHeads % m.numKeyValueHeads).toBe(0);
    expect(m.activeParameters).toBeLessThanOrEqual(m.parameters);
    if (m.slidingWindow !== undefined) {
      expect(m.slidingWindowLayers).toBeGreaterThan(0);
      expect(m.slidingWindowLayers).toBeLessThanOrEqual(m.numLayers);
      expect(m.slidingWindow).toBeLessThan(m.maxContextLength);
    }
    if (m.moe) {
      expect(m.moe.expertsPerToken).toBeLessThanOrEqual(m.moe.numExperts);
    } else {
      expect(m.activeParameters).toBe(m.parameters);
    }
  });

  test('GIVEN models with sliding windows THEN the layouts match their configs', () => {
    const window = (id: string) => {
      const m = MODELS.find((x) => x.id === id)!;
      return [m.slidingWindow, m.slidingWindowLayers];
    };
    expect(window('google/gemma-2-9b-it')).toEqual([4096, 21]);
    expect(window('google/gemma-2-27b-it')).toEqual([4096, 23]);
    expect(window('openai/gpt-oss-20b')).toEqual([128, 12]);
    expect(window('openai/gpt-oss-120b')).toEqual([128, 18]);
    expect(window('mistralai/Mistral-7B-Instruct-v0.3')).toEqual([undefined, undefined]);
    expect(window('Qwen/Qwen2.5-72B-Instruct')).toEqual([undefined, undefined]);
  });

  test('GIVEN gpt-oss THEN only its experts are MXFP4', () => {
    for (const id of ['openai/gpt-oss-20b', 'openai/gpt-oss-120b']) {
      expect(MODELS.find((m) => m.id === id)).toMatchObject({
        nativeWeightFormat: 'mxfp4', nativeWeightFormatScope: 'experts', headDim: 64,
      });
    }
  });
});
