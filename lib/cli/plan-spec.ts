/**
 * `aimd plan --spec <file>`: plans a spec file. The spec carries every setting, so only `--json` combines
 * with `--spec`; the other plan flags set the same things a spec's fields do.
 */
import { InputValidationError, type InputProblem } from '../errors';
import type { LlmServingPlan } from '../planner/types';
import { checkSpecFile } from '../spec/check-spec';
import { formatLocatedProblem, SpecFileError } from '../spec/spec-file-error';
import { planSummaryLine } from './spec-paths';
import type { OffHoursSaving } from '../plan/off-hours-saving';

/** Which spec field each plan flag corresponds to (named in the error when both are given). */
const FLAG_FIELDS: Record<string, string> = {
  model: 'model.id', 'model-config': 'model.configPath', accelerator: 'target.accelerator', 'instance-type': 'target.instanceType',
  'tensor-parallel-size': 'runtime.tensorParallelSize', 'pipeline-parallel-size': 'runtime.pipelineParallelSize', 'max-model-len': 'runtime.maxModelLen',
  'gpu-memory-utilization': 'runtime.gpuMemoryUtilization', dtype: 'runtime.dtype', quantization: 'runtime.quantization', 'kv-cache-dtype': 'runtime.kvCacheDtype',
  'max-num-seqs': 'runtime.maxNumSeqs', 'max-num-batched-tokens': 'runtime.maxNumBatchedTokens', 'requests-per-second': 'traffic.requestsPerSecond',
  'prompt-tokens': 'traffic.promptTokens', 'output-tokens': 'traffic.outputTokens', 'p95-latency-ms': 'traffic.p95LatencyMs', platform: 'target.kind', region: 'region', cloud: 'target.cloud',
};

/** What `aimd plan --spec` prints; `error` set means exit code 1 (valid spec, no configuration serves it). */
export interface PlanSpecResult {
  readonly output: string;
  readonly error?: string;
}

/**
 * Plans a spec file with the parsed flags of `aimd plan`.
 * @param formatLlmPlan how `aimd plan` prints an LLM plan (the same table for flags and specs)
 * @throws SpecFileError (exit 2) for an invalid spec; InputValidationError when flags duplicate spec fields
 */
export function runPlanForSpec(values: Record<string, unknown>, formatLlmPlan: (plan: LlmServingPlan) => string): PlanSpecResult {
  const problems: InputProblem[] = Object.keys(values)
    .filter((flag) => flag !== 'spec' && flag !== 'json' && flag !== 'environment' && values[flag] !== undefined)
    .map((flag) => ({ field: `--${flag}`, value: values[flag], message: 'cannot be combined with --spec', fix: `set ${FLAG_FIELDS[flag] ?? 'the matching field'} in the spec file instead` }));
  if (problems.length > 0) throw new InputValidationError('aimd plan', problems);
  const path = values.spec as string;
  let checked;
  try {
    checked = checkSpecFile(path, values.environment as string | undefined);
  } catch (error) {
    if (error instanceof SpecFileError && error.infeasible) return { output: '', error: error.message };
    throw error;
  }
  const { plan } = checked;
  const spec = plan.spec;
  if (values.json === true) {
    return { output: JSON.stringify({ file: path, name: spec.name, target: spec.target.kind, runtime: spec.runtime.engine, ...(checked.environment && { environment: checked.environment }),
      summary: plan.summary, ...(plan.llm && { llm: plan.llm }), ...(checked.warnings.length > 0 && { warnings: checked.file.locate(checked.warnings) }) }, null, 2) };
  }
  const env = checked.environment;
  const head = [`spec      ${path} (${spec.name}: ${spec.target.kind}/${spec.runtime.engine})`,
    ...(env ? [`env       ${env.name}${env.production ? ' (production: model versions must be pinned)' : ''}`] : []),
    `plan      ${planSummaryLine(plan.summary)}`, `cost      ${plan.summary.costNote}`,
    ...(plan.summary.scheduledCapacity ? [`off-hours ${offHoursLine(plan.summary.scheduledCapacity)}`] : []),
    ...checked.file.locate(checked.warnings).map((w) => `warning   ${formatLocatedProblem(w)}`)];
  return { output: [...head, ...(plan.llm ? ['', formatLlmPlan(plan.llm)] : [])].join('\n') };
}

/** `$X/month with the off-hours floor (was $Y, saves $Z): ...` */
export function offHoursLine(s: OffHoursSaving): string {
  return `$${s.monthlyCostWithScheduleUsd.toLocaleString('en-US')}/month with the off-hours floor (was $${s.monthlyCostWithoutScheduleUsd.toLocaleString('en-US')}, saves $${s.monthlySavingUsd.toLocaleString('en-US')}): ${s.note}`;
}
