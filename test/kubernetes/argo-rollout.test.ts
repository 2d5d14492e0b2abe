import { buildLlmServingObjects } from '../../lib/kubernetes';
import type { LlmServingObjectsOptions } from '../../lib/kubernetes/options';
import { InputValidationError } from '../../lib/errors';
import { MULTI_NODE, named, only, selects, servingOptions, SINGLE_NODE } from './fixtures';

const GATEWAY = { kind: 'gateway-api', host: 'llm.internal.example.com' } as const;
const canary = (overrides: Partial<LlmServingObjectsOptions> = {}) =>
  buildLlmServingObjects(servingOptions(SINGLE_NODE, { rollout: { strategy: 'canary', canaryPercent: 10, intervalMinutes: 15 }, ...overrides }));

describe('a canary rollout replaces the Deployment with an Argo Rollouts Rollout', () => {
  const objects = canary({ exposure: GATEWAY });
  const rollout = only(objects, 'Rollout');

  test('GIVEN rollout canary WHEN built THEN a Rollout carries the Deployment\'s pod template and selector, and no Deployment is emitted', () => {
    const deployment = only(buildLlmServingObjects(servingOptions(SINGLE_NODE, { exposure: GATEWAY })), 'Deployment');
    expect(objects.some((o) => o.kind === 'Deployment')).toBe(false);
    expect(rollout.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(rollout.spec.template).toEqual(deployment.spec.template);
    expect(rollout.spec.selector).toEqual(deployment.spec.selector);
    // The autoscaler owns replicas, as for the Deployment; a canary pod that never gets ready aborts.
    expect(rollout.spec.replicas).toBeUndefined();
    expect(rollout.spec.progressDeadlineAbort).toBe(true);
  });

  test('THEN the steps set canaryPercent, bake intervalMinutes, and the end of the steps promotes to 100 %', () => {
    expect(rollout.spec.strategy.canary.steps).toEqual([{ setWeight: 10 }, { pause: { duration: '15m' } }]);
  });

  test('GIVEN a linear rollout of 25 % steps WHEN built THEN it sets 25, 50, 75 with a pause after each', () => {
    const linear = only(buildLlmServingObjects(servingOptions(SINGLE_NODE, { rollout: { strategy: 'linear', linearStepPercent: 25, intervalMinutes: 5 } })), 'Rollout');
    expect(linear.spec.strategy.canary.steps).toEqual([
      { setWeight: 25 }, { pause: { duration: '5m' } },
      { setWeight: 50 }, { pause: { duration: '5m' } },
      { setWeight: 75 }, { pause: { duration: '5m' } },
    ]);
  });

  test('THEN KEDA scales the Rollout through its scale subresource, and the PDB and NetworkPolicies still select its pods', () => {
    expect(only(objects, 'ScaledObject').spec.scaleTargetRef).toEqual({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'llm' });
    const podLabels = rollout.spec.template.metadata.labels;
    expect(selects(only(objects, 'PodDisruptionBudget').spec.selector.matchLabels, podLabels)).toBe(true);
    expect(selects(named(objects, 'NetworkPolicy', 'llm').spec.podSelector.matchLabels, podLabels)).toBe(true);
    expect(selects(named(objects, 'Service', 'llm').spec.selector, podLabels)).toBe(true);
  });

  test('THEN the ServiceMonitor scrapes each pod once (not through the stable/canary Services) and keeps the pod-template hash', () => {
    const monitor = named(objects, 'ServiceMonitor', 'llm');
    expect(monitor.spec.selector.matchExpressions).toEqual([{ key: 'ai-model-deployment/rollout-service', operator: 'DoesNotExist' }]);
    expect(monitor.spec.podTargetLabels).toEqual(['rollouts-pod-template-hash']);
    expect(named(objects, 'Service', 'llm-stable').metadata.labels['ai-model-deployment/rollout-service']).toBe('stable');
    expect(named(objects, 'Service', 'llm-canary').metadata.labels['ai-model-deployment/rollout-service']).toBe('canary');
  });
});

describe('traffic follows the exposure', () => {
  test('GIVEN Gateway API exposure WHEN built THEN the Gateway API plugin moves the weights of the HTTPRoute\'s stable and canary backends', () => {
    const objects = canary({ exposure: GATEWAY });
    const strategy = only(objects, 'Rollout').spec.strategy.canary;
    expect(strategy).toMatchObject({
      stableService: 'llm-stable',
      canaryService: 'llm-canary',
      dynamicStableScale: true,
      trafficRouting: { plugins: { 'argoproj-labs/gatewayAPI': { httpRoute: 'llm', namespace: 'llm-serving' } } },
    });
    expect(only(objects, 'HTTPRoute').spec.rules[0].backendRefs).toEqual([
      { name: 'llm-stable', port: 8000, weight: 100 },
      { name: 'llm-canary', port: 8000, weight: 0 },
    ]);
  });

  test('GIVEN ALB exposure WHEN built THEN Rollouts weighs the ALB target groups through the Ingress\'s use-annotation backend', () => {
    const objects = canary();
    expect(only(objects, 'Rollout').spec.strategy.canary.trafficRouting).toEqual({ alb: { ingress: 'llm', rootService: 'llm', servicePort: 8000 } });
    expect(only(objects, 'Ingress').spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'llm', port: { name: 'use-annotation' } });
  });

  test('GIVEN no exposure WHEN built THEN the canary is replica-based: no router, no stable/canary Services, one surge pod at a time', () => {
    const objects = canary({ exposure: undefined });
    const strategy = only(objects, 'Rollout').spec.strategy.canary;
    expect(strategy.trafficRouting).toBeUndefined();
    expect(strategy).toMatchObject({ maxSurge: 1, maxUnavailable: 0 });
    expect(objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name)).toEqual(['llm']);
  });
});

describe('the analysis reads vLLM\'s metrics of the canary pods and fails on the first miss', () => {
  const objects = canary({ monitoring: { prometheusRules: true, dashboard: false, ttftP95Seconds: 1.5, interTokenLatencyP95Seconds: 0.08 } });
  const template = only(objects, 'AnalysisTemplate');
  const metric = (name: string) => template.spec.metrics.find((m: any) => m.name === name);

  test('THEN the Rollout runs the template in the background from the first pause, passing the canary\'s pod-template hash', () => {
    expect(only(objects, 'Rollout').spec.strategy.canary.analysis).toEqual({
      templates: [{ templateName: 'llm-canary-slo' }],
      startingStep: 1,
      args: [{ name: 'canary-hash', valueFrom: { podTemplateHashValue: 'Latest' } }],
    });
  });

  test('THEN each query names vLLM\'s real series, restricted to the canary pods', () => {
    const canaryPods = 'namespace="llm-serving",service="llm",rollouts_pod_template_hash="{{args.canary-hash}}"';
    expect(metric('http-5xx-ratio').provider.prometheus.query).toBe(
      `scalar(sum(rate(http_requests_total{${canaryPods},status="5xx"}[5m])) / sum(rate(http_requests_total{${canaryPods}}[5m])))`);
    expect(metric('ttft-p95-seconds').provider.prometheus.query).toBe(
      `scalar(histogram_quantile(0.95, sum by (le) (rate(vllm:time_to_first_token_seconds_bucket{${canaryPods}}[5m]))))`);
    expect(metric('inter-token-latency-p95-seconds').provider.prometheus.query).toContain(`vllm:inter_token_latency_seconds_bucket{${canaryPods}}`);
    expect(metric('queue-depth').provider.prometheus.query).toBe(`scalar(max(vllm:num_requests_waiting{${canaryPods}}))`);
    expect(metric('queue-depth').provider.prometheus.address).toBe('http://kube-prometheus-stack-prometheus.monitoring.svc:9090');
  });

  test('THEN the thresholds are the monitoring thresholds (queue: twice the autoscaling target) and one failed measurement fails the run', () => {
    expect(metric('ttft-p95-seconds').successCondition).toBe('isNaN(result) || result <= 1.5');
    expect(metric('inter-token-latency-p95-seconds').successCondition).toBe('isNaN(result) || result <= 0.08');
    expect(metric('queue-depth').successCondition).toBe('isNaN(result) || result <= 50');
    expect(metric('http-5xx-ratio').successCondition).toBe('isNaN(result) || result <= 0.01');
    expect(template.spec.metrics.every((m: any) => m.failureLimit === 0 && m.interval === '1m')).toBe(true);
    expect(metric('e2e-latency-p95-seconds')).toBeUndefined();
  });

  test('GIVEN SLO thresholds and only the error check WHEN built THEN the analysis uses them and checks only what was asked', () => {
    const slo = only(canary({ rollout: { strategy: 'canary', analysis: { latency: false, max5xxRatio: 0.02 } } }), 'AnalysisTemplate');
    expect(slo.spec.metrics.map((m: any) => m.name)).toEqual(['http-5xx-ratio']);
    const latency = only(canary({ rollout: { strategy: 'canary', analysis: { ttftP95Seconds: 0.8, e2eLatencyP95Seconds: 12 } } }), 'AnalysisTemplate');
    const byName = Object.fromEntries(latency.spec.metrics.map((m: any) => [m.name, m.successCondition]));
    expect(byName['ttft-p95-seconds']).toBe('isNaN(result) || result <= 0.8');
    expect(byName['e2e-latency-p95-seconds']).toBe('isNaN(result) || result <= 12');
  });
});

describe('what stays a rolling update', () => {
  test('GIVEN no rollout option WHEN built THEN a Deployment and no Argo Rollouts object', () => {
    const objects = buildLlmServingObjects(servingOptions(SINGLE_NODE));
    expect(only(objects, 'Deployment').spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(objects.filter((o) => o.apiVersion === 'argoproj.io/v1alpha1')).toEqual([]);
  });

  test('GIVEN a multi-node plan with a canary rollout WHEN built THEN LeaderWorkerSet keeps its own rolling update (Rollouts manages ReplicaSets only)', () => {
    const objects = buildLlmServingObjects(servingOptions(MULTI_NODE, { rollout: { strategy: 'canary' } }));
    expect(objects.some((o) => o.kind === 'LeaderWorkerSet')).toBe(true);
    expect(objects.filter((o) => o.apiVersion === 'argoproj.io/v1alpha1')).toEqual([]);
  });
});

test('GIVEN out-of-range rollout settings WHEN built THEN one error names every field', () => {
  const build = () => canary({ rollout: { strategy: 'canary', canaryPercent: 120, intervalMinutes: 0, analysis: { errors: false, latency: false } } });
  expect(build).toThrow(InputValidationError);
  expect(build).toThrow(/rollout\.canaryPercent[\s\S]*rollout\.intervalMinutes[\s\S]*rollout\.analysis/);
});
