import { buildGpuNodePoolObjects, buildLlmServingObjects, buildNvidiaDevicePluginObjects } from '../../lib/kubernetes';
import { LORA, MULTI_NODE, QUANTIZED, servingOptions, SINGLE_NODE } from './fixtures';
import { schemaErrors } from './schema-helpers';

/** Every variant the builders can produce, validated by the harness in one child process. */
describe('every object passes the validation harness with zero errors', () => {
  test('GIVEN single-node, multi-node, LoRA and quantized plans with every exposure and autoscaler WHEN built THEN no schema, metadata or secret errors', () => {
    const variants = [
      buildLlmServingObjects(servingOptions(SINGLE_NODE)),
      buildLlmServingObjects(servingOptions(MULTI_NODE, { name: 'llm-405b', autoscaling: { minReplicas: 1, maxReplicas: 2, scaleToZero: false, engine: 'hpa' } })),
      buildLlmServingObjects(
        servingOptions(LORA, {
          name: 'llm-lora',
          loraAdapters: [{ name: 'tenant-a-sql', uri: 's3://adapters-bucket/tenant-a/sql/', tenant: 'tenant-a' }],
          exposure: { kind: 'gateway-api', host: 'llm.internal.example.com' },
          huggingFaceTokenSecret: { secretName: 'hf-token', key: 'token' },
          autoscaling: { minReplicas: 1, maxReplicas: 3, scaleToZero: true, engine: 'keda', wakeUpQuery: 'sum(rate(envoy_http_downstream_rq_total[2m]))' },
        }),
      ),
      buildLlmServingObjects(servingOptions(QUANTIZED, { name: 'llm-awq', capacity: 'auto-mode', exposure: undefined, modelSource: { huggingFaceId: 'hugging-quants/Meta-Llama-3.1-70B-Instruct-AWQ-INT4' }, huggingFaceTokenSecret: { secretName: 'hf', key: 'token' } })),
      // Argo Rollouts canaries on each router: the Rollout, AnalysisTemplate and route objects against their CRD schemas.
      buildLlmServingObjects(servingOptions(SINGLE_NODE, { name: 'llm-canary-alb', rollout: { strategy: 'canary' } })),
      buildLlmServingObjects(servingOptions(SINGLE_NODE, { name: 'llm-canary-gw', exposure: { kind: 'gateway-api', host: 'llm.internal.example.com' }, rollout: { strategy: 'linear', analysis: { e2eLatencyP95Seconds: 20 } } })),
      buildLlmServingObjects(servingOptions(SINGLE_NODE, { name: 'llm-canary-pods', exposure: undefined, rollout: { strategy: 'canary' } })),
      buildGpuNodePoolObjects({ name: 'llm', plan: SINGLE_NODE.plan, capacity: 'karpenter', clusterName: 'gpu-cluster' }),
      buildGpuNodePoolObjects({ name: 'llm-405b', plan: MULTI_NODE.plan, capacity: 'karpenter', clusterName: 'gpu-cluster', amiFamily: 'bottlerocket', capacityReservationId: 'cr-0123456789abcdef0' }),
      buildGpuNodePoolObjects({ name: 'llm-awq', plan: QUANTIZED.plan, capacity: 'auto-mode', clusterName: 'gpu-cluster', nodeRoleName: 'gpu-cluster-auto-node' }),
      buildNvidiaDevicePluginObjects({ capacity: 'karpenter' }),
    ].flat();
    expect(schemaErrors(variants)).toBe('');
  });
});

describe('the harness is not a rubber stamp for these objects', () => {
  test('GIVEN a LeaderWorkerSet with an unknown startup policy and a worker container with a mistyped field WHEN validated THEN both are reported', () => {
    const [lws] = buildLlmServingObjects(servingOptions(MULTI_NODE, { createNamespace: false })).filter((o) => o.kind === 'LeaderWorkerSet');
    const broken = JSON.parse(JSON.stringify(lws));
    broken.spec.startupPolicy = 'WorkersFirst';
    broken.spec.leaderWorkerTemplate.workerTemplate.spec.containers[0].ports = 'all';
    const errors = schemaErrors([broken]);
    expect(errors).toMatch(/spec\.startupPolicy: "WorkersFirst" is not one of "LeaderCreated", "LeaderReady"/);
    expect(errors).toMatch(/Pod\/llm-serving\/llm-workertemplate: k8s-schema: spec\.containers\[0\]\.ports/);
  });

  test('GIVEN a Rollout with a misspelled canary field and an AnalysisTemplate metric without provider and a mistyped container field WHEN validated THEN the Argo Rollouts CRD schemas and the Pod schema report all three', () => {
    const objects = buildLlmServingObjects(servingOptions(SINGLE_NODE, { createNamespace: false, rollout: { strategy: 'canary' } }));
    const rollout = JSON.parse(JSON.stringify(objects.find((o) => o.kind === 'Rollout')));
    rollout.spec.strategy.canary.dynamicStableScaling = true;
    rollout.spec.template.spec.containers[0].ports = 'all';
    const template = JSON.parse(JSON.stringify(objects.find((o) => o.kind === 'AnalysisTemplate')));
    delete template.spec.metrics[0].provider;
    const errors = schemaErrors([rollout, template]);
    expect(errors).toMatch(/Rollout\/llm-serving\/llm: k8s-schema: spec\.strategy\.canary.*dynamicStableScaling/);
    expect(errors).toMatch(/Pod\/llm-serving\/llm-template: k8s-schema: spec\.containers\[0\]\.ports/);
    expect(errors).toMatch(/AnalysisTemplate\/llm-serving\/llm-canary-slo: k8s-schema: spec\.metrics\[0\].*provider/);
  });

  test('GIVEN a NodePool with a misspelled field WHEN validated THEN the Karpenter schema reports it', () => {
    const [, pool] = buildGpuNodePoolObjects({ name: 'llm', plan: SINGLE_NODE.plan, capacity: 'karpenter', clusterName: 'c' });
    const broken = JSON.parse(JSON.stringify(pool));
    broken.spec.disruption.consolidationPolicy = 'WhenIdle';
    expect(schemaErrors([broken])).toMatch(/consolidationPolicy/);
  });
});
