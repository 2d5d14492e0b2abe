/**
 * LMI and TGI environments are translations of the plan's vLLM arguments (decided once by
 * vllmEngineArgs), never new decisions.
 */
import { lmiEnvironment, parseEngineArgs, tgiEnvironment, frameworkEnvironment } from '../../lib/sagemaker/container-environment';
import { planFor } from './support/plans';

describe('parseEngineArgs', () => {
  test('GIVEN vllm serve arguments THEN the model path comes first and switches read as true', () => {
    const parsed = parseEngineArgs(['m', '--max-model-len', '4096', '--enable-prefix-caching', '--dtype', 'auto']);
    expect(parsed.modelPath).toBe('m');
    expect(Object.fromEntries(parsed.flags)).toEqual({ 'max-model-len': '4096', 'enable-prefix-caching': 'true', dtype: 'auto' });
  });

  test('GIVEN a value without a flag THEN it is rejected', () => {
    expect(() => parseEngineArgs(['m', 'stray'])).toThrow(/'stray' has no flag/);
  });
});

describe('lmiEnvironment', () => {
  const plan = planFor('llm', { runtime: { engine: 'lmi', maxModelLen: 4096, kvCacheDtype: 'fp8' } });
  const llm = plan.llm!;
  const env = lmiEnvironment(llm, 'chat');
  const flags = parseEngineArgs(llm.engineArgs).flags;

  test('GIVEN an LLM plan THEN LMI runs vLLM in async mode on the weights SageMaker copied to /opt/ml/model', () => {
    expect(env).toMatchObject({ HF_MODEL_ID: '/opt/ml/model', OPTION_ASYNC_MODE: 'true', OPTION_ROLLING_BATCH: 'disable', OPTION_ENTRYPOINT: 'djl_python.lmi_vllm.vllm_async_service' });
  });

  test('THEN every sizing value equals the plan’s vLLM flag, under LMI’s name where it has one', () => {
    expect(env.OPTION_TENSOR_PARALLEL_DEGREE).toBe(flags.get('tensor-parallel-size'));
    expect(env.OPTION_MAX_ROLLING_BATCH_SIZE).toBe(flags.get('max-num-seqs'));
    expect(env.OPTION_MAX_ROLLING_BATCH_PREFILL_TOKENS).toBe(flags.get('max-num-batched-tokens'));
    expect(env.OPTION_MAX_MODEL_LEN).toBe('4096');
    expect(env.OPTION_GPU_MEMORY_UTILIZATION).toBe(String(llm.gpuMemoryUtilization));
    expect(env.OPTION_KV_CACHE_DTYPE).toBe('fp8');
    expect(env.OPTION_ENABLE_PREFIX_CACHING).toBe('true');
  });

  test('THEN the served name is the spec’s and the port stays SageMaker’s', () => {
    expect(env.OPTION_SERVED_MODEL_NAME).toBe('chat');
    expect(env.OPTION_PORT).toBeUndefined();
  });
});

describe('tgiEnvironment', () => {
  test('GIVEN an LLM plan THEN TGI gets the same GPUs, context and prefill budget, leaving room for the output', () => {
    const llm = planFor('llm', { runtime: { engine: 'tgi', maxModelLen: 4096 } }).llm!;
    const env = tgiEnvironment(llm, 256);
    expect(env).toMatchObject({ HF_MODEL_ID: '/opt/ml/model', SM_NUM_GPUS: String(llm.tensorParallelSize), MAX_TOTAL_TOKENS: '4096', MAX_INPUT_TOKENS: '3840' });
    expect(Number(env.MAX_BATCH_PREFILL_TOKENS)).toBeGreaterThanOrEqual(3840);
  });
});

describe('frameworkEnvironment', () => {
  test('GIVEN a Hugging Face classifier THEN HF_TASK selects the text-classification pipeline', () => {
    expect(frameworkEnvironment('huggingface', planFor('serverless').spec, false)).toEqual({ HF_TASK: 'text-classification' });
  });

  test('GIVEN scikit-learn THEN the inference script of model.tar.gz is used; XGBoost needs none', () => {
    expect(frameworkEnvironment('sklearn', planFor('multi-model').spec, true)).toEqual({ SAGEMAKER_PROGRAM: 'inference.py', SAGEMAKER_SUBMIT_DIRECTORY: '/opt/ml/model/code' });
    expect(frameworkEnvironment('xgboost', planFor('realtime').spec, false)).toEqual({});
  });
});
