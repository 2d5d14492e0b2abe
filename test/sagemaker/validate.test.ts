/**
 * What SageMaker supports per mode, checked before anything is rendered: serverless ranges and
 * exclusions, scale to zero, shadow variants, guardrail timing, payload limits. Every problem is
 * reported at once with the field, the value and the fix.
 */
import * as fc from 'fast-check';
import { InputValidationError, ProblemCollector } from '../../lib/errors';
import { checkServerlessConfig, validateSageMakerPlan } from '../../lib/sagemaker/validate';
import { planFor, withSpec } from './support/plans';

function serverlessProblems(memorySizeInMb: number, maxConcurrency: number, provisionedConcurrency = 0) {
  const p = new ProblemCollector();
  checkServerlessConfig(p, { memorySizeInMb, maxConcurrency, provisionedConcurrency });
  return p.list();
}

describe('serverless ranges', () => {
  test('GIVEN 1024-6144 MB in 1 GB steps and 1-200 concurrency THEN there is no problem', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 200 }), (gb, max) => serverlessProblems(gb * 1024, max).length === 0));
  });

  test('GIVEN memory that is not a whole GB between 1 and 6 GB THEN the problem names the field, value and the sizes to use', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }).filter((mb) => mb % 1024 !== 0 || mb > 6144), (mb) => {
      const [problem] = serverlessProblems(mb, 5);
      return problem?.field === 'target.serverlessMemoryMb' && problem.value === mb && /1024, 2048, 3072, 4096, 5120, 6144/.test(problem.fix);
    }));
    expect(serverlessProblems(2500, 5)[0]!.fix).toMatch(/nearest: 2048/);
  });

  test('GIVEN max concurrency outside 1-200 THEN the problem says so and how to fix it', () => {
    for (const max of [0, 201, 2.5]) {
      expect(serverlessProblems(2048, max)).toEqual([expect.objectContaining({ field: 'target.serverlessMaxConcurrency', value: max, message: expect.stringMatching(/from 1 to 200/) })]);
    }
  });

  test('GIVEN provisioned concurrency above the max concurrency THEN the problem names both values', () => {
    expect(serverlessProblems(2048, 10, 20)).toEqual([expect.objectContaining({ field: 'target.serverlessProvisionedConcurrency', value: 20, message: expect.stringMatching(/serverlessMaxConcurrency \(10\)/) })]);
  });

  test('GIVEN several bad values THEN all are reported in one error', () => {
    const plan = withSpec(planFor('serverless'), (s) => ({ ...s, target: { ...s.target, serverlessMemoryMb: 7000, serverlessMaxConcurrency: 500 } }));
    const error = (() => { try { validateSageMakerPlan(plan); } catch (e) { return e as InputValidationError; } throw new Error('no error'); })();
    expect(error.problems.map((p) => p.field)).toEqual(['target.serverlessMemoryMb', 'target.serverlessMaxConcurrency']);
    expect(error.message).toMatch(/has 2 problems/);
  });

  test('GIVEN the spec itself WHEN memory is off the 1 GB grid THEN spec resolution already rejects it', () => {
    expect(() => planFor('serverless', { target: { serverlessMemoryMb: 1536 } })).toThrow(/target.serverlessMemoryMb \(1536\).*1024-6144 MB in 1024 MB steps/);
  });
});

describe('serverless exclusions', () => {
  test('GIVEN data capture, drift detection or network isolation on serverless THEN each is rejected with its fix', () => {
    const plan = withSpec(planFor('serverless'), (s) => ({ ...s, monitoring: { ...s.monitoring, dataCapture: { enabled: true, samplingPercent: 10 }, driftDetection: true }, security: { ...s.security, networkIsolation: true } }));
    expect(() => validateSageMakerPlan(plan, { monitoredFeatures: ['x'] })).toThrow(/monitoring.dataCapture.enabled \(true\): Serverless Inference does not support it[\s\S]*monitoring.driftDetection[\s\S]*security.networkIsolation \(true\)[\s\S]*Fix: set security.networkIsolation to false/);
  });
});

describe('mode rules', () => {
  test('GIVEN scale to zero on a real-time endpoint THEN it points to async', () => {
    expect(() => validateSageMakerPlan(planFor('realtime', { scaling: { minReplicas: 0, scaleToZero: true } }))).toThrow(/scaling.scaleToZero \(true\): scaling to zero instances is only possible for asynchronous endpoints.*Fix: use mode 'async'/);
  });

  test('GIVEN scale to zero on an async endpoint THEN it is accepted', () => {
    expect(() => validateSageMakerPlan(planFor('async'))).not.toThrow();
  });

  test('GIVEN a shadow rollout without the next model THEN shadowModel is asked for; WITH one on a canary rollout THEN it is refused', () => {
    expect(() => validateSageMakerPlan(planFor('realtime', { rollout: { strategy: 'shadow' } }))).toThrow(/shadowModel \(undefined\).*needs the next model version.*Fix: pass shadowModel/);
    expect(() => validateSageMakerPlan(planFor('realtime'), { shadowModel: { version: 'v2' } })).toThrow(/shadowModel \('v2'\): is only used with rollout.strategy 'shadow'/);
  });

  test('GIVEN a canary step longer than SageMaker allows THEN the interval is named with the maximum', () => {
    expect(() => validateSageMakerPlan(planFor('realtime', { rollout: { strategy: 'canary', intervalMinutes: 90 } }))).toThrow(/rollout.intervalMinutes \(90\): is 5400 s.*at most 3600 s.*Fix: use at most 60 minutes/);
  });

  test('GIVEN a 50 MB payload on a real-time endpoint THEN async is suggested', () => {
    expect(() => validateSageMakerPlan(planFor('realtime', { traffic: { maxPayloadKb: 51_200 } }))).toThrow(/traffic.maxPayloadKb \(51200\): exceeds the realtime invocation limit of 6144 KB.*Fix: use mode 'async'/);
  });

  test('GIVEN an LLM engine on a multi-model endpoint THEN it is refused', () => {
    const plan = withSpec(planFor('multi-model'), (s) => ({ ...s, runtime: { ...s.runtime, engine: 'tgi' } }));
    expect(() => validateSageMakerPlan(plan)).toThrow(/runtime.engine \('tgi'\): multi-model endpoints load many small models/);
  });

  test('GIVEN drift detection without capture or features THEN both prerequisites are named', () => {
    const plan = planFor('realtime', { monitoring: { driftDetection: true, dataCapture: { enabled: false } } });
    expect(() => validateSageMakerPlan(plan)).toThrow(/data capture is off[\s\S]*monitoredFeatures/);
  });

  test('GIVEN a Hub URI for the artifacts THEN S3 is asked for', () => {
    expect(() => validateSageMakerPlan(planFor('realtime', { model: { id: 'fraud-xgboost', artifact: { uri: 'hf://org/model' } } }))).toThrow(/model.artifact.uri \('hf:\/\/org\/model'\): SageMaker models load their artifacts from S3/);
  });

  test('GIVEN a non-SageMaker target THEN the target kind is named', () => {
    const plan = withSpec(planFor('realtime'), (s) => ({ ...s, target: { kind: 'lambda' } }));
    expect(() => validateSageMakerPlan(plan)).toThrow(/target.kind \('lambda'\)/);
  });
});
