/**
 * A/B tests on SageMaker: `rollout.strategy: 'ab'` names two or more arms; each becomes a production variant of one
 * real-time endpoint with its weight, its own model, and its own alarms on the per-variant metrics.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SageMakerModelEndpoint } from '../../constructs/cdk/sagemaker/model-endpoint';
import { InputValidationError } from '../../lib/errors';
import { describeSageMakerEndpoint } from '../../lib/sagemaker/describe-endpoint';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { planFor } from './support/plans';

const AB = { strategy: 'ab' as const, variants: [{ name: 'control', weight: 90 }, { name: 'candidate', version: 'v2', weight: 10 }] };

function problemsOf(spec: DeploymentSpecInput): { field: string; value: unknown }[] {
  try {
    resolveDeploymentSpec(spec);
  } catch (error) {
    if (error instanceof InputValidationError) return error.problems.map((p) => ({ field: p.field, value: p.value }));
    throw error;
  }
  return [];
}

describe('GIVEN a 90/10 A/B test on a real-time endpoint (4 instances planned)', () => {
  const d = describeSageMakerEndpoint(planFor('realtime', { scaling: { minReplicas: 4 }, rollout: AB }));

  test('THEN each arm is a production variant whose weight is its share of the requests, and there is no shadow', () => {
    expect(d.productionVariants.map((v) => [v.name, v.modelId, v.initialVariantWeight])).toEqual([['control', 'variant-control', 0.9], ['candidate', 'variant-candidate', 0.1]]);
    expect(d.shadowVariants).toEqual([]);
  });

  test('THEN each arm serves its own model: the control the spec’s artifacts, the candidate its version’s key', () => {
    expect(d.models.map((m) => [m.id, m.artifacts.location.key])).toEqual([['variant-control', 'models/fraud-xgboost/model.tar.gz'], ['variant-candidate', 'models/fraud-xgboost/v2/model.tar.gz']]);
  });

  test('THEN each arm is sized and scaled for its share (90 % of 4 instances is 4, 10 % still one)', () => {
    expect(d.productionVariants.map((v) => v.initialInstanceCount)).toEqual([4, 1]);
    expect(d.autoscaling.map((a) => [a.variantName, a.minCapacity])).toEqual([['control', 4], ['candidate', 1]]);
  });

  test('THEN every arm has its own rollback and health alarms on its EndpointName + VariantName metrics', () => {
    for (const variant of ['control', 'candidate']) {
      for (const metric of ['ModelLatency', 'Invocation5XXErrors', 'InvocationModelErrors', 'OverheadLatency', 'CPUUtilization']) {
        const alarm = d.alarms.find((a) => a.metricNames[0] === metric && a.dimensions.VariantName === variant);
        expect(alarm).toMatchObject({ dimensions: { EndpointName: 'tabular', VariantName: variant } });
        expect(alarm!.name).toMatch(new RegExp(`^tabular-${variant}-`));
      }
    }
    expect(new Set(d.alarms.map((a) => a.name)).size).toBe(d.alarms.length);
    expect(d.deployment!.rollbackAlarmNames).toEqual(['tabular-control-latency-p95', 'tabular-control-errors-5xx', 'tabular-control-model-errors', 'tabular-candidate-latency-p95', 'tabular-candidate-errors-5xx', 'tabular-candidate-model-errors']);
  });

  test('THEN the dashboard plots Invocations, Invocation5XXErrors and ModelLatency of each arm side by side', () => {
    const plotted = d.dashboard!.widgets.flatMap((w) => w.metrics).map((m) => `${m.metricName}/${m.dimensions.VariantName}`);
    for (const variant of ['control', 'candidate']) {
      expect(plotted).toEqual(expect.arrayContaining([`Invocations/${variant}`, `Invocation5XXErrors/${variant}`, `ModelLatency/${variant}`]));
    }
  });

  test('THEN a multi-variant update is blue/green all at once (rolling updates exclude multi-variant endpoints)', () => {
    expect(d.deployment).toMatchObject({ kind: 'blue-green', trafficRouting: { type: 'ALL_AT_ONCE' } });
  });
});

test('GIVEN the 90/10 description WHEN CDK renders it THEN the endpoint config has both variants with their weights and models, and an alarm per arm', () => {
  // aws-cdk-lib's built-in template validation (warnings only, seconds per app) is left to `aimd synth`.
  const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Ab', { env: { account: '123456789012', region: 'us-east-1' } });
  new SageMakerModelEndpoint(stack, 'Endpoint', { description: describeSageMakerEndpoint(planFor('realtime', { rollout: AB })) });
  const template = Template.fromStack(stack);
  const [config] = Object.values(template.findResources('AWS::SageMaker::EndpointConfig')) as { Properties: { ProductionVariants: { VariantName: string; InitialVariantWeight: number; ModelName: unknown }[] } }[];
  expect(config!.Properties.ProductionVariants.map((v) => [v.VariantName, v.InitialVariantWeight])).toEqual([['control', 0.9], ['candidate', 0.1]]);
  expect(new Set(config!.Properties.ProductionVariants.map((v) => JSON.stringify(v.ModelName))).size).toBe(2);
  template.resourceCountIs('AWS::SageMaker::Model', 2);
  for (const variant of ['control', 'candidate']) {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `tabular-${variant}-errors-5xx`, Dimensions: [{ Name: 'EndpointName', Value: 'tabular' }, { Name: 'VariantName', Value: variant }] });
  }
});

test('GIVEN an arm with its own artifactUri THEN its model loads from that bucket', () => {
  const d = describeSageMakerEndpoint(planFor('realtime', { rollout: { strategy: 'ab', variants: [{ name: 'a', weight: 50 }, { name: 'b', artifactUri: 's3://team-models/fraud/v3/model.tar.gz', weight: 50 }] } }));
  expect(d.models[1]!.artifacts.location).toEqual({ bucket: { external: 'team-models' }, key: 'fraud/v3/model.tar.gz' });
});

describe('validation', () => {
  const base: DeploymentSpecInput = { name: 'tabular', model: { id: 'fraud-xgboost', task: 'tabular' }, runtime: { engine: 'xgboost' }, target: { kind: 'sagemaker', mode: 'realtime', instanceType: 'ml.m7i.xlarge' } };

  test('GIVEN weights that do not sum to 100, a duplicate name and a bad weight THEN every problem is named at once', () => {
    expect(problemsOf({ ...base, rollout: { strategy: 'ab', variants: [{ name: 'a', weight: 60 }, { name: 'a', weight: 30 }] } })).toEqual([
      { field: 'rollout.variants[1].name', value: 'a' },
      { field: 'rollout.variants', value: '60 + 30' },
    ]);
    expect(problemsOf({ ...base, rollout: { strategy: 'ab', variants: [{ name: 'a', weight: 100 }, { name: 'b_2', weight: 0 }] } }).map((p) => p.field))
      .toEqual(['rollout.variants[0].weight', 'rollout.variants[1].name', 'rollout.variants[1].weight']);
  });

  test('GIVEN one variant, variants without ab, or ab outside SageMaker THEN each is refused with its field', () => {
    expect(problemsOf({ ...base, rollout: { strategy: 'ab', variants: [{ name: 'a', weight: 100 }] } }).map((p) => p.field)).toEqual(['rollout.variants']);
    expect(problemsOf({ ...base, rollout: { strategy: 'canary', variants: AB.variants } }).map((p) => p.field)).toEqual(['rollout.variants']);
    expect(problemsOf({ ...base, target: { kind: 'lambda' }, runtime: { engine: 'onnxruntime' }, model: { id: 'm', task: 'tabular', artifact: { uri: 's3://b/m.onnx' } }, rollout: AB }))
      .toEqual(expect.arrayContaining([{ field: 'rollout.strategy', value: 'ab' }]));
  });

  test('GIVEN ab on a serverless endpoint THEN the SageMaker check refuses it (real-time only)', () => {
    expect(() => describeSageMakerEndpoint(planFor('serverless', { rollout: AB }))).toThrow(/rollout.strategy[\s\S]*real-time endpoints only/);
  });
});
