import { buildLlmServingObjects } from '../../lib/kubernetes';
import { named, only, servingOptions, SINGLE_NODE } from './fixtures';

describe('KEDA autoscaling on vLLM metrics', () => {
  test('GIVEN bounds 2..6 WHEN built THEN the ScaledObject scales the Deployment on queue depth and KV-cache usage within them', () => {
    const objects = buildLlmServingObjects(servingOptions(SINGLE_NODE, { autoscaling: { minReplicas: 2, maxReplicas: 6, scaleToZero: false, engine: 'keda' } }));
    const scaled = only(objects, 'ScaledObject');
    expect(scaled.spec).toMatchObject({ minReplicaCount: 2, maxReplicaCount: 6, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'llm' } });
    const [queue, kv] = scaled.spec.triggers;
    expect(queue).toMatchObject({ type: 'prometheus', metricType: 'AverageValue', metadata: { threshold: '25', serverAddress: 'http://kube-prometheus-stack-prometheus.monitoring.svc:9090' } });
    expect(queue.metadata.query).toBe('sum(vllm:num_requests_waiting{namespace="llm-serving",service="llm"}) or vector(0)');
    expect(kv.metadata.query).toBe('sum(vllm:kv_cache_usage_perc{namespace="llm-serving",service="llm"}) or vector(0)');
    expect(kv.metadata.threshold).toBe('0.8');
    expect(queue.metadata.activationThreshold).toBeUndefined();
    // The Deployment leaves replicas to KEDA, so re-applying the manifest never resets a scaled deployment.
    expect(only(objects, 'Deployment').spec.replicas).toBeUndefined();
  });

  test('GIVEN scale to zero with a wake-up query WHEN built THEN minReplicaCount is 0 and every trigger activates above 0', () => {
    const wakeUpQuery = 'sum(rate(envoy_cluster_upstream_rq_total{envoy_cluster_name=~".*llm-serving/llm.*"}[2m]))';
    const scaled = only(buildLlmServingObjects(servingOptions(SINGLE_NODE, { autoscaling: { minReplicas: 1, maxReplicas: 3, scaleToZero: true, engine: 'keda', wakeUpQuery } })), 'ScaledObject');
    expect(scaled.spec.minReplicaCount).toBe(0);
    expect(scaled.spec.triggers.map((t: any) => [t.name, t.metadata.activationThreshold])).toEqual([['queue-depth', '0'], ['kv-cache-usage', '0'], ['wake-up', '0']]);
    expect(scaled.spec.triggers[2].metadata.query).toBe(wakeUpQuery);
  });

  test('GIVEN the HPA fallback WHEN built THEN an autoscaling/v2 HPA scales on the same signals as Pods metrics', () => {
    const objects = buildLlmServingObjects(servingOptions(SINGLE_NODE, { autoscaling: { minReplicas: 1, maxReplicas: 4, scaleToZero: false, engine: 'hpa', targetQueueDepth: 10 } }));
    expect(objects.some((o) => o.kind === 'ScaledObject')).toBe(false);
    const hpa = only(objects, 'HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.metrics).toEqual([
      { type: 'Pods', pods: { metric: { name: 'vllm_num_requests_waiting' }, target: { type: 'AverageValue', averageValue: '10' } } },
      { type: 'Pods', pods: { metric: { name: 'vllm_kv_cache_usage_perc' }, target: { type: 'AverageValue', averageValue: '800m' } } },
    ]);
    expect(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds).toBe(300);
  });
});

describe('monitoring', () => {
  const objects = buildLlmServingObjects(servingOptions(SINGLE_NODE));

  test('THEN Prometheus scrapes vLLM through the Service and the DCGM exporter in its namespace', () => {
    const [vllm, dcgm] = objects.filter((o) => o.kind === 'ServiceMonitor') as any[];
    expect(vllm.spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '15s' }]);
    expect(vllm.metadata.labels.release).toBe('kube-prometheus-stack');
    expect(dcgm.spec).toMatchObject({ namespaceSelector: { matchNames: ['gpu-monitoring'] }, selector: { matchLabels: { 'app.kubernetes.io/component': 'dcgm-exporter' } } });
  });

  test('THEN alerts cover TTFT p95, inter-token latency, queue depth, KV cache above 90 % and GPU XID errors', () => {
    const rules = only(objects, 'PrometheusRule').spec.groups[0].rules;
    expect(rules.map((r: any) => r.alert)).toEqual(['VllmTimeToFirstTokenP95High', 'VllmInterTokenLatencyP95High', 'VllmQueueDepthHigh', 'VllmKvCacheAlmostFull', 'GpuXidError']);
    const expr = Object.fromEntries(rules.map((r: any) => [r.alert, r.expr]));
    expect(expr.VllmTimeToFirstTokenP95High).toContain('histogram_quantile(0.95, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket{namespace="llm-serving",service="llm"}[5m]))) > 2');
    expect(expr.VllmInterTokenLatencyP95High).toContain('vllm:inter_token_latency_seconds_bucket');
    expect(expr.VllmKvCacheAlmostFull).toBe('max(vllm:kv_cache_usage_perc{namespace="llm-serving",service="llm"}) > 0.9');
    expect(expr.GpuXidError).toContain('DCGM_FI_DEV_XID_ERRORS');
  });

  test('GIVEN monitoring without rules or dashboard WHEN built THEN neither object is emitted', () => {
    const lean = buildLlmServingObjects(servingOptions(SINGLE_NODE, { monitoring: { prometheusRules: false, dashboard: false, dcgmExporterNamespace: false } }));
    expect(lean.filter((o) => ['PrometheusRule', 'ConfigMap'].includes(o.kind))).toEqual([]);
    expect(lean.filter((o) => o.kind === 'ServiceMonitor')).toHaveLength(1);
  });
});

describe('Gateway API exposure', () => {
  test('GIVEN a gateway WHEN built THEN an HTTPRoute attaches to its HTTPS listener and the NetworkPolicy admits the gateway namespace', () => {
    const objects = buildLlmServingObjects(
      servingOptions(SINGLE_NODE, { exposure: { kind: 'gateway-api', host: 'llm.internal.example.com', gateway: { name: 'inference', namespace: 'envoy-gateway', sectionName: 'https' } } }),
    );
    expect(objects.some((o) => o.kind === 'Ingress')).toBe(false);
    const route = only(objects, 'HTTPRoute');
    expect(route.spec.parentRefs).toEqual([{ name: 'inference', namespace: 'envoy-gateway', sectionName: 'https' }]);
    expect(route.spec.rules[0].backendRefs).toEqual([{ name: 'llm', port: 8000 }]);
    expect(named(objects, 'NetworkPolicy', 'llm').spec.ingress[1]).toEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway' } } }],
      ports: [{ protocol: 'TCP', port: 8000 }],
    });
  });
});
