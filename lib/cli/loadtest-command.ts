/**
 * `aimd loadtest verdict`: the generated workflow's load-test gate. Reads a `vllm bench serve` result and the
 * criteria the workflow was generated with, prints every check, writes the CloudWatch data, and exits 1 on a miss.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { InputValidationError, ProblemCollector } from '../errors';
import { judgeLoadTest, LOAD_TEST_DEFAULTS, loadTestMetricData, parseVllmBenchResult, type LoadTestCriteria } from '../pipeline/load-test-verdict';
import { parseFlags, type CommandSpec } from './args';
import type { CommandResult } from './synth-flags';

export const LOADTEST_COMMAND: CommandSpec = {
  name: 'loadtest',
  summary: 'Judge a vLLM benchmark result against the SLO and the plan (used by the generated workflow).',
  usage: "aimd loadtest verdict --result <file> --criteria '<json>' [--deployment <name>] [--environment <env>] [--metrics-out <file>]",
  flags: [
    { name: 'result', type: 'string', value: '<file>', description: 'Result JSON written by `vllm bench serve --save-result`.' },
    { name: 'criteria', type: 'string', value: '<json>', description: 'LoadTestCriteria as JSON (the workflow inlines them; see docs/delivery.md).' },
    { name: 'deployment', type: 'string', value: '<name>', description: 'CloudWatch dimension Deployment (default unknown).' },
    { name: 'environment', type: 'string', value: '<env>', description: 'CloudWatch dimension Environment (default unknown).' },
    { name: 'metrics-out', type: 'string', value: '<file>', description: 'Write the CloudWatch MetricData JSON here, pass or fail.' },
  ],
  examples: ["aimd loadtest verdict --result load-test-result.json --criteria '{\"requestsPerSecond\":2,\"timeToFirstTokenP95Ms\":800}'"],
};

function parseCriteria(problems: ProblemCollector, text: string): LoadTestCriteria | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    problems.add('--criteria', text, 'is not JSON', 'pass the criteria object the workflow was generated with');
    return undefined;
  }
  const c = { ...LOAD_TEST_DEFAULTS, ...(value as Record<string, unknown>) } as LoadTestCriteria;
  problems.check(typeof c.requestsPerSecond === 'number' && c.requestsPerSecond > 0, '--criteria.requestsPerSecond', c.requestsPerSecond, 'must be a positive number', 'pass the rate the test offered');
  return c;
}

export function runLoadTest(argv: readonly string[]): CommandResult {
  const [action, ...rest] = argv;
  const values = parseFlags(LOADTEST_COMMAND, action === 'verdict' ? rest : argv);
  const problems = new ProblemCollector();
  problems.check(action === 'verdict', '(action)', action, action === undefined ? 'is missing' : 'is not supported', 'use `aimd loadtest verdict`');
  problems.check(typeof values.result === 'string', '--result', values.result, 'is required', 'pass the result JSON file');
  problems.check(typeof values.criteria === 'string', '--criteria', values.criteria, 'is required', 'pass the criteria JSON');
  const criteria = typeof values.criteria === 'string' ? parseCriteria(problems, values.criteria) : undefined;
  problems.throwIfAny('aimd loadtest');
  let result;
  try {
    result = parseVllmBenchResult(readFileSync(values.result as string, 'utf8'));
  } catch (error) {
    // A missing or truncated result is the Job's failure, reported like any bad input (exit 2), not as a crash.
    throw new InputValidationError('aimd loadtest', [{ field: '--result', value: values.result, message: (error as Error).message, fix: 'pass the JSON `vllm bench serve --save-result` wrote' }]);
  }
  const verdict = judgeLoadTest(result, criteria!);
  if (typeof values['metrics-out'] === 'string') {
    const data = loadTestMetricData(result, verdict, (values.deployment as string | undefined) ?? 'unknown', (values.environment as string | undefined) ?? 'unknown');
    writeFileSync(values['metrics-out'], JSON.stringify(data, null, 2));
  }
  const headline = verdict.passed ? 'Load test passed.' : `Load test missed ${verdict.failures.length} objective(s): ${verdict.failures.join('; ')}`;
  return { output: [...verdict.checks, headline].join('\n'), exitCode: verdict.passed ? 0 : 1 };
}
