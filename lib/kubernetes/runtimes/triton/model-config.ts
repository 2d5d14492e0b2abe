/**
 * Triton model configurations (`config.pbtxt`) as data, and their protobuf text form. One model of the repository
 * is one {@link TritonModelConfig}; an ensemble names the models it chains in `steps`.
 *
 * Field names and enum values follow Triton's model configuration schema, `model_config.proto` (`platform`,
 * `backend`, `max_batch_size`, `input`/`output` with `data_type` and `dims`, `instance_group` with `kind: KIND_GPU`,
 * `dynamic_batching` with `preferred_batch_size` and `max_queue_delay_microseconds`, `ensemble_scheduling.step` with
 * `model_name`, `model_version`, `input_map`, `output_map`) and docs/user_guide/model_configuration.md and
 * docs/user_guide/ensemble_models.md of triton-inference-server/server (read 2026-12-03).
 */

/** `DataType` of model_config.proto. */
export type TritonDataType =
  | 'TYPE_BOOL' | 'TYPE_UINT8' | 'TYPE_UINT16' | 'TYPE_UINT32' | 'TYPE_UINT64'
  | 'TYPE_INT8' | 'TYPE_INT16' | 'TYPE_INT32' | 'TYPE_INT64'
  | 'TYPE_FP16' | 'TYPE_FP32' | 'TYPE_FP64' | 'TYPE_BF16' | 'TYPE_STRING';

export const TRITON_DATA_TYPES: readonly TritonDataType[] = [
  'TYPE_BOOL', 'TYPE_UINT8', 'TYPE_UINT16', 'TYPE_UINT32', 'TYPE_UINT64', 'TYPE_INT8', 'TYPE_INT16', 'TYPE_INT32',
  'TYPE_INT64', 'TYPE_FP16', 'TYPE_FP32', 'TYPE_FP64', 'TYPE_BF16', 'TYPE_STRING',
];

/** An input or output tensor. `dims` leave out the batch dimension when `maxBatchSize > 0`; -1 is variable. */
export interface TritonTensor {
  readonly name: string;
  readonly dataType: TritonDataType;
  readonly dims: readonly number[];
}

/**
 * How the model executes: an ONNX Runtime or LibTorch platform, the Python backend (a `model.py` beside the
 * config), or an ensemble of other models of the repository.
 */
export type TritonModelKind = 'onnx' | 'pytorch' | 'python' | 'ensemble';

/** One step of an ensemble: a model, and which ensemble tensors feed its inputs and receive its outputs. */
export interface TritonEnsembleStep {
  readonly modelName: string;
  /** `-1`: the latest version. @default -1 */
  readonly modelVersion?: number;
  /** The model's input name → the ensemble tensor it reads. */
  readonly inputMap: Readonly<Record<string, string>>;
  /** The model's output name → the ensemble tensor it writes. */
  readonly outputMap: Readonly<Record<string, string>>;
}

export interface TritonDynamicBatching {
  readonly preferredBatchSizes: readonly number[];
  readonly maxQueueDelayMicroseconds: number;
}

export interface TritonModelConfig {
  /** Directory name in the repository and the name clients call. */
  readonly name: string;
  readonly kind: TritonModelKind;
  /** 0: the model does not batch (dims are the full shape). */
  readonly maxBatchSize: number;
  readonly inputs: readonly TritonTensor[];
  readonly outputs: readonly TritonTensor[];
  /** Instances per GPU (`instance_group { count, kind: KIND_GPU }`). Ignored for ensembles. @default 1 */
  readonly gpuInstanceCount?: number;
  /**
   * Where the instances run: `cpu` writes `kind: KIND_CPU` (model_config.proto `InstanceGroup.Kind`), for a CPU
   * plan whose nodes have no GPU; `gpuInstanceCount` then counts CPU instances. @default 'gpu'
   */
  readonly instanceKind?: 'gpu' | 'cpu';
  /** Dynamic batching. Not for ensembles (their models batch). @default - none */
  readonly dynamicBatching?: TritonDynamicBatching;
  /** Ensemble steps, in execution order. Required for (and only for) `kind: 'ensemble'`. */
  readonly steps?: readonly TritonEnsembleStep[];
}

/** `platform` or `backend` line of each kind (model_config.proto; the Python backend is chosen by `backend`). */
const KIND_SELECTOR: Readonly<Record<TritonModelKind, string>> = {
  onnx: 'platform: "onnxruntime_onnx"',
  pytorch: 'platform: "pytorch_libtorch"',
  python: 'backend: "python"',
  ensemble: 'platform: "ensemble"',
};

/** The kind a parsed `platform` / `backend` selects. */
export function kindOfSelector(platform: string | undefined, backend: string | undefined): TritonModelKind | undefined {
  if (platform === 'onnxruntime_onnx' || (platform === undefined && backend === 'onnxruntime')) return 'onnx';
  if (platform === 'pytorch_libtorch' || (platform === undefined && backend === 'pytorch')) return 'pytorch';
  if (platform === 'ensemble') return 'ensemble';
  if (platform === undefined && backend === 'python') return 'python';
  return undefined;
}

function indent(lines: readonly string[], depth = 1): string[] {
  return lines.map((line) => `${'  '.repeat(depth)}${line}`);
}

function list(values: readonly number[]): string {
  return `[ ${values.join(', ')} ]`;
}

function block(name: string, body: readonly string[]): string[] {
  return [`${name} {`, ...indent(body), '}'];
}

function repeated(name: string, items: readonly (readonly string[])[]): string[] {
  if (items.length === 0) return [];
  // Items are separated by commas, as in Triton's own examples.
  const body = items.flatMap((item, i) => ['{', ...indent(item), i < items.length - 1 ? '},' : '}']);
  return [`${name} [`, ...indent(body), ']'];
}

function tensor(t: TritonTensor): string[] {
  return [`name: "${t.name}"`, `data_type: ${t.dataType}`, `dims: ${list(t.dims)}`];
}

function mapEntries(name: string, map: Readonly<Record<string, string>>): string[] {
  return Object.entries(map).flatMap(([key, value]) => block(name, [`key: "${key}"`, `value: "${value}"`]));
}

/** The `config.pbtxt` of one model: deterministic, two-space indented, ending with a newline. */
export function tritonConfigPbtxt(config: TritonModelConfig): string {
  const lines: string[] = [
    `name: "${config.name}"`,
    KIND_SELECTOR[config.kind],
    `max_batch_size: ${config.maxBatchSize}`,
    ...repeated('input', config.inputs.map(tensor)),
    ...repeated('output', config.outputs.map(tensor)),
  ];
  if (config.kind === 'ensemble') {
    const steps = (config.steps ?? []).map((step) => [
      `model_name: "${step.modelName}"`,
      `model_version: ${step.modelVersion ?? -1}`,
      ...mapEntries('input_map', step.inputMap),
      ...mapEntries('output_map', step.outputMap),
    ]);
    lines.push(...block('ensemble_scheduling', repeated('step', steps)));
  } else {
    lines.push(...repeated('instance_group', [[`count: ${config.gpuInstanceCount ?? 1}`, config.instanceKind === 'cpu' ? 'kind: KIND_CPU' : 'kind: KIND_GPU']]));
    if (config.dynamicBatching) {
      lines.push(...block('dynamic_batching', [
        `preferred_batch_size: ${list(config.dynamicBatching.preferredBatchSizes)}`,
        `max_queue_delay_microseconds: ${config.dynamicBatching.maxQueueDelayMicroseconds}`,
      ]));
    }
  }
  return `${lines.join('\n')}\n`;
}
