/**
 * The load-test stage of the generated workflow: after the staging deploy's smoke check, run the vLLM benchmark
 * Job (load-test-job.ts), cut its result out of the pod log, judge it (`aimd loadtest verdict`, which fails the job
 * on a miss) and, pass or fail, publish it to CloudWatch and, when the repository names a bucket, to S3.
 * Pure: everything is decided from the validated spec and its plan when the workflow is generated.
 *
 * Only vLLM on EKS for now; other runtimes and targets get no load test (docs/delivery.md).
 */
import { generatedApiKeySecret } from '../eks/serving';
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { DeploymentSpec } from '../spec/types';
import { LOAD_TEST_RESULT_MARKER, loadTestJobName, loadTestObjects, type LoadTestJobProps } from './load-test-job';
import { LOAD_TEST_DEFAULTS, LOAD_TEST_METRIC_NAMESPACE, type LoadTestCriteria } from './load-test-verdict';
import type { WorkflowStep } from './workflow';

/** GitHub variable naming the S3 bucket that keeps load test results; unset: CloudWatch only. */
export const LOAD_TEST_BUCKET_VARIABLE = 'LOAD_TEST_RESULTS_BUCKET';
/** Files the stage leaves in the workspace. */
export const LOAD_TEST_RESULT_FILE = 'load-test-result.json';
export const LOAD_TEST_METRICS_FILE = 'load-test-metrics.json';

/** What a deployment's load test runs and how it is judged. */
export interface LoadTestPlan {
  readonly job: LoadTestJobProps;
  readonly criteria: LoadTestCriteria;
}

function servedModelName(plan: DeploymentPlan): string | undefined {
  const args = plan.llm?.engineArgs ?? [];
  const at = args.indexOf('--served-model-name');
  return at >= 0 ? args[at + 1] : undefined;
}

/** The load test of a deployment, or undefined when it has none (anything but vLLM on EKS). */
export function loadTestPlan(spec: DeploymentSpec, plan: DeploymentPlan): LoadTestPlan | undefined {
  if (spec.target.kind !== 'eks' || spec.runtime.engine !== 'vllm' || plan.llm === undefined) return undefined;
  const served = servedModelName(plan) ?? spec.model.servedName;
  const t = spec.traffic;
  return {
    job: {
      name: spec.name,
      namespace: spec.target.namespace ?? spec.name,
      model: spec.model.id ?? served ?? spec.name,
      servedModelName: served,
      traffic: { promptTokens: t.promptTokens, outputTokens: t.outputTokens, requestsPerSecond: t.requestsPerSecond },
      // Every EKS deployment requires the generated key (blueprints/eks/deployment-config.ts).
      apiKeySecret: generatedApiKeySecret(spec.name, spec.region),
    },
    criteria: {
      requestsPerSecond: t.requestsPerSecond,
      timeToFirstTokenP95Ms: t.timeToFirstTokenMs,
      endToEndLatencyP95Ms: t.p95LatencyMs,
      estimatedTimeToFirstTokenMs: plan.llm.estimatedTimeToFirstTokenMs,
      estimatedInterTokenLatencyMs: plan.llm.estimatedInterTokenLatencyMs,
      ...LOAD_TEST_DEFAULTS,
    },
  };
}

function bash(lines: readonly string[]): string {
  return ['set -euo pipefail', ...lines].join('\n');
}

/** The stage's steps for one environment; empty when the deployment has no load test. */
export function loadTestSteps(spec: DeploymentSpec, plan: DeploymentPlan, environment: string): WorkflowStep[] {
  const lt = loadTestPlan(spec, plan);
  if (lt === undefined) return [];
  const { namespace } = lt.job;
  const jobName = loadTestJobName(spec.name);
  const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: loadTestObjects(lt.job) }, null, 2);
  const kubectl = `kubectl -n '${namespace}'`;
  // Requests take num-prompts / rate seconds to send; the rest is image pull, tokenizer download and the tail.
  const polls = 6 * 30;
  return [
    {
      name: `Load test: run vllm bench serve against ${spec.name}`,
      run: bash([
        `aws eks update-kubeconfig --name '${spec.name}' --region '${spec.region}'`,
        // A Job's pod template is immutable: replace the previous run's Job.
        `${kubectl} delete job '${jobName}' --ignore-not-found --wait=true`,
        `kubectl apply -f - <<'MANIFEST'\n${manifest}\nMANIFEST`,
        `for _ in $(seq 1 ${polls}); do`,
        `  succeeded="$(${kubectl} get job '${jobName}' -o jsonpath='{.status.succeeded}')"; failed="$(${kubectl} get job '${jobName}' -o jsonpath='{.status.failed}')"`,
        '  if [ "${succeeded:-0}" -ge 1 ] || [ "${failed:-0}" -ge 1 ]; then break; fi',
        '  sleep 10',
        'done',
        `${kubectl} logs 'job/${jobName}' > load-test.log || true`,
        'tail -n 60 load-test.log',
        `test "\${succeeded:-0}" -ge 1`,
        // The Job prints the result JSON (one line) after the marker.
        `sed -n '/^${LOAD_TEST_RESULT_MARKER}$/{n;p;}' load-test.log > ${LOAD_TEST_RESULT_FILE}`,
        `test -s ${LOAD_TEST_RESULT_FILE}`,
      ]),
    },
    {
      name: 'Load test: compare with the SLO and the plan',
      run: bash([
        `node bin/aimd.js loadtest verdict --result ${LOAD_TEST_RESULT_FILE} --criteria '${JSON.stringify(lt.criteria)}' --deployment '${spec.name}' --environment '${environment}' --metrics-out ${LOAD_TEST_METRICS_FILE}`,
      ]),
    },
    {
      name: 'Load test: publish the result (CloudWatch, S3)',
      if: `always() && hashFiles('${LOAD_TEST_METRICS_FILE}') != ''`,
      env: { RESULTS_BUCKET: `\${{ vars.${LOAD_TEST_BUCKET_VARIABLE} }}` },
      run: bash([
        `aws cloudwatch put-metric-data --namespace '${LOAD_TEST_METRIC_NAMESPACE}' --metric-data 'file://${LOAD_TEST_METRICS_FILE}'`,
        'if [ -n "${RESULTS_BUCKET}" ]; then',
        `  aws s3 cp ${LOAD_TEST_RESULT_FILE} "s3://\${RESULTS_BUCKET}/load-tests/${spec.name}/${environment}/\${GITHUB_RUN_ID}.json"`,
        'fi',
      ]),
    },
  ];
}
