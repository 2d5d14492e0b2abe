/** `disasterRecovery` in a spec: a supported standby region other than the primary, optional Route 53 failover. */
import { InputValidationError } from '../../lib/errors';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { SERVERLESS_ONNX } from '../../blueprints/serverless';

const base = SERVERLESS_ONNX.spec as DeploymentSpecInput;

function problemsOf(input: unknown) {
  try {
    resolveDeploymentSpec(input);
  } catch (error) {
    if (error instanceof InputValidationError) return error.problems.map((p) => ({ field: p.field, value: p.value, fix: p.fix }));
    throw error;
  }
  return [];
}

test('GIVEN a standby region WHEN resolved THEN buckets replicate by default and no failover is assumed', () => {
  expect(resolveDeploymentSpec({ ...base, disasterRecovery: { standbyRegion: 'us-west-2' } }).disasterRecovery).toEqual({ standbyRegion: 'us-west-2', replicateBuckets: true });
});

test('GIVEN no disasterRecovery WHEN resolved THEN the spec stays single-region', () => {
  expect(resolveDeploymentSpec(base).disasterRecovery).toBeUndefined();
});

test('GIVEN failover WHEN resolved THEN domain and hosted zone are kept', () => {
  const failover = { domainName: 'predict.example.com', hostedZoneId: 'Z0123456789ABC' };
  expect(resolveDeploymentSpec({ ...base, disasterRecovery: { standbyRegion: 'eu-west-1', replicateBuckets: false, failover } }).disasterRecovery)
    .toEqual({ standbyRegion: 'eu-west-1', replicateBuckets: false, failover });
});

test('GIVEN the standby region equals the primary WHEN resolved THEN the problem names the field, the value and another region', () => {
  expect(problemsOf({ ...base, region: 'us-east-1', disasterRecovery: { standbyRegion: 'us-east-1' } }))
    .toEqual([{ field: 'disasterRecovery.standbyRegion', value: 'us-east-1', fix: expect.stringMatching(/another supported region, e\.g\. us-east-2/) }]);
});

test('GIVEN an unsupported standby region, a bad domain, a bad zone id and an unknown key WHEN resolved THEN every problem is reported at once', () => {
  const fields = problemsOf({ ...base, disasterRecovery: { standbyRegion: 'mars-north-1', replicate: true, failover: { domainName: 'Not A Domain', hostedZoneId: 'abc' } } }).map((p) => p.field);
  expect(fields).toEqual(expect.arrayContaining(['disasterRecovery.replicate', 'disasterRecovery.standbyRegion', 'disasterRecovery.failover.domainName', 'disasterRecovery.failover.hostedZoneId']));
  expect(fields).toHaveLength(4);
});
