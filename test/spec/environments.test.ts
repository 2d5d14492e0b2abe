import { InputValidationError } from '../../lib/errors';
import { applyEnvironment, ENVIRONMENT_TAG, isProductionEnvironment, promotionOrder } from '../../lib/spec/environments';
import { floatingModelReferences } from '../../lib/spec/model-version';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import { resolveForEnvironment } from '../../lib/spec/resolve-environment';
import type { DeploymentSpecInput } from '../../lib/spec/types';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const SHA256 = 'a'.repeat(64);

/** An ONNX model on Lambda, pinned by sha256, with a staging and a production environment. */
const spec: DeploymentSpecInput = {
  name: 'fraud',
  model: { id: 'fraud-classifier', task: 'classification', artifact: { uri: 's3://models-bucket/fraud/model.onnx', sha256: SHA256 } },
  runtime: { engine: 'onnxruntime' },
  target: { kind: 'lambda' },
  scaling: { minReplicas: 1, maxReplicas: 4 },
  monitoring: { alarmEmail: 'team@example.com' },
  tags: { team: 'risk' },
  environments: {
    staging: { account: '111111111111', scaling: { maxReplicas: 2 }, monitoring: { recipients: { emails: ['staging@example.com'] } } },
    prod: { account: '222222222222', region: 'eu-west-1', traffic: { requestsPerSecond: 50 }, tags: { tier: 'gold' },
      monitoring: { recipients: { pagerDutyIntegrationKeySecret: 'fraud/pagerduty', slack: [{ workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' }] } } },
  },
};

function problemsOf(run: () => unknown): InputValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputValidationError) return error;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('applyEnvironment', () => {
  test('GIVEN staging WHEN applied THEN its overrides merge over the spec, the name and tags say the environment, and no copy is needed', () => {
    const { spec: staging, environment } = applyEnvironment(spec, 'staging');
    expect(environment).toEqual({ name: 'staging', production: false });
    expect(staging.name).toBe('fraud-staging');
    expect(staging.account).toBe('111111111111');
    expect(staging.scaling).toEqual({ minReplicas: 1, maxReplicas: 2 });
    expect(staging.tags).toEqual({ team: 'risk', [ENVIRONMENT_TAG]: 'staging' });
    // staging's recipients replace the spec's alarmEmail: each environment names its own on-call.
    expect(staging.monitoring).toEqual({ recipients: { emails: ['staging@example.com'] } });
    expect(staging.environments).toBeUndefined();
    expect(staging.model).toBe(spec.model);
  });

  test('GIVEN prod WHEN applied THEN region, account, traffic and tags are overridden and it is a production environment by its name', () => {
    const { spec: prod, environment } = applyEnvironment(spec, 'prod');
    expect(environment).toEqual({ name: 'prod', production: true });
    expect(prod).toMatchObject({ name: 'fraud-prod', region: 'eu-west-1', account: '222222222222', traffic: { requestsPerSecond: 50 }, tags: { team: 'risk', tier: 'gold', [ENVIRONMENT_TAG]: 'prod' } });
    expect(prod.scaling).toEqual({ minReplicas: 1, maxReplicas: 4 });
  });

  test('GIVEN the spec WHEN applied THEN the spec itself is unchanged (pure)', () => {
    const before = JSON.stringify(spec);
    applyEnvironment(spec, 'prod');
    expect(JSON.stringify(spec)).toBe(before);
  });

  test('GIVEN an undeclared environment THEN it is refused with the declared ones', () => {
    const error = problemsOf(() => applyEnvironment(spec, 'qa'));
    expect(error.problems).toEqual([expect.objectContaining({ field: '--environment', value: 'qa', fix: 'use one of staging, prod' })]);
  });

  test('GIVEN overrides of the model, an unknown key and an unknown scaling key THEN each is refused with field, value and fix', () => {
    const bad = { ...spec, environments: { prod: { model: { id: 'other' }, replicas: 3, scaling: { minReplica: 2 } } } } as unknown as DeploymentSpecInput;
    const error = problemsOf(() => applyEnvironment(bad, 'prod'));
    expect(error.problems.map((p) => p.field)).toEqual(['environments.prod.model', 'environments.prod.replicas', 'environments.prod.scaling.minReplica']);
    expect(error.problems[0]!.message).toMatch(/promotion deploys the same model/);
    expect(error.problems[2]!.fix).toMatch(/minReplicas/);
  });

  test('production is true for prod/production by default and as declared otherwise', () => {
    expect(isProductionEnvironment('prod', undefined)).toBe(true);
    expect(isProductionEnvironment('production', {})).toBe(true);
    expect(isProductionEnvironment('prod', { production: false })).toBe(false);
    expect(isProductionEnvironment('live', { production: true })).toBe(true);
    expect(isProductionEnvironment('staging', {})).toBe(false);
    expect(promotionOrder(spec)).toEqual(['staging', 'prod']);
  });
});

describe('floatingModelReferences', () => {
  test('GIVEN pinned references THEN nothing floats', () => {
    expect(floatingModelReferences(spec)).toEqual([]);
    expect(floatingModelReferences({ model: { artifact: { uri: 'hf://org/model', revision: COMMIT } } })).toEqual([]);
    expect(floatingModelReferences({ model: { artifact: { uri: 's3://b/k.onnx', version: '3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY' } } })).toEqual([]);
    expect(floatingModelReferences({ model: { artifact: { uri: 's3://b/k' } }, runtime: { image: `1.dkr.ecr.us-east-1.amazonaws.com/r@sha256:${SHA256}` } }).map((p) => p.field)).toEqual(['model.artifact.uri']);
  });

  test('GIVEN a Hub artifact on main, no revision, an S3 artifact without version, a latest image or a tag THEN each floats', () => {
    expect(floatingModelReferences({ model: { artifact: { uri: 'hf://org/model', revision: 'main' } } })).toEqual([expect.objectContaining({ field: 'model.artifact.revision', value: 'main' })]);
    expect(floatingModelReferences({ model: { artifact: { uri: 'hf://org/model' } } })[0]!.message).toMatch(/default branch/);
    expect(floatingModelReferences({ model: { artifact: { uri: 's3://b/k.onnx' } } })[0]!.fix).toMatch(/version.*sha256/);
    expect(floatingModelReferences({ model: {} })[0]!.field).toBe('model.artifact.uri');
    const images = ['1.dkr.ecr.us-east-1.amazonaws.com/r:latest', '1.dkr.ecr.us-east-1.amazonaws.com/r:1.2'].map((image) =>
      floatingModelReferences({ model: { artifact: { uri: 'hf://o/m', revision: COMMIT } }, runtime: { image } })[0]!.message);
    expect(images).toEqual(['is the floating tag latest', 'is a tag, which can be pushed again, not a digest']);
  });
});

describe('resolveForEnvironment', () => {
  const floating: DeploymentSpecInput = { ...spec, model: { ...spec.model, artifact: { uri: 's3://models-bucket/fraud/model.onnx' } } };

  test('GIVEN no environment THEN the spec resolves exactly as resolveDeploymentSpec does, without warnings', () => {
    const result = resolveForEnvironment(floating);
    expect(result.spec).toEqual(resolveDeploymentSpec(floating));
    expect(result.warnings).toEqual([]);
    expect(result.spec.environment).toBeUndefined();
  });

  test('GIVEN a floating artifact THEN production refuses it and staging deploys it with a warning', () => {
    const error = problemsOf(() => resolveForEnvironment(floating, 'prod'));
    expect(error.problems).toEqual([expect.objectContaining({ field: 'model.artifact.uri', value: 's3://models-bucket/fraud/model.onnx', message: expect.stringMatching(/production environment 'prod'/) })]);
    const staging = resolveForEnvironment(floating, 'staging');
    expect(staging.spec.name).toBe('fraud-staging');
    expect(staging.warnings.map((w) => w.field)).toEqual(['model.artifact.uri']);
  });

  test('GIVEN prod THEN the resolved spec carries the environment and its recipients, alarmEmail replaced', () => {
    const { spec: prod } = resolveForEnvironment(spec, 'prod');
    expect(prod.environment).toEqual({ name: 'prod', production: true });
    expect(prod.region).toBe('eu-west-1');
    expect(prod.monitoring.recipients).toEqual({ pagerDutyIntegrationKeySecret: 'fraud/pagerduty', slack: [{ workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' }] });
  });

  test('GIVEN an environment value the spec rules refuse THEN the problem names the environment field', () => {
    const bad = { ...spec, environments: { prod: { region: 'mars-1', scaling: { minReplicas: 9 } } } } as DeploymentSpecInput;
    const fields = problemsOf(() => resolveForEnvironment(bad, 'prod')).problems.map((p) => p.field);
    expect(fields).toEqual(['environments.prod.region', 'environments.prod.scaling.minReplicas']);
  });

  test('GIVEN a spec with alarmEmail and recipients THEN alarmEmail is one e-mail recipient, listed once', () => {
    const resolved = resolveDeploymentSpec({ ...spec, environments: undefined, monitoring: { alarmEmail: 'a@example.com', recipients: { emails: ['a@example.com', 'b@example.com'] } } });
    expect(resolved.monitoring.recipients).toEqual({ emails: ['a@example.com', 'b@example.com'] });
  });

  test('GIVEN malformed recipients THEN every one is refused, the PagerDuty key never written in the spec', () => {
    const bad = { ...spec, environments: undefined, monitoring: { recipients: { emails: ['nope'], slack: [{ workspaceId: 'x', channelId: 'C1' }], teams: [{ teamId: 'g', channelId: 'c', tenantId: 't' }], pagerDutyIntegrationKeySecret: 'https://events.pagerduty.com/x', sms: ['1'] } } } as unknown as DeploymentSpecInput;
    const fields = problemsOf(() => resolveDeploymentSpec(bad)).problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['monitoring.recipients.sms', 'monitoring.recipients.emails', 'monitoring.recipients.slack[0].workspaceId',
      'monitoring.recipients.teams[0].teamId', 'monitoring.recipients.teams[0].tenantId', 'monitoring.recipients.teams[0].channelId', 'monitoring.recipients.pagerDutyIntegrationKeySecret']));
    expect(fields).not.toContain('monitoring.recipients.slack[0].channelId');
  });

  test('GIVEN an hf revision on an S3 artifact THEN it is refused', () => {
    const bad = { ...spec, environments: undefined, model: { ...spec.model, artifact: { uri: 's3://b/k.onnx', revision: COMMIT } } };
    expect(problemsOf(() => resolveDeploymentSpec(bad)).problems[0]).toMatchObject({ field: 'model.artifact.revision' });
  });
});
