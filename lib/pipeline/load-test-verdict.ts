/**
 * Judges a `vllm bench serve` result against the spec's SLO and the plan's estimates. Pure.
 *
 * Field names are those vLLM writes with `--save-result` (vllm-project/vllm `vllm/benchmarks/serve.py`, the
 * `result` dict of `benchmark()` and `process_one_metric`, snapshot 009e6d4, read 2026-12-03): `completed`,
 * `failed`, `request_throughput`, `output_throughput`, `mean_<m>_ms`, `median_<m>_ms`, `std_<m>_ms` and
 * `p<q>_<m>_ms` for each metric of `--percentile-metrics` (ttft, tpot, itl, e2el) and percentile of
 * `--metric-percentiles` (written `p95`, not `p95.0`).
 */

/** What a run must show. Undefined limits are not checked. */
export interface LoadTestCriteria {
  /** Rate the test offered; the measured request throughput must reach `minThroughputRatio` of it. */
  readonly requestsPerSecond: number;
  /** Spec SLO: p95 time to first token, ms. */
  readonly timeToFirstTokenP95Ms?: number;
  /** Spec SLO: p95 end-to-end latency, ms. */
  readonly endToEndLatencyP95Ms?: number;
  /** Plan estimate of the time to first token, ms (compared with the mean). */
  readonly estimatedTimeToFirstTokenMs?: number;
  /** Plan estimate of the inter-token latency, ms (compared with the mean). */
  readonly estimatedInterTokenLatencyMs?: number;
  /** Largest share of failed requests. */
  readonly maxErrorRate: number;
  /** A measured mean may exceed the plan's estimate by this factor before the stage fails. */
  readonly estimateTolerance: number;
  /** Share of the offered rate the server must sustain. */
  readonly minThroughputRatio: number;
}

/**
 * Defaults of the criteria:
 * - 1% errors: a healthy vLLM answers every request of a test sized to its plan; a few may time out in a rollout.
 * - 2x the plan's TTFT/ITL means: the planner's numbers are roofline estimates at the planned batch, not
 *   measurements; twice the estimate says the sizing is wrong (wrong GPU, a throttled node), not noise.
 * - 75% of the offered rate: a two-minute Poisson run ends with the tail of the last requests in its duration, and
 *   50-250 arrivals vary by 6-14%; less than 75% means requests queue faster than they are served.
 */
export const LOAD_TEST_DEFAULTS = { maxErrorRate: 0.01, estimateTolerance: 2, minThroughputRatio: 0.75 } as const;

/** The fields of vLLM's result JSON this checker reads. */
export interface VllmBenchResult {
  readonly completed: number;
  readonly failed: number;
  readonly request_throughput: number;
  readonly output_throughput: number;
  readonly mean_ttft_ms: number;
  readonly p95_ttft_ms: number;
  readonly mean_itl_ms: number;
  readonly p95_itl_ms: number;
  readonly mean_tpot_ms: number;
  readonly p95_e2el_ms: number;
}

const REQUIRED_FIELDS: readonly (keyof VllmBenchResult)[] = [
  'completed', 'failed', 'request_throughput', 'output_throughput', 'mean_ttft_ms', 'p95_ttft_ms', 'mean_itl_ms', 'p95_itl_ms', 'mean_tpot_ms', 'p95_e2el_ms',
];

/** Reads vLLM's result file; names every missing or non-numeric field at once. */
export function parseVllmBenchResult(text: string): VllmBenchResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`the load test result is not JSON (${(error as Error).message}): did the Job finish?`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('the load test result is not a JSON object');
  const record = value as Record<string, unknown>;
  const bad = REQUIRED_FIELDS.filter((f) => typeof record[f] !== 'number' || !Number.isFinite(record[f] as number));
  if (bad.length > 0) {
    throw new Error(`the load test result lacks numeric ${bad.join(', ')}: run \`vllm bench serve\` with --save-result --percentile-metrics ttft,tpot,itl,e2el --metric-percentiles 95`);
  }
  return record as unknown as VllmBenchResult;
}

export interface LoadTestVerdict {
  readonly passed: boolean;
  /** One line per check that failed, with the measured value and the limit. */
  readonly failures: readonly string[];
  /** One line per check that ran. */
  readonly checks: readonly string[];
  readonly errorRate: number;
}

const ms = (n: number) => `${Math.round(n * 10) / 10} ms`;

/** Compares a result with the criteria. */
export function judgeLoadTest(result: VllmBenchResult, criteria: LoadTestCriteria): LoadTestVerdict {
  const checks: string[] = [];
  const failures: string[] = [];
  const check = (ok: boolean, line: string) => {
    checks.push(`${ok ? 'ok  ' : 'MISS'} ${line}`);
    if (!ok) failures.push(line);
  };
  const total = result.completed + result.failed;
  const errorRate = total === 0 ? 1 : result.failed / total;
  check(total > 0 && errorRate <= criteria.maxErrorRate, `error rate ${(errorRate * 100).toFixed(2)}% (${result.failed} of ${total} failed), limit ${(criteria.maxErrorRate * 100).toFixed(2)}%`);
  const minRps = criteria.requestsPerSecond * criteria.minThroughputRatio;
  check(result.request_throughput >= minRps, `request throughput ${result.request_throughput.toFixed(2)} req/s, at least ${minRps.toFixed(2)} (${criteria.minThroughputRatio * 100}% of the offered ${criteria.requestsPerSecond})`);
  if (criteria.timeToFirstTokenP95Ms !== undefined) {
    check(result.p95_ttft_ms <= criteria.timeToFirstTokenP95Ms, `p95 TTFT ${ms(result.p95_ttft_ms)}, SLO ${ms(criteria.timeToFirstTokenP95Ms)}`);
  }
  if (criteria.endToEndLatencyP95Ms !== undefined) {
    check(result.p95_e2el_ms <= criteria.endToEndLatencyP95Ms, `p95 end-to-end latency ${ms(result.p95_e2el_ms)}, SLO ${ms(criteria.endToEndLatencyP95Ms)}`);
  }
  if (criteria.estimatedTimeToFirstTokenMs !== undefined) {
    const limit = criteria.estimatedTimeToFirstTokenMs * criteria.estimateTolerance;
    check(result.mean_ttft_ms <= limit, `mean TTFT ${ms(result.mean_ttft_ms)}, plan estimate ${ms(criteria.estimatedTimeToFirstTokenMs)} x${criteria.estimateTolerance} = ${ms(limit)}`);
  }
  if (criteria.estimatedInterTokenLatencyMs !== undefined) {
    const limit = criteria.estimatedInterTokenLatencyMs * criteria.estimateTolerance;
    check(result.mean_itl_ms <= limit, `mean ITL ${ms(result.mean_itl_ms)}, plan estimate ${ms(criteria.estimatedInterTokenLatencyMs)} x${criteria.estimateTolerance} = ${ms(limit)}`);
  }
  return { passed: failures.length === 0, failures, checks, errorRate };
}

/** One CloudWatch datum, as `aws cloudwatch put-metric-data --metric-data file://...` reads it. */
export interface MetricDatum {
  readonly MetricName: string;
  readonly Dimensions: readonly { readonly Name: string; readonly Value: string }[];
  readonly Value: number;
  readonly Unit: 'Milliseconds' | 'Count/Second' | 'Percent' | 'Count';
}

/** CloudWatch namespace of the load test metrics. */
export const LOAD_TEST_METRIC_NAMESPACE = 'AIMD/LoadTest';

/** The result's headline numbers as CloudWatch data, dimensioned by deployment and environment. */
export function loadTestMetricData(result: VllmBenchResult, verdict: LoadTestVerdict, deployment: string, environment: string): MetricDatum[] {
  const Dimensions = [{ Name: 'Deployment', Value: deployment }, { Name: 'Environment', Value: environment }];
  const datum = (MetricName: string, Value: number, Unit: MetricDatum['Unit']): MetricDatum => ({ MetricName, Dimensions, Value, Unit });
  return [
    datum('TimeToFirstTokenP95', result.p95_ttft_ms, 'Milliseconds'),
    datum('TimeToFirstTokenMean', result.mean_ttft_ms, 'Milliseconds'),
    datum('InterTokenLatencyMean', result.mean_itl_ms, 'Milliseconds'),
    datum('InterTokenLatencyP95', result.p95_itl_ms, 'Milliseconds'),
    datum('EndToEndLatencyP95', result.p95_e2el_ms, 'Milliseconds'),
    datum('RequestThroughput', result.request_throughput, 'Count/Second'),
    datum('OutputTokenThroughput', result.output_throughput, 'Count/Second'),
    datum('ErrorRate', verdict.errorRate * 100, 'Percent'),
    datum('Passed', verdict.passed ? 1 : 0, 'Count'),
  ];
}
