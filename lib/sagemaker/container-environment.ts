/**
 * Container environment variables of a SageMaker model, derived from the plan.
 *
 * For LLMs the vLLM flags are decided once, by `vllmEngineArgs` (lib/planner/engine-args.ts), and stored
 * in the plan; this module only translates those flags into the variables the LMI and TGI containers
 * read. It never chooses a flag value itself.
 */
import type { LlmServingPlan } from '../planner/types';
import type { DeploymentSpec, ModelSpec } from '../spec/types';
import type { SageMakerImageFamily } from './images';

/** Where SageMaker places the model artifacts inside the container. */
export const CONTAINER_MODEL_DIR = '/opt/ml/model';

/** A parsed `vllm serve` command line: the model path and each `--flag` with its value (`true` for switches). */
export interface ParsedEngineArgs {
  readonly modelPath: string;
  readonly flags: ReadonlyMap<string, string>;
}

/** Splits `vllm serve` arguments into the model path and `--flag value` pairs. */
export function parseEngineArgs(args: readonly string[]): ParsedEngineArgs {
  const [modelPath = '', ...rest] = args;
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 1) {
    const token = rest[i]!;
    if (!token.startsWith('--')) throw new Error(`vLLM argument '${token}' has no flag before it (args: ${args.join(' ')})`);
    const name = token.slice(2);
    const next = rest[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      flags.set(name, next);
      i += 1;
    } else {
      flags.set(name, 'true');
    }
  }
  return { modelPath, flags };
}

/**
 * vLLM flags whose LMI name differs. LMI rejects the vLLM spelling of the parallel degrees and of
 * max-num-seqs when its own default is also set, so the LMI names are used.
 * Source: djl-serving engines/python/setup/djl_python/properties_manager/vllm_rb_properties.py
 * (tensor_parallel_degree, pipeline_parallel_degree, max_rolling_batch_size, quantize,
 * max_rolling_batch_prefill_tokens), read 2026-11-24.
 */
const LMI_OPTION_NAMES: Readonly<Record<string, string>> = {
  'tensor-parallel-size': 'OPTION_TENSOR_PARALLEL_DEGREE',
  'pipeline-parallel-size': 'OPTION_PIPELINE_PARALLEL_DEGREE',
  'max-num-seqs': 'OPTION_MAX_ROLLING_BATCH_SIZE',
  quantization: 'OPTION_QUANTIZE',
  'max-num-batched-tokens': 'OPTION_MAX_ROLLING_BATCH_PREFILL_TOKENS',
};

/** Flags LMI owns itself: the port is SageMaker's 8080 contract. */
const LMI_DROPPED_FLAGS = new Set(['port']);

/**
 * LMI (djl-inference) environment for an LLM plan.
 *
 * Async mode is the configuration LMI recommends since v15 and the default since v17: it runs vLLM's
 * own OpenAI server, so every other engine argument passes through as `OPTION_<ARG>` unchanged.
 * Source: djl-serving serving/docs/lmi/user_guides/vllm_user_guide.md ("Async Mode Configurations",
 * "Pass Through" configurations), read 2026-11-24.
 */
export function lmiEnvironment(llm: LlmServingPlan, servedModelName: string): Record<string, string> {
  const { flags } = parseEngineArgs(llm.engineArgs);
  const env: Record<string, string> = {
    // Weights are copied by SageMaker from S3 into the model directory; no Hub download at start-up.
    HF_MODEL_ID: CONTAINER_MODEL_DIR,
    OPTION_ASYNC_MODE: 'true',
    OPTION_ROLLING_BATCH: 'disable',
    OPTION_ENTRYPOINT: 'djl_python.lmi_vllm.vllm_async_service',
    // Exit on an engine failure so SageMaker replaces the instance instead of serving errors.
    SERVING_FAIL_FAST: 'true',
  };
  for (const [flag, value] of flags) {
    if (LMI_DROPPED_FLAGS.has(flag)) continue;
    const name = flag === 'served-model-name' ? 'OPTION_SERVED_MODEL_NAME' : LMI_OPTION_NAMES[flag] ?? `OPTION_${flag.toUpperCase().replace(/-/g, '_')}`;
    env[name] = flag === 'served-model-name' ? servedModelName : value;
  }
  return env;
}

/**
 * TGI (huggingface-pytorch-tgi-inference) environment for an LLM plan: the same tensor-parallel degree,
 * context length and prefill budget as the vLLM plan, in TGI's names.
 * Source: https://huggingface.co/docs/text-generation-inference/reference/launcher (MAX_INPUT_TOKENS,
 * MAX_TOTAL_TOKENS, MAX_BATCH_PREFILL_TOKENS, QUANTIZE) and SageMaker's SM_NUM_GPUS, read 2026-11-24.
 */
export function tgiEnvironment(llm: LlmServingPlan, outputTokens: number): Record<string, string> {
  const { flags } = parseEngineArgs(llm.engineArgs);
  const maxTotal = Number(flags.get('max-model-len') ?? llm.maxModelLen);
  // TGI needs room for at least one output token; reserve the expected output length (at most half).
  const maxInput = Math.max(1, maxTotal - Math.min(outputTokens, Math.floor(maxTotal / 2)));
  const prefill = Math.max(maxInput, Number(flags.get('max-num-batched-tokens') ?? maxInput));
  const env: Record<string, string> = {
    HF_MODEL_ID: CONTAINER_MODEL_DIR,
    SM_NUM_GPUS: flags.get('tensor-parallel-size') ?? String(llm.tensorParallelSize),
    MAX_TOTAL_TOKENS: String(maxTotal),
    MAX_INPUT_TOKENS: String(maxInput),
    MAX_BATCH_PREFILL_TOKENS: String(prefill),
  };
  const quantization = flags.get('quantization');
  if (quantization !== undefined) env.QUANTIZE = quantization;
  return env;
}

/** The Hugging Face pipeline task for a spec task (`HF_TASK`). */
const HF_TASKS: Readonly<Record<NonNullable<ModelSpec['task']>, string>> = {
  'text-generation': 'text-generation',
  embedding: 'feature-extraction',
  classification: 'text-classification',
  tabular: 'tabular-classification',
  image: 'image-classification',
  speech: 'automatic-speech-recognition',
  'anomaly-detection': 'tabular-classification',
};

/**
 * Environment of a non-LLM framework container.
 * - Hugging Face: `HF_TASK` selects the pipeline (source: sagemaker-huggingface-inference-toolkit README).
 * - scikit-learn, PyTorch: the user's `inference.py` in `code/` of model.tar.gz (SageMaker script mode).
 * - Triton: the default model of a single-model endpoint.
 * - XGBoost, TensorFlow Serving: none; both load the model files in the archive.
 */
export function frameworkEnvironment(family: SageMakerImageFamily, spec: DeploymentSpec, multiModel: boolean): Record<string, string> {
  switch (family) {
    case 'huggingface':
      return { HF_TASK: HF_TASKS[spec.model.task] };
    case 'sklearn':
    case 'pytorch':
      return { SAGEMAKER_PROGRAM: 'inference.py', SAGEMAKER_SUBMIT_DIRECTORY: `${CONTAINER_MODEL_DIR}/code` };
    case 'triton':
      return multiModel ? {} : { SAGEMAKER_TRITON_DEFAULT_MODEL_NAME: spec.model.servedName ?? 'model' };
    default:
      return {};
  }
}
