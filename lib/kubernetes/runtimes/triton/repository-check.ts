/**
 * Checks a Triton model repository before it is uploaded: every `config.pbtxt` parses, names and data types are
 * valid, batching is consistent, and every ensemble is a connected graph of models that exist in the repository
 * (Triton otherwise refuses the ensemble at load time, after the nodes and pods are up). Rules from
 * docs/user_guide/ensemble_models.md and model_configuration.md (triton-inference-server/server, read 2026-12-03):
 * an ensemble's `max_batch_size` must not exceed that of any model it runs, each step maps the model's own input and
 * output names, and every ensemble tensor is an ensemble input or written by exactly one step.
 */
import type { InputProblem } from '../../../errors';
import { TRITON_DATA_TYPES, type TritonModelConfig, type TritonTensor } from './model-config';
import { readTritonConfig } from './pbtxt';

const MODEL_NAME = /^[A-Za-z0-9][\w.-]{0,127}$/;

/** Every problem of a repository given as parsed configurations. Empty when Triton will load it. */
export function tritonRepositoryProblems(configs: readonly TritonModelConfig[]): InputProblem[] {
  const problems: InputProblem[] = [];
  const byName = new Map<string, TritonModelConfig>();
  for (const config of configs) {
    const at = `models.${config.name}`;
    if (!MODEL_NAME.test(config.name)) problems.push({ field: `${at}.name`, value: config.name, message: 'is not a valid model directory name', fix: 'use letters, digits, _, . or -' });
    if (byName.has(config.name)) problems.push({ field: `${at}.name`, value: config.name, message: 'names two models', fix: 'give every model its own name' });
    byName.set(config.name, config);
    problems.push(...modelProblems(config, at));
  }
  for (const config of configs) {
    if (config.kind === 'ensemble') problems.push(...ensembleProblems(config, byName));
  }
  return problems;
}

/** Parses every `config.pbtxt` (by model name) and checks the repository they form. */
export function tritonRepositoryFileProblems(files: Readonly<Record<string, string>>): InputProblem[] {
  const configs: TritonModelConfig[] = [];
  const problems: InputProblem[] = [];
  for (const [model, text] of Object.entries(files)) {
    try {
      const config = readTritonConfig(text);
      if (config.name !== model) problems.push({ field: `models.${model}.name`, value: config.name, message: `differs from its directory '${model}'`, fix: `set name: "${model}"` });
      configs.push(config);
    } catch (error) {
      problems.push({ field: `models.${model}/config.pbtxt`, value: text.slice(0, 40), message: `does not parse: ${(error as Error).message}`, fix: 'write valid protobuf text format' });
    }
  }
  return [...problems, ...tritonRepositoryProblems(configs)];
}

function tensorProblems(tensors: readonly TritonTensor[], at: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const names = new Set<string>();
  tensors.forEach((t, i) => {
    const f = `${at}[${i}]`;
    if (t.name === '' || names.has(t.name)) problems.push({ field: `${f}.name`, value: t.name, message: 'is empty or repeated', fix: 'name every tensor once' });
    names.add(t.name);
    if (!TRITON_DATA_TYPES.includes(t.dataType)) problems.push({ field: `${f}.data_type`, value: t.dataType, message: 'is not a Triton data type', fix: `use one of ${TRITON_DATA_TYPES.join(', ')}` });
    if (t.dims.length === 0 || t.dims.some((d) => !Number.isInteger(d) || (d < 1 && d !== -1))) {
      problems.push({ field: `${f}.dims`, value: t.dims, message: 'must list positive sizes or -1 (variable)', fix: 'give the shape without the batch dimension, e.g. [ 3, 224, 224 ]' });
    }
  });
  return problems;
}

function modelProblems(config: TritonModelConfig, at: string): InputProblem[] {
  const problems: InputProblem[] = [...tensorProblems(config.inputs, `${at}.input`), ...tensorProblems(config.outputs, `${at}.output`)];
  if (!Number.isInteger(config.maxBatchSize) || config.maxBatchSize < 0) {
    problems.push({ field: `${at}.max_batch_size`, value: config.maxBatchSize, message: 'must be a whole number of at least 0', fix: 'use 0 for a model that does not batch' });
  }
  if (config.inputs.length === 0 || config.outputs.length === 0) {
    problems.push({ field: at, value: config.name, message: 'needs at least one input and one output', fix: 'declare the tensors the model reads and writes' });
  }
  const batching = config.dynamicBatching;
  if (batching) {
    if (config.kind === 'ensemble') problems.push({ field: `${at}.dynamic_batching`, value: '(set)', message: 'does not apply to an ensemble', fix: 'set dynamic batching on the models the ensemble runs' });
    if (config.maxBatchSize < 1) problems.push({ field: `${at}.dynamic_batching`, value: config.maxBatchSize, message: 'needs max_batch_size of at least 1', fix: 'set max_batch_size or remove dynamic_batching' });
    const tooBig = batching.preferredBatchSizes.filter((b) => !Number.isInteger(b) || b < 1 || b > config.maxBatchSize);
    if (tooBig.length > 0) problems.push({ field: `${at}.dynamic_batching.preferred_batch_size`, value: tooBig, message: `must be between 1 and max_batch_size (${config.maxBatchSize})`, fix: 'lower the preferred sizes or raise max_batch_size' });
    if (!Number.isInteger(batching.maxQueueDelayMicroseconds) || batching.maxQueueDelayMicroseconds < 0) {
      problems.push({ field: `${at}.dynamic_batching.max_queue_delay_microseconds`, value: batching.maxQueueDelayMicroseconds, message: 'must be a whole number of µs', fix: 'e.g. 1000' });
    }
  }
  if (config.kind === 'ensemble' && (config.steps ?? []).length === 0) {
    problems.push({ field: `${at}.ensemble_scheduling.step`, value: [], message: 'an ensemble needs at least one step', fix: 'list the models it runs' });
  }
  if (config.kind !== 'ensemble' && config.steps !== undefined) {
    problems.push({ field: `${at}.ensemble_scheduling`, value: '(set)', message: `only applies to platform "ensemble" (this model is ${config.kind})`, fix: 'remove the steps' });
  }
  return problems;
}

interface EnsembleTensor { readonly type: string; readonly dims: readonly number[]; readonly from: string }

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i] || d === -1 || b[i] === -1);
}

function ensembleProblems(ensemble: TritonModelConfig, byName: ReadonlyMap<string, TritonModelConfig>): InputProblem[] {
  const problems: InputProblem[] = [];
  const at = `models.${ensemble.name}.ensemble_scheduling`;
  // Ensemble tensors: its inputs first, then what each step writes (steps may be listed in any order in Triton,
  // but each tensor has one writer; we require them in execution order so the graph reads top to bottom).
  const tensors = new Map<string, EnsembleTensor>(ensemble.inputs.map((t) => [t.name, { type: t.dataType, dims: t.dims, from: 'ensemble input' }]));
  (ensemble.steps ?? []).forEach((step, i) => {
    const f = `${at}.step[${i}]`;
    const model = byName.get(step.modelName);
    if (model === undefined || model.name === ensemble.name) {
      problems.push({ field: `${f}.model_name`, value: step.modelName, message: 'is not another model of the repository', fix: `use one of ${[...byName.keys()].filter((n) => n !== ensemble.name).join(', ')}` });
      return;
    }
    if (ensemble.maxBatchSize > model.maxBatchSize) {
      problems.push({ field: `models.${ensemble.name}.max_batch_size`, value: ensemble.maxBatchSize, message: `exceeds the max_batch_size of step model '${model.name}' (${model.maxBatchSize})`, fix: `lower it to ${model.maxBatchSize} or raise the model's` });
    }
    for (const input of model.inputs) {
      const source = step.inputMap[input.name];
      const tensor = source === undefined ? undefined : tensors.get(source);
      if (source === undefined) {
        problems.push({ field: `${f}.input_map`, value: input.name, message: `does not feed input '${input.name}' of '${model.name}'`, fix: `map "${input.name}" to an ensemble input or an earlier step's output` });
      } else if (tensor === undefined) {
        problems.push({ field: `${f}.input_map.${input.name}`, value: source, message: 'is neither an ensemble input nor written by an earlier step', fix: `use one of ${[...tensors.keys()].join(', ')}` });
      } else if (tensor.type !== input.dataType || !sameShape(tensor.dims, input.dims)) {
        problems.push({ field: `${f}.input_map.${input.name}`, value: source, message: `is ${tensor.type} ${JSON.stringify(tensor.dims)} (${tensor.from}) but '${model.name}' reads ${input.dataType} ${JSON.stringify(input.dims)}`, fix: 'make the data type and dims of both ends agree' });
      }
    }
    for (const key of Object.keys(step.inputMap)) {
      if (!model.inputs.some((t) => t.name === key)) problems.push({ field: `${f}.input_map`, value: key, message: `is not an input of '${model.name}'`, fix: `use ${model.inputs.map((t) => t.name).join(', ')}` });
    }
    for (const [key, target] of Object.entries(step.outputMap)) {
      const output = model.outputs.find((t) => t.name === key);
      if (output === undefined) {
        problems.push({ field: `${f}.output_map`, value: key, message: `is not an output of '${model.name}'`, fix: `use ${model.outputs.map((t) => t.name).join(', ')}` });
        continue;
      }
      if (tensors.has(target)) problems.push({ field: `${f}.output_map.${key}`, value: target, message: `is already written by ${tensors.get(target)!.from}`, fix: 'give every ensemble tensor one writer' });
      tensors.set(target, { type: output.dataType, dims: output.dims, from: `step '${model.name}'` });
    }
  });
  for (const output of ensemble.outputs) {
    const tensor = tensors.get(output.name);
    if (tensor === undefined || tensor.from === 'ensemble input') {
      problems.push({ field: `models.${ensemble.name}.output`, value: output.name, message: 'is written by no step', fix: `map a step's output to "${output.name}"` });
    } else if (tensor.type !== output.dataType || !sameShape(tensor.dims, output.dims)) {
      problems.push({ field: `models.${ensemble.name}.output`, value: output.name, message: `is declared ${output.dataType} ${JSON.stringify(output.dims)} but ${tensor.from} writes ${tensor.type} ${JSON.stringify(tensor.dims)}`, fix: 'make the data type and dims of both ends agree' });
    }
  }
  return problems;
}
