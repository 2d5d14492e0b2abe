import { InfeasiblePlanError } from '../../lib/errors';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';

describe('a spec asking for what vLLM refuses', () => {
  // vLLM mirrors: vllm/config/model.py ModelConfig.verify_with_parallel_config, vllm/config/lora.py LoRAConfig
  it('GIVEN Llama 3.1 8B at tensor-parallel size 3 on H100s WHEN planned for synth THEN it fails with vLLM\'s reason, so no blueprint deploys it', () => {
    const spec = resolveDeploymentSpec({
      name: 'llm-tp3',
      model: { id: 'meta-llama/Llama-3.1-8B-Instruct' },
      runtime: { engine: 'vllm', tensorParallelSize: 3 },
      target: { kind: 'eks', accelerator: 'h100-80gb' },
    });
    expect(() => planDeployment(spec)).toThrow(InfeasiblePlanError);
    expect(() => planDeployment(spec)).toThrow(/attention heads \(32\) must be divisible by tensor parallel size \(3\)/);
  });

  it('GIVEN a LoRA rank vLLM has no kernel for WHEN planned for synth THEN it fails naming the ranks vLLM supports and the next one up', () => {
    const spec = resolveDeploymentSpec({
      name: 'llm-lora-rank',
      model: { id: 'meta-llama/Llama-3.1-8B-Instruct' },
      runtime: { engine: 'vllm', lora: { adapters: [{ name: 'a', uri: 's3://bucket/a/' }], maxLoraRank: 24 } },
      target: { kind: 'eks' },
    });
    expect(() => planDeployment(spec)).toThrow(/max_lora_rank \(24\) must be one of \(8, 16, 32, 64, 128, 256, 320, 512\)[\s\S]*--max-lora-rank 32/);
  });
});
