/**
 * Planning an edge fleet: what the engines get from a spec and the releases, and the mistakes that are
 * refused before any engine runs (each listed with its field and fix).
 */
import { EDGE_GREENGRASS_FLEET, EDGE_GREENGRASS_SPEC } from '../../blueprints/edge/edge-greengrass';
import { EdgeFleetOptions, planEdgeFleet } from '../../lib/edge/fleet-plan';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { DeploymentSpecInput } from '../../lib/spec/types';

const plan = (spec: Partial<DeploymentSpecInput> = {}) => planDeployment(resolveDeploymentSpec({ ...EDGE_GREENGRASS_SPEC, ...spec }));
const fleet = (options: Partial<EdgeFleetOptions> = {}, spec: Partial<DeploymentSpecInput> = {}) => planEdgeFleet(plan(spec), { ...EDGE_GREENGRASS_FLEET, ...options });
const problems = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a validation error');
};

describe('edge fleet plan', () => {
  const planned = fleet();

  test('THEN releases are published in version order with content-addressed artifact keys', () => {
    expect(planned.releases.map((r) => [r.componentVersion, r.modelVersion, r.threshold])).toEqual([['1.0.0', 'zscore-2026.10', 3], ['1.1.0', 'zscore-2026.11', 3.5]]);
    for (const r of planned.releases) {
      expect(r.artifacts.keyPrefix).toMatch(new RegExp(`^greengrass/aimd\\.edge\\.SensorAnomaly/${r.componentVersion.replace(/\./g, '\\.')}/[0-9a-f]{16}/$`));
      expect(r.artifacts.appArchive.key.startsWith(planned.artifactPrefix)).toBe(true);
    }
    expect(planned.releases[0]!.artifacts.appArchive.sha256).toBe(planned.releases[1]!.artifacts.appArchive.sha256);
    expect(planned.releases[0]!.artifacts.model.sha256).not.toBe(planned.releases[1]!.artifacts.model.sha256);
  });

  test('THEN the fleet group is pinned to 1.0.0 and the canary group to 1.1.0', () => {
    expect(planned.thingGroups).toEqual({ fleet: 'edge-greengrass-sensors', canary: 'edge-greengrass-sensors-canary' });
    expect(planned.deployments.fleet.components['aimd.edge.SensorAnomaly']).toEqual({ componentVersion: '1.0.0' });
    expect(planned.deployments.canary!.components['aimd.edge.SensorAnomaly']).toEqual({ componentVersion: '1.1.0' });
  });

  test('THEN names, topics and the device scope come from the spec name', () => {
    expect(planned).toMatchObject({
      componentName: 'aimd.edge.SensorAnomaly', platforms: ['linux/x86_64', 'linux/aarch64'], thingNamePrefix: 'edge-greengrass-',
      tokenExchangeRoleName: 'edge-greengrass-gg-token-exchange', roleAliasName: 'edge-greengrass-gg-token-exchange-alias', iotPolicyName: 'edge-greengrass-gg-core-device',
      topics: { input: 'aimd/edge-greengrass/readings', output: 'aimd/edge-greengrass/results', errors: 'aimd/edge-greengrass/errors', health: 'aimd/edge-greengrass/health' },
      logRetentionDays: 30, kmsKey: 'create', dashboard: true,
    });
  });

  test('GIVEN no component name THEN one is derived from the spec name', () => {
    expect(fleet({ componentName: undefined }).componentName).toBe('aimd.EdgeGreengrass');
  });

  test('GIVEN a rollback to a version that left the code but is retained THEN the fleet deploys it and the canary keeps its candidate', () => {
    const rolledBack = fleet({ fleetVersion: '0.9.0', retainedVersions: ['0.9.0'] });
    expect(rolledBack.deployments.fleet.components['aimd.edge.SensorAnomaly']!.componentVersion).toBe('0.9.0');
    expect(rolledBack.releases.map((r) => r.componentVersion)).toEqual(['1.0.0', '1.1.0']);
  });

  test('GIVEN a promotion THEN the fleet runs 1.1.0 and there is no canary', () => {
    const promoted = fleet({ fleetVersion: '1.1.0', canary: undefined });
    expect(promoted.deployments.fleet.components['aimd.edge.SensorAnomaly']!.componentVersion).toBe('1.1.0');
    expect(promoted.deployments.canary).toBeUndefined();
    expect(promoted.thingGroups).toEqual({ fleet: 'edge-greengrass-sensors' });
  });

  test('GIVEN the linear strategy THEN the fleet rolls out at a constant rate', () => {
    expect(fleet({}, { rollout: { strategy: 'linear' } }).deployments.fleet.rollout).toEqual({ maximumPerMinute: 5 });
  });
});

describe('edge fleet plan mistakes', () => {
  test('GIVEN a spec that is not a Greengrass target THEN it is refused', () => {
    expect(problems(() => fleet({}, { target: { kind: 'lambda' } }))).toMatch(/target\.kind \('lambda'\): must be greengrass/);
  });

  test('GIVEN many mistakes at once THEN every one is listed with its fix', () => {
    const message = problems(() => fleet(
      {
        releases: [...EDGE_GREENGRASS_FLEET.releases, { ...EDGE_GREENGRASS_FLEET.releases[0]!, threshold: Number.NaN, modelVersion: ' ' }],
        fleetVersion: '2.0.0',
        canary: { thingGroupName: 'edge-greengrass-sensors', componentVersion: '0.1.0' },
      },
      { runtime: { engine: 'sklearn', version: '1.5.0' }, rollout: { strategy: 'shadow' }, monitoring: { logRetentionDays: 30, dataCapture: { enabled: false }, driftDetection: true } },
    ));
    for (const fragment of [
      /runtime\.engine \('sklearn'\): must be onnxruntime/,
      /runtime\.version \('1\.5\.0'\): differs from the onnxruntime-web 1\.30\.0 the edge app bundles/,
      /rollout\.strategy \('shadow'\): has no meaning for devices/,
      /releases\[2\]\.componentVersion \('1\.0\.0'\): is published twice/,
      /releases\[2\]\.modelVersion \(' '\): is required/,
      /releases\[2\]\.threshold \((NaN|null)\): must be a finite number/,
      /fleetVersion \('2\.0\.0'\): is neither a release nor a retained version \(1\.0\.0, 1\.1\.0\)/,
      /canary\.componentVersion \('0\.1\.0'\): is not a release/,
      /canary\.componentVersion \('0\.1\.0'\): is older than the fleet's 2\.0\.0/,
      /canary\.thingGroupName \('edge-greengrass-sensors'\): is the fleet group/,
      /monitoring\.driftDetection \(true\): the drift job compares the records devices capture with the baseline, but data capture is off.*set monitoring\.dataCapture\.enabled to true/,
    ]) expect(message).toMatch(fragment);
    expect(message).toMatch(/^Edge fleet 'edge-greengrass' has 11 problems/);
  });

  test('GIVEN rollout settings outside the API limits THEN the deployment problems name the deployment and field', () => {
    const message = problems(() => fleet({ rollout: { baseRatePerMinute: 0, incrementFactor: 7, abortFailedPercent: 101 } }));
    expect(message).toMatch(/deployments\.fleet\.rollout\.exponentialRate\.baseRatePerMinute \(0\)/);
    expect(message).toMatch(/deployments\.fleet\.rollout\.exponentialRate\.incrementFactor \(7\)/);
    expect(message).toMatch(/deployments\.fleet\.abortCriteria\[0\]\.thresholdPercentage \(101\)/);
  });

  test('GIVEN topics the recipe cannot authorize THEN the recipe problems are reported per version', () => {
    const message = problems(() => fleet({ topics: { input: 'sensors/#' } }));
    expect(message).toMatch(/recipe 1\.0\.0: ComponentConfiguration\.DefaultConfiguration\.accessControl.*pubsub:1\.resources \('sensors\/#'\): uses an MQTT wildcard/);
    expect(message).toMatch(/recipe 1\.1\.0: /);
  });

  test('GIVEN a component name under aws.greengrass THEN it is refused (it would replace an AWS component)', () => {
    expect(problems(() => fleet({ componentName: 'aws.greengrass.Anomaly' }))).toMatch(/ComponentName \('aws\.greengrass\.Anomaly'\): uses the aws\.greengrass prefix/);
  });
});
