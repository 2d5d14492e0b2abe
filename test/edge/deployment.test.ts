/**
 * Fleet deployments: the rollout each strategy gets, abort criteria, API limits, and rollback by
 * redeploying the previous component version.
 */
import fc from 'fast-check';
import { assertValidFleetDeployment, FleetDeployment, rollbackDeployment, thingGroupArn, toCreateDeploymentRequest, validateFleetDeployment } from '../../lib/edge/deployment';
import { DEFAULT_EDGE_ROLLOUT, fleetDeployment, LOG_MANAGER_VERSION } from '../../lib/edge/rollout';

const base = { deploymentName: 'edge-fleet', thingGroupName: 'sensors', componentName: 'aimd.SensorAnomaly', componentVersion: '1.0.0', canary: false, overrides: {} };

describe('fleet deployment by strategy', () => {
  test('GIVEN canary THEN the fleet ramps up exponentially and aborts on failures and timeouts', () => {
    const d = fleetDeployment({ ...base, strategy: 'canary' });
    expect(d.rollout).toEqual({ exponentialRate: { baseRatePerMinute: 5, incrementFactor: 2, numberOfSucceededThings: 10 }, maximumPerMinute: 50 });
    expect(d.abortCriteria).toEqual([
      { failureType: 'FAILED', thresholdPercentage: 10, minNumberOfExecutedThings: 10 },
      { failureType: 'TIMED_OUT', thresholdPercentage: 20, minNumberOfExecutedThings: 10 },
    ]);
    expect(d).toMatchObject({ failureHandlingPolicy: 'ROLLBACK', inProgressTimeoutMinutes: 60, componentUpdatePolicy: { action: 'NOTIFY_COMPONENTS', timeoutInSeconds: 60 } });
    expect(validateFleetDeployment(d)).toEqual([]);
  });

  test('GIVEN the canary group THEN it gets the whole group at once and cancels on the first failed device', () => {
    const d = fleetDeployment({ ...base, strategy: 'canary', canary: true });
    expect(d.rollout).toEqual({ maximumPerMinute: 1000 });
    expect(d.abortCriteria).toEqual([{ failureType: 'FAILED', thresholdPercentage: 1, minNumberOfExecutedThings: 1 }]);
  });

  test.each([
    ['linear', { maximumPerMinute: 5 }],
    ['all-at-once', { maximumPerMinute: 1000 }],
  ] as const)('GIVEN %s THEN the rollout is %j', (strategy, rollout) => {
    expect(fleetDeployment({ ...base, strategy }).rollout).toEqual(rollout);
  });

  test('THEN the component is pinned and the log manager uploads its log', () => {
    const d = fleetDeployment({ ...base, strategy: 'canary' });
    expect(d.components['aimd.SensorAnomaly']).toEqual({ componentVersion: '1.0.0' });
    expect(d.components['aws.greengrass.LogManager']).toEqual({
      componentVersion: LOG_MANAGER_VERSION,
      configurationUpdate: { merge: expect.objectContaining({ logsUploaderConfiguration: expect.objectContaining({ componentLogsConfigurationMap: { 'aimd.SensorAnomaly': expect.any(Object) } }) }) },
    });
  });
});

describe('deployment limits', () => {
  test('GIVEN values outside the API limits THEN every one is reported', () => {
    const bad: FleetDeployment = {
      ...fleetDeployment({ ...base, strategy: 'canary', overrides: { baseRatePerMinute: 2000, incrementFactor: 1.55, maximumPerMinute: 0, abortFailedPercent: 150, inProgressTimeoutMinutes: 20_000, componentUpdateTimeoutSeconds: 0 } }),
      thingGroupName: 'bad group!',
      components: { x: { componentVersion: 'latest' } },
    };
    expect(validateFleetDeployment(bad).map((p) => p.field)).toEqual([
      'deployment.thingGroupName',
      'deployment.components.x.componentVersion',
      'deployment.componentUpdatePolicy.timeoutInSeconds',
      'deployment.rollout.exponentialRate.baseRatePerMinute',
      'deployment.rollout.exponentialRate.incrementFactor',
      'deployment.rollout.exponentialRate.baseRatePerMinute',
      'deployment.rollout.maximumPerMinute',
      'deployment.abortCriteria[0].thresholdPercentage',
      'deployment.inProgressTimeoutMinutes',
    ]);
    expect(() => assertValidFleetDeployment(bad)).toThrow(/^Greengrass deployment 'edge-fleet' has 9 problems/);
  });

  test('GIVEN no abort criteria THEN the deployment is refused: a bad release would reach every device', () => {
    const d = { ...fleetDeployment({ ...base, strategy: 'canary' }), abortCriteria: [] };
    expect(validateFleetDeployment(d)).toEqual([expect.objectContaining({ field: 'deployment.abortCriteria', message: expect.stringMatching(/whole fleet/) })]);
  });

  test('PROPERTY any rollout within the documented ranges validates', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 10, max: 50 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 10_080 }),
      (base10, factor10, max, threshold100, timeout) => {
        const d = fleetDeployment({
          ...base, strategy: 'canary',
          overrides: { baseRatePerMinute: Math.min(base10, max), incrementFactor: factor10 / 10, maximumPerMinute: max, abortFailedPercent: threshold100 / 100, inProgressTimeoutMinutes: timeout },
        });
        return validateFleetDeployment(d).length === 0;
      },
    ));
  });
});

describe('rollback', () => {
  const current = fleetDeployment({ ...base, componentVersion: '1.1.0', strategy: 'canary' });

  test('GIVEN version 1.1.0 deployed WHEN rolling back to 1.0.0 THEN only the component version changes', () => {
    const rolledBack = rollbackDeployment(current, 'aimd.SensorAnomaly', '1.0.0');
    expect(rolledBack.components['aimd.SensorAnomaly']).toEqual({ componentVersion: '1.0.0' });
    expect(rolledBack.components['aws.greengrass.LogManager']).toEqual(current.components['aws.greengrass.LogManager']);
    expect({ ...rolledBack, components: {}, deploymentName: '' }).toEqual({ ...current, components: {}, deploymentName: '' });
    expect(rolledBack.deploymentName).toBe('edge-fleet-rollback-1.0.0');
  });

  test('GIVEN a rollback to the same or a malformed version, or an unknown component THEN it is refused with every reason', () => {
    expect(() => rollbackDeployment(current, 'aimd.SensorAnomaly', '1.1.0')).toThrow(/is the version already deployed/);
    expect(() => rollbackDeployment(current, 'aimd.Other', 'one')).toThrow(/has 2 problems[\s\S]*componentName \('aimd.Other'\): is not deployed[\s\S]*previousVersion \('one'\): must be a semantic version/);
  });

  test('THEN the rollback is a CreateDeployment request the AWS CLI accepts as-is', () => {
    const arn = thingGroupArn('aws', 'eu-west-1', '123456789012', 'sensors');
    const request = toCreateDeploymentRequest(rollbackDeployment(current, 'aimd.SensorAnomaly', '1.0.0'), arn);
    expect(request).toEqual({
      targetArn: 'arn:aws:iot:eu-west-1:123456789012:thinggroup/sensors',
      deploymentName: 'edge-fleet-rollback-1.0.0',
      components: {
        'aimd.SensorAnomaly': { componentVersion: '1.0.0' },
        'aws.greengrass.LogManager': { componentVersion: LOG_MANAGER_VERSION, configurationUpdate: { merge: expect.any(String) } },
      },
      deploymentPolicies: { failureHandlingPolicy: 'ROLLBACK', componentUpdatePolicy: { action: 'NOTIFY_COMPONENTS', timeoutInSeconds: 60 }, configurationValidationPolicy: { timeoutInSeconds: 30 } },
      iotJobConfiguration: {
        jobExecutionsRolloutConfig: { exponentialRate: { baseRatePerMinute: 5, incrementFactor: 2, rateIncreaseCriteria: { numberOfSucceededThings: 10 } }, maximumPerMinute: 50 },
        abortConfig: { criteriaList: [
          { failureType: 'FAILED', action: 'CANCEL', thresholdPercentage: 10, minNumberOfExecutedThings: 10 },
          { failureType: 'TIMED_OUT', action: 'CANCEL', thresholdPercentage: 20, minNumberOfExecutedThings: 10 },
        ] },
        timeoutConfig: { inProgressTimeoutInMinutes: 60 },
      },
    });
    expect(JSON.parse(request.components['aws.greengrass.LogManager']!.configurationUpdate!.merge!)).toHaveProperty('periodicUploadIntervalSec', '300');
  });

  test('THEN the defaults are the documented ones', () => {
    expect(DEFAULT_EDGE_ROLLOUT).toMatchObject({ componentUpdateTimeoutSeconds: 60, configurationValidationTimeoutSeconds: 30 });
  });
});
