/**
 * The post-deploy load test of vLLM on EKS: the benchmark Job follows the spec's traffic and the namespace's
 * security rules, the verdict reads vLLM's result file and fails on a missed SLO, estimate or error budget, and the
 * workflow steps run, judge and publish it. Pure: no synthesis.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLoadTest } from '../../lib/cli/loadtest-command';
import { loadTestObjects, vllmBenchServeArgs, type LoadTestJobProps } from '../../lib/pipeline/load-test-job';
import { loadTestPlan, loadTestSteps } from '../../lib/pipeline/load-test-steps';
import { judgeLoadTest, LOAD_TEST_DEFAULTS, loadTestMetricData, parseVllmBenchResult, type LoadTestCriteria } from '../../lib/pipeline/load-test-verdict';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import { VLLM_IMAGE_TAG } from '../../lib/kubernetes/versions';
import { schemaErrors } from '../kubernetes/schema-helpers';

const FIXTURE = join(__dirname, '..', 'fixtures', 'vllm-bench', 'llama-3.1-8b-2rps.json');
const SAMPLE = readFileSync(FIXTURE, 'utf8');

const spec = resolveDeploymentSpec({
  name: 'llm-eks',
  model: { id: 'meta-llama/Llama-3.1-8B-Instruct' },
  runtime: { engine: 'vllm' },
  target: { kind: 'eks', capacity: 'karpenter' },
  traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256, timeToFirstTokenMs: 500, p95LatencyMs: 8000 },
  scaling: { minReplicas: 1, maxReplicas: 4 },
});
const plan = planDeployment(spec);

const props: LoadTestJobProps = {
  name: 'chat',
  namespace: 'serving',
  model: 'meta-llama/Llama-3.1-8B-Instruct',
  traffic: { promptTokens: 2048, outputTokens: 128, requestsPerSecond: 3 },
  apiKeySecret: { secretName: 'chat-api-key', key: 'api-key' },
};
const objects = loadTestObjects(props);
const jobOf = (o: readonly any[]) => o.find((x) => x.kind === 'Job');
const flag = (args: readonly string[], name: string) => args[args.indexOf(name) + 1];

describe('load test Job', () => {
  const job = jobOf(objects);
  const container = job.spec.template.spec.containers[0];

  test('GIVEN the spec traffic THEN vllm bench serve sends those lengths at that rate to the in-cluster Service', () => {
    const args = vllmBenchServeArgs(props);
    expect(container.args.slice(2)).toEqual(args);
    expect(flag(args, '--base-url')).toBe('http://chat.serving.svc:8000');
    expect(flag(args, '--backend')).toBe('openai');
    expect(flag(args, '--endpoint')).toBe('/v1/completions');
    expect(flag(args, '--dataset-name')).toBe('random');
    expect(flag(args, '--random-input-len')).toBe('2048');
    expect(flag(args, '--random-output-len')).toBe('128');
    expect(flag(args, '--request-rate')).toBe('3');
    expect(flag(args, '--num-prompts')).toBe('360');
    expect(flag(args, '--percentile-metrics')).toBe('ttft,tpot,itl,e2el');
    expect(flag(args, '--metric-percentiles')).toBe('95,99');
    expect(args).toContain('--save-result');
    expect(container.args[0]).toMatch(/^vllm bench serve "\$@" && echo '=== aimd-load-test-result ===' && cat /);
  });

  test('THEN it runs the pinned image once, without a GPU, restricted, with the key from the Secret', () => {
    expect(container.image).toBe(`vllm/vllm-openai:${VLLM_IMAGE_TAG}`);
    expect(job.metadata.namespace).toBe('serving');
    expect(job.spec.backoffLimit).toBe(0);
    expect(job.spec.ttlSecondsAfterFinished).toBe(3600);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(JSON.stringify(job)).not.toContain('nvidia.com/gpu');
    expect(job.spec.template.spec.tolerations).toBeUndefined();
    expect(container.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(container.env).toContainEqual({ name: 'OPENAI_API_KEY', valueFrom: { secretKeyRef: { name: 'chat-api-key', key: 'api-key' } } });
    // The serving Service selects app.kubernetes.io/name=vllm: the client must not be one of its endpoints.
    expect(job.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('vllm-load-test');
  });

  test('THEN NetworkPolicies open client -> server on 8000 (and HTTPS for the tokenizer), and every object passes its schema', () => {
    const egress = objects.find((o: any) => o.metadata.name === 'chat-load-test-egress') as any;
    expect(egress.spec.egress[0]).toEqual({ to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'vllm', 'app.kubernetes.io/instance': 'chat' } } }], ports: [{ protocol: 'TCP', port: 8000 }] });
    const ingress = objects.find((o: any) => o.metadata.name === 'chat-load-test-to-server') as any;
    expect(ingress.spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'vllm', 'app.kubernetes.io/instance': 'chat' });
    expect(ingress.spec.ingress[0].from[0].podSelector.matchLabels['app.kubernetes.io/name']).toBe('vllm-load-test');
    expect(schemaErrors(objects)).toBe('');
  });
});

describe('load test verdict', () => {
  const sample = parseVllmBenchResult(SAMPLE);
  const criteria: LoadTestCriteria = { requestsPerSecond: 2, timeToFirstTokenP95Ms: 500, endToEndLatencyP95Ms: 8000, estimatedTimeToFirstTokenMs: 60, estimatedInterTokenLatencyMs: 12, ...LOAD_TEST_DEFAULTS };

  test('GIVEN the recorded-shape sample within the SLO and estimates THEN it passes and lists every check', () => {
    const verdict = judgeLoadTest(sample, criteria);
    expect(verdict.failures).toEqual([]);
    expect(verdict.passed).toBe(true);
    expect(verdict.checks).toHaveLength(6);
  });

  test('GIVEN a p95 TTFT over the SLO THEN it fails naming the measured value and the SLO', () => {
    const verdict = judgeLoadTest({ ...sample, p95_ttft_ms: 742.3 }, criteria);
    expect(verdict.passed).toBe(false);
    expect(verdict.failures).toEqual(['p95 TTFT 742.3 ms, SLO 500 ms']);
  });

  test('GIVEN 5 failed requests of 240 THEN the error rate misses the 1% budget', () => {
    const verdict = judgeLoadTest({ ...sample, completed: 235, failed: 5 }, criteria);
    expect(verdict.failures).toEqual(['error rate 2.08% (5 of 240 failed), limit 1.00%']);
  });

  test('GIVEN a mean ITL over twice the plan estimate THEN it fails on the estimate', () => {
    expect(judgeLoadTest({ ...sample, mean_itl_ms: 30 }, criteria).failures).toEqual(['mean ITL 30 ms, plan estimate 12 ms x2 = 24 ms']);
  });

  test('GIVEN a result without p95 fields THEN parsing names them and the flags that produce them', () => {
    const { p95_ttft_ms: _t, p95_e2el_ms: _e, ...rest } = JSON.parse(SAMPLE);
    expect(() => parseVllmBenchResult(JSON.stringify(rest))).toThrow(/lacks numeric p95_ttft_ms, p95_e2el_ms: .*--metric-percentiles 95/);
  });

  test('THEN the CloudWatch data carry the headline numbers by deployment and environment', () => {
    const data = loadTestMetricData(sample, judgeLoadTest(sample, criteria), 'llm-eks', 'staging');
    expect(data.find((d) => d.MetricName === 'TimeToFirstTokenP95')).toEqual({ MetricName: 'TimeToFirstTokenP95', Value: 97.66, Unit: 'Milliseconds', Dimensions: [{ Name: 'Deployment', Value: 'llm-eks' }, { Name: 'Environment', Value: 'staging' }] });
    expect(data.find((d) => d.MetricName === 'Passed')?.Value).toBe(1);
  });

  test('GIVEN `aimd loadtest verdict` on the sample THEN it exits 0, and 1 when the SLO is tighter than the run', () => {
    expect(runLoadTest(['verdict', '--result', FIXTURE, '--criteria', JSON.stringify({ requestsPerSecond: 2, timeToFirstTokenP95Ms: 500 })]).exitCode).toBe(0);
    const miss = runLoadTest(['verdict', '--result', FIXTURE, '--criteria', JSON.stringify({ requestsPerSecond: 2, timeToFirstTokenP95Ms: 50 })]);
    expect(miss.exitCode).toBe(1);
    expect(miss.output).toMatch(/Load test missed 1 objective\(s\): p95 TTFT 97.7 ms, SLO 50 ms/);
  });

  test('GIVEN no result file (the Job failed) THEN the verdict refuses it as bad input naming --result', () => {
    expect(() => runLoadTest(['verdict', '--result', 'no-such-result.json', '--criteria', '{"requestsPerSecond":2}'])).toThrow(/--result \('no-such-result.json'\)/);
  });
});

describe('load test stage of the workflow', () => {
  test('GIVEN vLLM on EKS THEN the criteria are the spec SLO and the plan estimates, the Job uses the generated API key', () => {
    const lt = loadTestPlan(spec, plan)!;
    expect(lt.criteria).toMatchObject({ requestsPerSecond: 2, timeToFirstTokenP95Ms: 500, endToEndLatencyP95Ms: 8000, estimatedTimeToFirstTokenMs: plan.llm!.estimatedTimeToFirstTokenMs, estimatedInterTokenLatencyMs: plan.llm!.estimatedInterTokenLatencyMs });
    expect(lt.job).toMatchObject({ name: 'llm-eks', namespace: 'llm-eks', traffic: { promptTokens: 1024, outputTokens: 256, requestsPerSecond: 2 }, apiKeySecret: { secretName: 'llm-eks-api-key', key: 'api-key' } });
  });

  test('THEN the steps apply the Job, judge the result with aimd loadtest verdict, and publish it even on a miss', () => {
    const steps = loadTestSteps(spec, plan, 'staging');
    expect(steps.map((s) => s.name)).toEqual(['Load test: run vllm bench serve against llm-eks', 'Load test: compare with the SLO and the plan', 'Load test: publish the result (CloudWatch, S3)']);
    expect(steps[0].run).toContain("kubectl apply -f - <<'MANIFEST'");
    expect(steps[0].run).toContain('"kind": "Job"');
    expect(steps[1].run).toMatch(/node bin\/aimd.js loadtest verdict --result load-test-result.json --criteria '\{.*"timeToFirstTokenP95Ms":500.*\}' --deployment 'llm-eks' --environment 'staging'/);
    expect(steps[2].if).toBe("always() && hashFiles('load-test-metrics.json') != ''");
    expect(steps[2].run).toContain("aws cloudwatch put-metric-data --namespace 'AIMD/LoadTest' --metric-data 'file://load-test-metrics.json'");
  });

  test('GIVEN a SageMaker target THEN there is no load test yet', () => {
    expect(loadTestPlan({ ...spec, target: { kind: 'sagemaker', mode: 'realtime' } } as any, plan)).toBeUndefined();
    expect(loadTestSteps({ ...spec, target: { kind: 'sagemaker', mode: 'realtime' } } as any, plan, 'staging')).toEqual([]);
  });
});
