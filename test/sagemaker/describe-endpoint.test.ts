/**
 * The engine-neutral endpoint description: guardrails, autoscaling, data capture, Model Monitor, async
 * and serverless configuration, alarms and IAM, decided once from the plan.
 */
import { describeSageMakerEndpoint } from '../../lib/sagemaker/describe-endpoint';
import { wildcardReason } from '../../lib/sagemaker/permissions';
import { planFor } from './support/plans';

describe('deployment guardrails', () => {
  test('GIVEN a canary rollout on 4 instances THEN one instance (10 %, rounded up to a whole one) takes traffic first, bakes, and the rollback alarms exist and watch the production variant', () => {
    const d = describeSageMakerEndpoint(planFor('realtime', { scaling: { minReplicas: 4 }, rollout: { strategy: 'canary', canaryPercent: 10, intervalMinutes: 15 } }));
    expect(d.deployment).toMatchObject({ kind: 'blue-green', trafficRouting: { type: 'CANARY', capacityPercent: 10, capacityInstances: 1, waitIntervalInSeconds: 900 }, terminationWaitInSeconds: 900 });
    expect(d.deployment!.rollbackAlarmNames).toEqual(['tabular-latency-p95', 'tabular-errors-5xx', 'tabular-model-errors']);
    for (const name of d.deployment!.rollbackAlarmNames) {
      expect(d.alarms.find((a) => a.name === name)).toMatchObject({ purpose: 'rollback', dimensions: { EndpointName: 'tabular', VariantName: 'primary' } });
    }
  });

  test('GIVEN a canary rollout on one instance (the review finding) THEN there is no canary to size: the update goes all at once and the alarms watch the final bake', () => {
    const d = describeSageMakerEndpoint(planFor('realtime', { scaling: { minReplicas: 1 }, rollout: { strategy: 'canary', canaryPercent: 10, intervalMinutes: 15 } }));
    expect(d.deployment).toMatchObject({ kind: 'blue-green', trafficRouting: { type: 'ALL_AT_ONCE', adaptation: expect.stringMatching(/10 % canary of 1 instance/) }, terminationWaitInSeconds: 900 });
    expect(d.deployment!.rollbackAlarmNames).toHaveLength(3);
  });

  test('GIVEN a linear rollout on 5 instances THEN capacity shifts one instance at a time and the timeout covers every step', () => {
    const d = describeSageMakerEndpoint(planFor('realtime', { scaling: { minReplicas: 5 }, rollout: { strategy: 'linear', linearStepPercent: 20, intervalMinutes: 10 } }));
    expect(d.deployment).toMatchObject({ trafficRouting: { type: 'LINEAR', capacityPercent: 20, capacityInstances: 1 } });
    expect(d.deployment!.maximumExecutionTimeoutInSeconds).toBeGreaterThanOrEqual(5 * 600);
  });

  test('GIVEN a fleet of 8 or more instances THEN a rolling update replaces it in batches instead of doubling it', () => {
    const d = describeSageMakerEndpoint(planFor('realtime', { scaling: { minReplicas: 10 }, rollout: { strategy: 'linear', linearStepPercent: 25 } }));
    expect(d.deployment).toMatchObject({ kind: 'rolling', rollingBatchPercent: 25 });
    expect(d.deployment!.rollbackAlarmNames.length).toBe(3);
  });

  test('GIVEN the latency objective THEN the p95 rollback alarm compares ModelLatency in microseconds', () => {
    const d = describeSageMakerEndpoint(planFor('realtime', { traffic: { p95LatencyMs: 250 } }));
    expect(d.alarms.find((a) => a.name === 'tabular-latency-p95')).toMatchObject({ metricNames: ['ModelLatency'], statistic: 'p95', threshold: 250_000 });
  });
});

describe('models and variants', () => {
  test('GIVEN an LLM THEN LMI serves the planner’s ml.* instance from an uncompressed S3 prefix with start-up time for the weights', () => {
    const plan = planFor('llm');
    const d = describeSageMakerEndpoint(plan);
    expect(d.productionVariants[0]).toMatchObject({ instanceType: plan.llm!.instanceType, initialInstanceCount: plan.llm!.replicas });
    expect(d.productionVariants[0]!.containerStartupHealthCheckTimeoutInSeconds).toBeGreaterThan(600);
    expect(d.models[0]!.artifacts).toEqual({ kind: 'prefix', location: { bucket: 'artifacts', key: 'models/meta-llama/Llama-3.1-8B-Instruct/' } });
    expect(d.autoscaling[0]!.targetTracking.metric).toEqual({ predefined: 'SageMakerVariantConcurrentRequestsPerModelHighResolution' });
  });

  test('GIVEN instances with NVMe storage THEN no volume KMS key is set (SageMaker rejects it); on EBS-only instances it is', () => {
    expect(describeSageMakerEndpoint(planFor('llm')).volumeKmsEncryption).toBe(false);
    expect(describeSageMakerEndpoint(planFor('realtime')).volumeKmsEncryption).toBe(true);
  });

  test('GIVEN a shadow rollout THEN the shadow variant serves the next version with weight = sampling share', () => {
    const d = describeSageMakerEndpoint(planFor('realtime', { rollout: { strategy: 'shadow', shadowSamplingPercent: 25 } }), { shadowModel: { version: 'v2' } });
    expect(d.shadowVariants).toEqual([expect.objectContaining({ name: 'shadow-v2', modelId: 'shadow', initialVariantWeight: 0.25 })]);
    expect(d.models.map((m) => m.artifacts.location.key)).toEqual(['models/fraud-xgboost/model.tar.gz', 'models/fraud-xgboost/v2/model.tar.gz']);
    expect(d.autoscaling.map((a) => a.variantName)).toEqual(['primary', 'shadow-v2']);
    // A shadow instance is sized like a production instance, for its share of the requests.
    expect(d.autoscaling[1]!.targetTracking.targetValue).toBe(d.autoscaling[0]!.targetTracking.targetValue);
    expect(d.autoscaling[1]!.minCapacity).toBe(1);
  });

  test('GIVEN a multi-model endpoint THEN the container loads archives from a prefix on demand', () => {
    const d = describeSageMakerEndpoint(planFor('multi-model'));
    expect(d.models[0]!.artifacts).toEqual({ kind: 'multi-model', location: { bucket: 'artifacts', key: 'models/churn/' } });
  });

  test('GIVEN serverless THEN the variant has memory and concurrency, no instances, no VPC, and scales provisioned concurrency', () => {
    const d = describeSageMakerEndpoint(planFor('serverless', { target: { serverlessMemoryMb: 3072, serverlessMaxConcurrency: 20, serverlessProvisionedConcurrency: 2 } }));
    expect(d.productionVariants[0]).toMatchObject({ serverless: { memorySizeInMb: 3072, maxConcurrency: 20, provisionedConcurrency: 2 } });
    expect(d.productionVariants[0]!.instanceType).toBeUndefined();
    expect(d.vpc).toBe(false);
    expect(d.autoscaling).toEqual([expect.objectContaining({ scalableDimension: 'sagemaker:variant:DesiredProvisionedConcurrency', minCapacity: 2, maxCapacity: 20 })]);
  });
});

describe('asynchronous endpoints', () => {
  const d = describeSageMakerEndpoint(planFor('async', { scaling: { minReplicas: 0, maxReplicas: 3, scaleToZero: true } }));

  test('THEN results and failures go to the data bucket and both SNS topics are notified', () => {
    expect(d.asyncInference).toEqual({
      input: { bucket: 'data', key: 'async/speech/input/' },
      output: { bucket: 'data', key: 'async/speech/output/' },
      failure: { bucket: 'data', key: 'async/speech/failure/' },
      successTopic: 'async-success',
      errorTopic: 'async-error',
      maxConcurrentInvocationsPerInstance: 4,
    });
    expect(d.executionPermissions.find((s) => s.sid === 'ReadAsyncRequests')!.resources).toEqual([{ kind: 'objects', bucket: 'data', prefix: 'async/speech/input/' }]);
    expect(d.executionPermissions.find((s) => s.sid === 'NotifyAsyncResults')!.resources).toEqual([{ kind: 'topic', topic: 'async-success' }, { kind: 'topic', topic: 'async-error' }]);
  });

  test('THEN it scales on the backlog down to zero and a HasBacklogWithoutCapacity alarm wakes it', () => {
    const scaling = d.autoscaling[0]!;
    expect(scaling).toMatchObject({ minCapacity: 0, maxCapacity: 3, targetTracking: { metric: { metricName: 'ApproximateBacklogSizePerInstance', dimensions: { EndpointName: 'speech' } } } });
    expect(scaling.wakeFromZero).toMatchObject({ alarmName: 'speech-backlog-without-capacity', scalingAdjustment: 1 });
    expect(d.alarms.find((a) => a.name === 'speech-backlog-without-capacity')).toMatchObject({ metricNames: ['HasBacklogWithoutCapacity'], threshold: 1, notify: false, purpose: 'scaling' });
    expect(d.alarms.find((a) => a.name === 'speech-oldest-request-age')).toMatchObject({ metricNames: ['ApproximateAgeOfOldestRequest'] });
  });
});

describe('data capture and Model Monitor', () => {
  const d = describeSageMakerEndpoint(
    planFor('realtime', { monitoring: { dataCapture: { enabled: true, samplingPercent: 30 }, driftDetection: true } }),
    { monitoredFeatures: ['amount', 'age'] },
  );

  test('THEN the capture destination, the job input and the reports share the data bucket (SageMaker adds the endpoint folder)', () => {
    expect(d.dataCapture).toMatchObject({ destination: { bucket: 'data', key: 'capture/' }, files: { bucket: 'data', key: 'capture/tabular/' }, initialSamplingPercentage: 30, captureModes: ['Input', 'Output'], csvContentTypes: ['text/csv'] });
    expect(d.monitoring!.input).toEqual(d.dataCapture!.files);
    expect([d.monitoring!.reports, d.monitoring!.baselineConstraints, d.monitoring!.baselineStatistics].map((l) => l.bucket)).toEqual(['data', 'data', 'data']);
    expect(d.monitoring!.scheduleExpression).toBe('cron(0 * ? * * *)');
  });

  test('THEN the job may read the capture and baseline and write reports, and the drift alarm watches its metrics', () => {
    const read = d.monitoringPermissions.find((s) => s.sid === 'ReadCaptureAndBaseline')!;
    expect(read.resources).toContainEqual({ kind: 'objects', bucket: 'data', prefix: 'capture/tabular/' });
    expect(d.alarms.find((a) => a.purpose === 'drift')).toMatchObject({ metricNames: ['feature_baseline_drift_amount', 'feature_baseline_drift_age'], dimensions: { Endpoint: 'tabular', MonitoringSchedule: 'tabular-data-quality' } });
  });
});

describe('least privilege', () => {
  test('GIVEN any endpoint THEN every wildcard resource carries its reason and no action is a wildcard', () => {
    for (const d of [describeSageMakerEndpoint(planFor('llm')), describeSageMakerEndpoint(planFor('async'))]) {
      for (const s of d.executionPermissions) {
        expect(s.actions.every((a) => !a.includes('*'))).toBe(true);
        const wildcard = s.resources.some((r) => r.kind === 'any' || r.kind === 'log-group' || (r.kind === 'objects' && r.prefix.endsWith('/')));
        if (wildcard) expect(wildcardReason(s)).toMatch(/.{20,}/);
      }
    }
  });
});
