/**
 * A Triton model repository as the deployment describes it, and the `config.pbtxt` files it becomes. Models leave
 * batching out: the plan's batching (from the spec's traffic and latency objective) fills `max_batch_size` and
 * `dynamic_batching` of every model that batches, and an ensemble takes the smallest `max_batch_size` of its steps.
 */
import { InputValidationError } from '../../../errors';
import type { ServerBatching } from '../../../plan/model-server-plan';
import { type TritonModelConfig, tritonConfigPbtxt } from './model-config';
import { tritonRepositoryProblems } from './repository-check';

/** One model of the repository; batching comes from the plan unless set here. */
export type TritonRepositoryModel = Omit<TritonModelConfig, 'maxBatchSize' | 'dynamicBatching'> & {
  /** @default - the plan's `maxBatchSize` (ensembles: the smallest of their steps) */
  readonly maxBatchSize?: number;
  /** `false` turns dynamic batching off for this model. @default - the plan's batching */
  readonly dynamicBatching?: TritonModelConfig['dynamicBatching'] | false;
};

export interface TritonModelRepository {
  readonly models: readonly TritonRepositoryModel[];
  /** The model clients call (`/v2/models/<entrypoint>/infer`), usually the ensemble. */
  readonly entrypoint: string;
}

/**
 * The configurations of every model, batching (and, on a CPU plan, `KIND_CPU` instances) filled in from the plan,
 * checked as a repository.
 * @throws InputValidationError listing every problem of the repository
 */
export function tritonRepositoryConfigs(repository: TritonModelRepository, batching: ServerBatching, processor: 'gpu' | 'cpu' = 'gpu'): TritonModelConfig[] {
  // A CPU plan's nodes have no GPU: every model's instances are KIND_CPU.
  const models = processor === 'cpu' ? repository.models.map((m) => (m.kind === 'ensemble' ? m : { ...m, instanceKind: 'cpu' as const })) : repository.models;
  const filled = models.map((model): TritonModelConfig => {
    if (model.kind === 'ensemble') return { ...model, maxBatchSize: model.maxBatchSize ?? 0, dynamicBatching: undefined };
    const maxBatchSize = model.maxBatchSize ?? batching.maxBatchSize;
    const dynamicBatching = model.dynamicBatching === false || maxBatchSize === 0
      ? undefined
      : model.dynamicBatching ?? {
        preferredBatchSizes: batching.preferredBatchSizes.filter((b) => b <= maxBatchSize),
        maxQueueDelayMicroseconds: batching.maxQueueDelayMicroseconds,
      };
    return { ...model, maxBatchSize, ...(dynamicBatching ? { dynamicBatching } : { dynamicBatching: undefined }) };
  });
  const byName = new Map(filled.map((m) => [m.name, m]));
  const configs = filled.map((model) => {
    const declared = repository.models.find((m) => m.name === model.name)!;
    if (model.kind !== 'ensemble' || declared.maxBatchSize !== undefined) return stripUndefined(model);
    const stepSizes = (model.steps ?? []).map((s) => byName.get(s.modelName)?.maxBatchSize ?? 0);
    return stripUndefined({ ...model, maxBatchSize: stepSizes.length > 0 ? Math.min(...stepSizes) : 0 });
  });
  const problems = tritonRepositoryProblems(configs);
  if (!configs.some((c) => c.name === repository.entrypoint)) {
    problems.push({ field: 'entrypoint', value: repository.entrypoint, message: 'is not a model of the repository', fix: `use one of ${configs.map((c) => c.name).join(', ')}` });
  }
  if (problems.length > 0) throw new InputValidationError('Triton model repository', problems);
  return configs;
}

function stripUndefined(config: TritonModelConfig): TritonModelConfig {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) as unknown as TritonModelConfig;
}

/** `config.pbtxt` text of every model, by model name (the directory it goes in). */
export function tritonConfigFiles(configs: readonly TritonModelConfig[]): Record<string, string> {
  return Object.fromEntries(configs.map((c) => [c.name, tritonConfigPbtxt(c)]));
}
