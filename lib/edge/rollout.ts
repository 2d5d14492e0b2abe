/**
 * How a release reaches devices: the spec's rollout strategy turned into IoT job settings, and the
 * components every deployment carries (the inference component, pinned, and the log manager that uploads
 * its log to CloudWatch Logs).
 *
 * Strategy mapping (a thing group is the unit a deployment targets, so "canary" means a canary group):
 * - `canary`: the candidate goes to the canary group (abort on the first failure); the fleet group ramps
 *   up exponentially from a few devices per minute, raising the rate as devices succeed;
 * - `linear`: the fleet group at a constant rate (`baseRatePerMinute` devices per minute);
 * - `all-at-once`: as fast as IoT jobs allow (1000 devices per minute).
 * Every deployment cancels when too many devices fail, and failed devices roll back by themselves
 * (`failureHandlingPolicy: ROLLBACK`).
 */
import type { RolloutStrategy } from '../spec/types';
import type { AbortCriterion, DeployedComponent, FleetDeployment } from './deployment';

export interface EdgeRolloutOptions {
  /** Devices notified per minute when a fleet rollout starts (and the constant rate of `linear`). @default 5 */
  readonly baseRatePerMinute: number;
  /** Rate multiplier of an exponential (`canary`) rollout. @default 2 */
  readonly incrementFactor: number;
  /** Succeeded devices before the rate is raised. @default 10 */
  readonly succeededThingsToIncrease: number;
  /** Cap of devices notified per minute. @default 50 */
  readonly maximumPerMinute: number;
  /** Cancel the fleet rollout when this share of devices failed, percent. @default 10 */
  readonly abortFailedPercent: number;
  /** ... counted once this many devices received it. @default 10 */
  readonly abortMinExecutedThings: number;
  /** Cancel when this share of devices timed out, percent. @default 20 */
  readonly abortTimedOutPercent: number;
  /** Minutes a device may take to apply the deployment. @default 60 */
  readonly inProgressTimeoutMinutes: number;
  /** Seconds a component may defer an update. Greengrass' own default is 60 (create-deployments page, read 2026-11). @default 60 */
  readonly componentUpdateTimeoutSeconds: number;
  /** Seconds a component may take to validate a configuration update. Greengrass' default is 30 (same page). @default 30 */
  readonly configurationValidationTimeoutSeconds: number;
}

export const DEFAULT_EDGE_ROLLOUT: EdgeRolloutOptions = {
  baseRatePerMinute: 5,
  incrementFactor: 2,
  succeededThingsToIncrease: 10,
  maximumPerMinute: 50,
  abortFailedPercent: 10,
  abortMinExecutedThings: 10,
  abortTimedOutPercent: 20,
  inProgressTimeoutMinutes: 60,
  componentUpdateTimeoutSeconds: 60,
  configurationValidationTimeoutSeconds: 30,
};

/** IoT jobs notify at most 1000 devices per minute (IoT API, JobExecutionsRolloutConfig.maximumPerMinute, read 2026-11). */
export const MAX_DEVICES_PER_MINUTE = 1000;

/**
 * The log manager version deployed with the component. AWS recommends 2.3.5 or later
 * (log-manager-component page, read 2026-11); 2.3.7 is the version the terraform-provider-awscc
 * greengrassv2_deployment example deploys (docs/resources, read 2026-11).
 */
export const LOG_MANAGER_VERSION = '2.3.7';

/** Log manager configuration: upload the component's log (and system warnings) to CloudWatch Logs. */
export function logManagerConfiguration(componentName: string): Record<string, unknown> {
  return {
    logsUploaderConfiguration: {
      systemLogsConfiguration: { uploadToCloudWatch: 'true', minimumLogLevel: 'WARN', diskSpaceLimit: '10', diskSpaceLimitUnit: 'MB' },
      componentLogsConfigurationMap: { [componentName]: { minimumLogLevel: 'INFO', diskSpaceLimit: '10', diskSpaceLimitUnit: 'MB' } },
    },
    periodicUploadIntervalSec: '300',
  };
}

export interface FleetDeploymentInput {
  readonly deploymentName: string;
  readonly thingGroupName: string;
  readonly componentName: string;
  readonly componentVersion: string;
  readonly strategy: RolloutStrategy;
  /** The canary group's deployment: all at once, cancelled on the first failure. */
  readonly canary: boolean;
  readonly overrides: Partial<EdgeRolloutOptions>;
}

export function fleetDeployment(input: FleetDeploymentInput): FleetDeployment {
  const o = { ...DEFAULT_EDGE_ROLLOUT, ...input.overrides };
  const components: Record<string, DeployedComponent> = {
    [input.componentName]: { componentVersion: input.componentVersion },
    'aws.greengrass.LogManager': { componentVersion: LOG_MANAGER_VERSION, configurationUpdate: { merge: logManagerConfiguration(input.componentName) } },
  };
  let rollout: FleetDeployment['rollout'];
  let abortCriteria: AbortCriterion[];
  if (input.canary) {
    // A canary group is small: reach it at once and stop at the first failed device.
    rollout = { maximumPerMinute: MAX_DEVICES_PER_MINUTE };
    abortCriteria = [{ failureType: 'FAILED', thresholdPercentage: 1, minNumberOfExecutedThings: 1 }];
  } else {
    rollout = input.strategy === 'all-at-once'
      ? { maximumPerMinute: MAX_DEVICES_PER_MINUTE }
      : input.strategy === 'linear'
        ? { maximumPerMinute: o.baseRatePerMinute }
        : { exponentialRate: { baseRatePerMinute: o.baseRatePerMinute, incrementFactor: o.incrementFactor, numberOfSucceededThings: o.succeededThingsToIncrease }, maximumPerMinute: o.maximumPerMinute };
    abortCriteria = [
      { failureType: 'FAILED', thresholdPercentage: o.abortFailedPercent, minNumberOfExecutedThings: o.abortMinExecutedThings },
      { failureType: 'TIMED_OUT', thresholdPercentage: o.abortTimedOutPercent, minNumberOfExecutedThings: o.abortMinExecutedThings },
    ];
  }
  return {
    deploymentName: input.deploymentName,
    thingGroupName: input.thingGroupName,
    components,
    failureHandlingPolicy: 'ROLLBACK',
    componentUpdatePolicy: { action: 'NOTIFY_COMPONENTS', timeoutInSeconds: o.componentUpdateTimeoutSeconds },
    configurationValidationTimeoutSeconds: o.configurationValidationTimeoutSeconds,
    rollout,
    abortCriteria,
    inProgressTimeoutMinutes: o.inProgressTimeoutMinutes,
  };
}
