/**
 * TGI as a Kubernetes runtime, as a specification: the plan's memory budget becomes TGI's own launcher flags,
 * the probes hit the route that answers only for a loaded model, KEDA scales on TGI's metrics, and plans TGI
 * cannot run are refused with the field, the value and the fix.
 */
import { InputValidationError } from '../../../lib/errors';
import { buildServingObjects, kubernetesRuntimeEngines, servingOperators } from '../../../lib/kubernetes/runtimes/registry';
import { tgiLauncherArgs, tgiTokenLimits } from '../../../lib/kubernetes/runtimes/tgi/launcher-args';
import { TGI_IMAGE_REPOSITORY, TGI_IMAGE_TAG } from '../../../lib/kubernetes/runtimes/tgi/versions';
import type { LlmServingPlan } from '../../../lib/planner/types';
import { handPlan, LORA, MULTI_NODE, named, only, QUANTIZED, servingOptions, SINGLE_NODE } from '../fixtures';

/** `--flag value` pairs of an argument vector (switches map to 'true'). */
function flags(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 1) {
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out[args[i]!] = next;
      i += 1;
    } else {
      out[args[i]!] = 'true';
    }
  }
  return out;
}

const tgi = (hand = SINGLE_NODE, overrides = {}) => buildServingObjects(servingOptions(hand, { runtime: 'tgi', ...overrides }));
const tgiContainer = (objects = tgi()) => only(objects, 'Deployment').spec.template.spec.containers[0];

describe('TGI runtime', () => {
  const objects = tgi();
  const container = tgiContainer(objects);
  const plan = SINGLE_NODE.plan;

  test('is registered for runtime.engine tgi and needs no cluster operator', () => {
    expect(kubernetesRuntimeEngines()).toEqual(expect.arrayContaining(['vllm', 'tgi']));
    expect(servingOperators(servingOptions(SINGLE_NODE, { runtime: 'tgi' }))).toEqual([]);
  });

  test('runs the pinned TGI image on port 8000, so the shared Service, NetworkPolicy and exposure apply', () => {
    expect(container.name).toBe('tgi');
    expect(container.image).toBe(`${TGI_IMAGE_REPOSITORY}:${TGI_IMAGE_TAG}`);
    expect(TGI_IMAGE_TAG).toMatch(/^\d+\.\d+\.\d+$/);
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8000, protocol: 'TCP' }]);
    expect(flags(container.args)['--port']).toBe('8000');
    expect(only(objects, 'Service').spec.ports[0]).toMatchObject({ port: 8000, targetPort: 'http' });
  });

  test("puts the plan's numbers into TGI's flags: context, prompt bound, prefill budget, memory fraction, shards", () => {
    const f = flags(container.args);
    expect(f['--model-id']).toBe('/models/base');
    expect(f['--max-total-tokens']).toBe(String(plan.maxModelLen));
    expect(f['--max-input-tokens']).toBe(String(plan.maxModelLen - 1));
    expect(f['--max-batch-prefill-tokens']).toBe(String(plan.maxNumBatchedTokens));
    expect(f['--cuda-memory-fraction']).toBe(String(plan.gpuMemoryUtilization));
    expect(f['--num-shard']).toBe(String(plan.tensorParallelSize));
    // vLLM's flags never reach TGI.
    expect(container.args.join(' ')).not.toMatch(/--max-model-len|--gpu-memory-utilization|--tensor-parallel-size|--served-model-name/);
  });

  test("satisfies TGI's start-up rules: input < total tokens, prefill budget >= input tokens", () => {
    const shortBatches: LlmServingPlan = { ...plan, maxModelLen: 32768, maxNumBatchedTokens: 2048 };
    const limits = tgiTokenLimits(shortBatches);
    expect(limits.maxInputTokens).toBeLessThan(limits.maxTotalTokens);
    expect(limits.maxBatchPrefillTokens).toBeGreaterThanOrEqual(limits.maxInputTokens);
    expect(limits).toEqual({ maxTotalTokens: 32768, maxInputTokens: 32767, maxBatchPrefillTokens: 32767 });
  });

  test('shards over the GPUs of one node with /dev/shm, and maps quantization and KV-cache dtype to TGI names', () => {
    const quantized = tgiContainer(tgi(QUANTIZED));
    expect(flags(quantized.args)['--num-shard']).toBe('4');
    expect(quantized.resources.limits['nvidia.com/gpu']).toBe('4');
    expect(quantized.volumeMounts).toContainEqual({ name: 'dshm', mountPath: '/dev/shm' });
    const fp8 = { ...plan, quantization: 'fp8' as const, kvCacheDtype: 'fp8_e5m2' as const, dtype: 'bfloat16' as const };
    const f = flags(tgiLauncherArgs(fp8, SINGLE_NODE.model, '/models/base'));
    expect(f['--quantize']).toBe('fp8');
    expect(f['--kv-cache-dtype']).toBe('fp8_e5m2');
    // TGI: "--dtype cannot be used with --quantize".
    expect(f['--dtype']).toBeUndefined();
    expect(flags(tgiLauncherArgs({ ...plan, dtype: 'float16' }, SINGLE_NODE.model, 'm'))['--dtype']).toBe('float16');
  });

  test('sends OTLP traces to the collector when tracing is on, and to nothing when it is off', () => {
    const traced = tgiContainer(tgi(SINGLE_NODE, { tracing: { otlpEndpoint: 'http://collector.otel.svc:4317', collectorNamespace: 'otel' } }));
    expect(flags(traced.args)).toMatchObject({ '--otlp-endpoint': 'http://collector.otel.svc:4317', '--otlp-service-name': expect.any(String) });
    expect(container.args).not.toContain('--otlp-endpoint');
  });

  test('probes /health, which TGI answers only once the shards hold the model, and drains on SIGTERM', () => {
    for (const probe of [container.startupProbe, container.readinessProbe, container.livenessProbe]) {
      expect(probe.httpGet).toEqual({ path: '/health', port: 'http' });
    }
    expect(container.startupProbe.failureThreshold * container.startupProbe.periodSeconds).toBeGreaterThanOrEqual(300);
    expect(container.lifecycle.preStop.exec.command).toEqual(['sleep', '15']);
    const grace = only(objects, 'Deployment').spec.template.spec.terminationGracePeriodSeconds;
    expect(15 + Number(flags(container.args)['--graceful-termination-timeout'])).toBeLessThan(grace);
  });

  test('reads the synced local copy offline, takes the API key from its Secret, writes only to emptyDirs', () => {
    const env = Object.fromEntries(container.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(env.HF_HUB_OFFLINE).toBe('1');
    expect(env.HOME).toBe('/home/vllm');
    expect(env.HF_HOME).toBe('/models/hf-cache');
    const initContainers = only(objects, 'Deployment').spec.template.spec.initContainers;
    expect(initContainers.map((c: any) => c.name)).toEqual(['sync-weights']);
    const withKey = tgiContainer(tgi(SINGLE_NODE, { apiKeySecret: { secretName: 'llm-api-key', key: 'api-key' } }));
    expect(withKey.env).toContainEqual({ name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'llm-api-key', key: 'api-key' } } });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  test('downloads from the Hub with the token Secret when the model is not in the bucket', () => {
    const hub = tgi(SINGLE_NODE, {
      modelSource: { huggingFaceId: 'meta-llama/Llama-3.1-8B-Instruct' },
      huggingFaceTokenSecret: { secretName: 'hf', key: 'token' },
    });
    const c = tgiContainer(hub);
    expect(flags(c.args)['--model-id']).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(c.env).toContainEqual({ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } });
    expect(c.env.map((e: any) => e.name)).not.toContain('HF_HUB_OFFLINE');
  });

  test("runs the official image's root UID without capabilities, in a namespace that enforces baseline and audits restricted", () => {
    expect(container.securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
    const labels = only(objects, 'Namespace').metadata.labels;
    expect(labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    expect(labels['pod-security.kubernetes.io/audit']).toBe('restricted');
    expect(labels['pod-security.kubernetes.io/warn']).toBe('restricted');
  });

  test("scales with KEDA on TGI's queue (tgi_queue_size) and the KV tokens its batch reserves", () => {
    const triggers = only(objects, 'ScaledObject').spec.triggers;
    expect(triggers.map((t: any) => t.name)).toEqual(['queue-depth', 'batch-tokens']);
    expect(triggers[0].metadata.query).toBe('sum(tgi_queue_size{namespace="llm-serving",service="llm"}) or vector(0)');
    expect(triggers[0].metadata.threshold).toBe('25');
    expect(triggers[1].metadata.query).toContain('tgi_batch_current_max_tokens');
    expect(triggers[1].metadata.threshold).toBe(String(Math.round(plan.kvCacheTokens * 0.8)));
    expect(JSON.stringify(objects)).not.toMatch(/vllm:/);
    const hpa = only(tgi(SINGLE_NODE, { autoscaling: { minReplicas: 1, maxReplicas: 2, scaleToZero: false, engine: 'hpa' } }), 'HorizontalPodAutoscaler');
    expect(hpa.spec.metrics.map((m: any) => m.pods.metric.name)).toEqual(['tgi_queue_size', 'tgi_batch_current_max_tokens']);
  });

  test("alerts on TGI's latency histograms and queue, and keeps the PDB, NetworkPolicies and exposure", () => {
    const rules = only(objects, 'PrometheusRule').spec.groups[0].rules;
    const exprs = rules.map((r: any) => r.expr).join('\n');
    for (const metric of ['tgi_request_queue_duration_bucket', 'tgi_request_mean_time_per_token_duration_bucket', 'tgi_request_duration_bucket', 'tgi_batch_inference_duration_bucket', 'tgi_queue_size']) {
      expect(exprs).toContain(metric);
    }
    expect(exprs).toContain('method="prefill"');
    expect(only(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    expect(named(objects, 'NetworkPolicy', 'llm').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8000 }]);
    expect(only(objects, 'Ingress').metadata.annotations['alb.ingress.kubernetes.io/healthcheck-path']).toBe('/health');
    expect(named(objects, 'ServiceMonitor', 'llm').spec.endpoints[0]).toMatchObject({ port: 'http', path: '/metrics' });
  });

  test("ships a Grafana dashboard on TGI's series only, for the Grafana sidecar", () => {
    const configMap = named(objects, 'ConfigMap', 'llm-dashboard');
    expect(configMap.metadata.labels.grafana_dashboard).toBe('1');
    const dashboard = JSON.parse(configMap.data['llm-tgi.json']);
    const exprs = dashboard.panels.flatMap((p: any) => p.targets.map((t: any) => t.expr)).join('\n');
    expect(exprs).toContain('tgi_request_mean_time_per_token_duration_bucket');
    expect(exprs).toContain('tgi_request_success');
    expect(exprs).not.toMatch(/vllm:/);
  });

  describe('refuses plans TGI cannot run, naming the field, the value and the fix', () => {
    const problems = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        if (error instanceof InputValidationError) return error.problems;
        throw error;
      }
      throw new Error('expected an InputValidationError');
    };

    test('multi-node and pipeline-parallel plans (TGI shards within one node)', () => {
      const found = problems(() => tgi(MULTI_NODE));
      expect(found).toEqual(expect.arrayContaining([
        expect.objectContaining({ field: 'plan.nodes', value: 2, fix: expect.stringMatching(/runtime.engine 'vllm'/) }),
        expect.objectContaining({ field: 'plan.pipelineParallelSize', value: 2 }),
      ]));
    });

    test('quantization methods TGI has no --quantize name for', () => {
      for (const quantization of ['int8', 'mxfp4'] as const) {
        const hand = handPlan({ modelId: 'meta-llama/Llama-3.1-8B-Instruct', instanceType: 'g6e.xlarge', tensorParallelSize: 1, weightsGiB: 8, quantization });
        expect(problems(() => tgi(hand))).toEqual([expect.objectContaining({ field: 'plan.quantization', value: quantization, fix: expect.stringMatching(/awq, gptq or fp8/) })]);
      }
    });

    test('LoRA adapters, together with every other problem in one error', () => {
      const found = problems(() => tgi(LORA, { name: 'Bad_Name', loraAdapters: [{ name: 'a', uri: 's3://bucket-a/adapters/a/' }] }));
      expect(found.map((p) => p.field)).toEqual(expect.arrayContaining(['loraAdapters', 'name']));
    });
  });
});
