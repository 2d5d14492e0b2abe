/**
 * The post-deploy load test of a vLLM deployment on EKS: a batch/v1 Job in the serving namespace that runs vLLM's
 * own benchmark client (`vllm bench serve`, from the same pinned image as the server) against the in-cluster
 * Service with the spec's prompt/output lengths and request rate, plus the two NetworkPolicies that let it reach
 * the server through the namespace's default deny. Pure; rendered only by the generated workflow (see
 * load-test-steps.ts), never part of the objects the engines always apply.
 *
 * Flags, defaults and the JSON result file are vllm-project/vllm `vllm/benchmarks/serve.py` (`add_cli_args`,
 * `compute_result_filename`, `main_async`; snapshot 009e6d4, read 2026-12-03). The client sends
 * `Authorization: Bearer $OPENAI_API_KEY` when the variable is set (`_get_headers` in
 * `vllm/benchmarks/lib/endpoint_request_func.py`, same date), which is the key vLLM checks (`VLLM_API_KEY`).
 */
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import { toKubeObject } from '../kubernetes/kube-object';
import { HTTP_PORT, instanceSelector } from '../kubernetes/labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../kubernetes/security';
import type { KubeObject } from '../kubernetes/types';
import { VLLM_IMAGE_REPOSITORY, VLLM_IMAGE_TAG } from '../kubernetes/versions';

/** Line the Job prints before the result JSON, so the workflow can cut it out of the pod log. */
export const LOAD_TEST_RESULT_MARKER = '=== aimd-load-test-result ===';
/** Where the client writes its result inside the pod (an emptyDir). */
const RESULT_DIR = '/results';
const RESULT_FILE = 'result.json';
/** Percentiles the result reports; the SLO is a p95, p99 is kept for the dashboards. */
export const LOAD_TEST_PERCENTILES = [95, 99] as const;

export interface LoadTestTraffic {
  /** Prompt length in tokens (`--random-input-len`). */
  readonly promptTokens: number;
  /** Output length in tokens (`--random-output-len`; random datasets ignore EOS, so every request runs to it). */
  readonly outputTokens: number;
  /** Poisson arrival rate, requests per second (`--request-rate`). */
  readonly requestsPerSecond: number;
}

export interface LoadTestJobProps {
  /** Deployment name: the Service and the serving pods' `app.kubernetes.io/instance`. */
  readonly name: string;
  /** Serving namespace. */
  readonly namespace: string;
  /** Model id whose tokenizer the client loads (`--model`, `--tokenizer` defaults to it). */
  readonly model: string;
  /** Name the server answers to (`--served-model-name`). @default - the model id */
  readonly servedModelName?: string;
  readonly traffic: LoadTestTraffic;
  /** Secret holding the API key the server requires. @default - none: the server is open inside the namespace */
  readonly apiKeySecret?: { readonly secretName: string; readonly key: string };
  /** Requests sent. @default - two minutes of traffic at the requested rate, at least 50 */
  readonly numPrompts?: number;
  /** Seconds a finished Job (and its pod log) is kept. @default 3600 */
  readonly ttlSecondsAfterFinished?: number;
}

/** Name of the Job and of its pod's `app.kubernetes.io/instance`. */
export function loadTestJobName(name: string): string {
  return `${name}-load-test`;
}

function loadTestSelector(name: string): Record<string, string> {
  // Not `vllm`: the serving Service and policies select app.kubernetes.io/name=vllm and must not pick this pod.
  return { 'app.kubernetes.io/name': 'vllm-load-test', 'app.kubernetes.io/instance': name };
}

/** Two minutes of traffic is enough for stable p95s at the rates a spec names, and short enough for CI. */
export function defaultNumPrompts(requestsPerSecond: number): number {
  return Math.max(50, Math.ceil(requestsPerSecond * 120));
}

/** The `vllm bench serve` arguments for a spec's traffic. */
export function vllmBenchServeArgs(props: LoadTestJobProps): string[] {
  const t = props.traffic;
  return [
    '--backend', 'openai',
    '--base-url', `http://${props.name}.${props.namespace}.svc:${HTTP_PORT}`,
    '--endpoint', '/v1/completions',
    '--model', props.model,
    ...(props.servedModelName !== undefined && props.servedModelName !== props.model ? ['--served-model-name', props.servedModelName] : []),
    '--dataset-name', 'random',
    '--random-input-len', String(t.promptTokens),
    '--random-output-len', String(t.outputTokens),
    '--request-rate', String(t.requestsPerSecond),
    '--num-prompts', String(props.numPrompts ?? defaultNumPrompts(t.requestsPerSecond)),
    '--percentile-metrics', 'ttft,tpot,itl,e2el',
    '--metric-percentiles', LOAD_TEST_PERCENTILES.join(','),
    // The server is already Ready (the smoke check waited); one request confirms it before the clock starts.
    '--ready-check-timeout-sec', '300',
    '--disable-tqdm',
    '--save-result',
    '--result-dir', RESULT_DIR,
    '--result-filename', RESULT_FILE,
  ];
}

function job(props: LoadTestJobProps): KubeObject {
  const jobName = loadTestJobName(props.name);
  const labels = loadTestSelector(props.name);
  const scratch = (name: string, mountPath: string) => ({ volume: { name, emptyDir: {} }, mount: { name, mountPath } });
  // HOME holds the Hugging Face tokenizer cache; the root filesystem is read-only.
  const volumes = [scratch('home', '/home/vllm'), scratch('tmp', '/tmp'), scratch('results', RESULT_DIR)];
  const object: IJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: jobName, namespace: props.namespace, labels },
    spec: {
      // A load test that fails is a verdict, not something to retry.
      backoffLimit: 0,
      ttlSecondsAfterFinished: props.ttlSecondsAfterFinished ?? 3600,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: restrictedPodSecurityContext(),
          // No GPU request and no toleration of the GPU nodes' `nvidia.com/gpu` taint: it lands on system nodes.
          containers: [{
            name: 'vllm-bench',
            image: `${VLLM_IMAGE_REPOSITORY}:${VLLM_IMAGE_TAG}`,
            // The image's entrypoint is `vllm serve`; a shell runs the client, then prints the result for the workflow.
            command: ['/bin/sh', '-c'],
            args: [
              `vllm bench serve "$@" && echo '${LOAD_TEST_RESULT_MARKER}' && cat '${RESULT_DIR}/${RESULT_FILE}'`,
              'vllm-bench',
              ...vllmBenchServeArgs(props),
            ],
            env: [
              { name: 'HOME', value: '/home/vllm' },
              ...(props.apiKeySecret ? [{ name: 'OPENAI_API_KEY', valueFrom: { secretKeyRef: { name: props.apiKeySecret.secretName, key: props.apiKeySecret.key } } }] : []),
            ],
            resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } },
            securityContext: restrictedContainerSecurityContext(),
            volumeMounts: volumes.map((v) => v.mount),
          }],
          volumes: volumes.map((v) => v.volume),
        },
      },
    },
  };
  return toKubeObject(object);
}

function networkPolicy(props: LoadTestJobProps, name: string, spec: INetworkPolicy['spec']): KubeObject {
  const object: INetworkPolicy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: props.namespace, labels: loadTestSelector(props.name) }, spec };
  return toKubeObject(object);
}

/**
 * The Job and the policies it needs under the namespace's default deny (DNS is already open to every pod): the
 * client reaches the serving pods on the HTTP port and HTTPS (the tokenizer from the Hugging Face Hub); the serving
 * pods accept it on the HTTP port. Policies add up, so the serving pods' own policy stays as it is.
 */
export function loadTestObjects(props: LoadTestJobProps): KubeObject[] {
  const client = { podSelector: { matchLabels: loadTestSelector(props.name) } };
  const server = { podSelector: { matchLabels: instanceSelector(props.name) } };
  const http: INetworkPolicyPort[] = [{ protocol: 'TCP', port: HTTP_PORT }];
  return [
    networkPolicy(props, `${loadTestJobName(props.name)}-egress`, {
      ...client,
      policyTypes: ['Egress'],
      egress: [{ to: [server], ports: http }, { ports: [{ protocol: 'TCP', port: 443 }] }],
    }),
    networkPolicy(props, `${loadTestJobName(props.name)}-to-server`, {
      ...server,
      policyTypes: ['Ingress'],
      ingress: [{ from: [client], ports: http }],
    }),
    job(props),
  ];
}
