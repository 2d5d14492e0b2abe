/**
 * The fleet deployment model: which component versions a thing group runs, how the IoT job rolls the
 * deployment out (exponential rate), when it aborts (failure percentage), how long a device may take,
 * and what a device does when it fails (roll back to its previous configuration). Engine-neutral: the
 * CDK, cdktf (awscc) and Pulumi (aws-native) renderers translate this object field by field.
 *
 * Field names and ranges: Greengrass v2 API reference, CreateDeployment and the IoTJob* shapes
 * (read 2026-11); the same shapes back AWS::GreengrassV2::Deployment.
 */
import { InputProblem, InputValidationError, ProblemCollector } from '../errors';
import { isSemanticVersion } from './semver';

export interface DeployedComponent {
  /** Pinned version: a deployment never floats to "latest". */
  readonly componentVersion: string;
  /** Configuration merged onto the component's (JSON document); reset pointers are applied first. */
  readonly configurationUpdate?: { readonly merge?: Readonly<Record<string, unknown>>; readonly reset?: readonly string[] };
}

export type JobFailureType = 'FAILED' | 'REJECTED' | 'TIMED_OUT' | 'ALL';

export interface AbortCriterion {
  readonly failureType: JobFailureType;
  /** Cancel once this share of devices failed, percent (0-100, two decimals). */
  readonly thresholdPercentage: number;
  /** ... but only after this many devices received the deployment (>= 1). */
  readonly minNumberOfExecutedThings: number;
}

export interface FleetRollout {
  /** Exponential rollout; absent = notify up to `maximumPerMinute` devices per minute from the start. */
  readonly exponentialRate?: {
    /** Devices notified per minute at the start (1-1000). */
    readonly baseRatePerMinute: number;
    /** Rate multiplier (1-5, one decimal). */
    readonly incrementFactor: number;
    /** Raise the rate after this many devices succeeded. */
    readonly numberOfSucceededThings: number;
  };
  /** Upper bound of devices notified per minute (1-1000). */
  readonly maximumPerMinute: number;
}

export interface FleetDeployment {
  /** Deployment name shown in the console; also the metric/alarm prefix. */
  readonly deploymentName: string;
  /** Thing group the deployment targets (each group has one active deployment). */
  readonly thingGroupName: string;
  readonly components: Readonly<Record<string, DeployedComponent>>;
  /** What a device does when the deployment fails on it. */
  readonly failureHandlingPolicy: 'ROLLBACK' | 'DO_NOTHING';
  /** Let components defer an update (NOTIFY_COMPONENTS) and how long they may take, seconds. */
  readonly componentUpdatePolicy: { readonly action: 'NOTIFY_COMPONENTS' | 'SKIP_NOTIFY_COMPONENTS'; readonly timeoutInSeconds: number };
  /** Seconds a component has to validate a configuration update. */
  readonly configurationValidationTimeoutSeconds: number;
  readonly rollout: FleetRollout;
  readonly abortCriteria: readonly AbortCriterion[];
  /** Minutes a device may stay IN_PROGRESS before its execution times out (1-10080). */
  readonly inProgressTimeoutMinutes: number;
}

/** The fields of Greengrass' CreateDeployment request (`aws greengrassv2 create-deployment --cli-input-json`). */
export interface CreateDeploymentRequest {
  readonly targetArn: string;
  readonly deploymentName: string;
  readonly components: Record<string, { componentVersion: string; configurationUpdate?: { merge?: string; reset?: string[] } }>;
  readonly deploymentPolicies: {
    failureHandlingPolicy: string;
    componentUpdatePolicy: { action: string; timeoutInSeconds: number };
    configurationValidationPolicy: { timeoutInSeconds: number };
  };
  readonly iotJobConfiguration: {
    jobExecutionsRolloutConfig: {
      exponentialRate?: { baseRatePerMinute: number; incrementFactor: number; rateIncreaseCriteria: { numberOfSucceededThings: number } };
      maximumPerMinute: number;
    };
    abortConfig: { criteriaList: { failureType: string; action: 'CANCEL'; thresholdPercentage: number; minNumberOfExecutedThings: number }[] };
    timeoutConfig: { inProgressTimeoutInMinutes: number };
  };
}

/** Thing group ARN format (create-deployments page: `arn:aws:iot:region:account-id:thinggroup/thingGroupName`). */
export function thingGroupArn(partition: string, region: string, account: string, thingGroupName: string): string {
  return `arn:${partition}:iot:${region}:${account}:thinggroup/${thingGroupName}`;
}

/** Decimal places of a number (for the API's "one digit after the decimal" rules). */
function decimals(value: number): number {
  const text = String(value);
  return text.includes('.') ? text.split('.')[1]!.length : 0;
}

function range(p: ProblemCollector, field: string, value: number, min: number, max: number, integer: boolean, maxDecimals?: number): void {
  const ok = Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value)) && (maxDecimals === undefined || decimals(value) <= maxDecimals);
  const what = integer ? 'a whole number' : maxDecimals !== undefined ? `a number with at most ${maxDecimals} decimal(s)` : 'a number';
  p.check(ok, field, value, `must be ${what} from ${min} to ${max} (Greengrass API limit)`, `set ${field} between ${min} and ${max}`);
}

function positiveInteger(p: ProblemCollector, field: string, value: number): void {
  p.check(Number.isInteger(value) && value >= 1, field, value, 'must be a whole number of at least 1', `set ${field} to 1 or more`);
}

/** Checks a deployment against the API's limits; returns every problem. */
export function validateFleetDeployment(d: FleetDeployment, field = 'deployment'): InputProblem[] {
  const p = new ProblemCollector();
  p.check(/^[a-zA-Z0-9:_-]{1,128}$/.test(d.thingGroupName), `${field}.thingGroupName`, d.thingGroupName, 'must be 1-128 letters, digits, :, _ or -', 'use the IoT thing group name');
  p.check(d.deploymentName.trim().length > 0, `${field}.deploymentName`, d.deploymentName, 'is required', 'name the deployment');
  const components = Object.entries(d.components);
  p.check(components.length > 0, `${field}.components`, d.components, 'must deploy at least one component', 'add the inference component');
  for (const [name, c] of components) {
    p.check(isSemanticVersion(c.componentVersion), `${field}.components.${name}.componentVersion`, c.componentVersion,
      'must pin an exact semantic version', "pin a published version, e.g. '1.0.0'");
  }
  positiveInteger(p, `${field}.componentUpdatePolicy.timeoutInSeconds`, d.componentUpdatePolicy.timeoutInSeconds);
  positiveInteger(p, `${field}.configurationValidationTimeoutSeconds`, d.configurationValidationTimeoutSeconds);
  const rate = d.rollout.exponentialRate;
  if (rate) {
    range(p, `${field}.rollout.exponentialRate.baseRatePerMinute`, rate.baseRatePerMinute, 1, 1000, true);
    range(p, `${field}.rollout.exponentialRate.incrementFactor`, rate.incrementFactor, 1, 5, false, 1);
    positiveInteger(p, `${field}.rollout.exponentialRate.numberOfSucceededThings`, rate.numberOfSucceededThings);
    p.check(rate.baseRatePerMinute <= d.rollout.maximumPerMinute, `${field}.rollout.exponentialRate.baseRatePerMinute`, rate.baseRatePerMinute,
      `must not exceed rollout.maximumPerMinute (${d.rollout.maximumPerMinute})`, 'lower the base rate or raise the maximum');
  }
  range(p, `${field}.rollout.maximumPerMinute`, d.rollout.maximumPerMinute, 1, 1000, true);
  p.check(d.abortCriteria.length > 0, `${field}.abortCriteria`, d.abortCriteria, 'must have at least one criterion, or a bad release reaches the whole fleet', "add { failureType: 'FAILED', thresholdPercentage: 10, minNumberOfExecutedThings: 10 }");
  d.abortCriteria.forEach((c, i) => {
    const f = `${field}.abortCriteria[${i}]`;
    p.check(['FAILED', 'REJECTED', 'TIMED_OUT', 'ALL'].includes(c.failureType), `${f}.failureType`, c.failureType, 'must be FAILED, REJECTED, TIMED_OUT or ALL', 'use FAILED');
    range(p, `${f}.thresholdPercentage`, c.thresholdPercentage, 0, 100, false, 2);
    positiveInteger(p, `${f}.minNumberOfExecutedThings`, c.minNumberOfExecutedThings);
  });
  // IoT jobs: in-progress timeout from 1 minute to 7 days (Greengrass API, IoTJobTimeoutConfig, read 2026-11).
  range(p, `${field}.inProgressTimeoutMinutes`, d.inProgressTimeoutMinutes, 1, 10_080, true);
  return [...p.list()];
}

/** @throws InputValidationError listing every problem */
export function assertValidFleetDeployment(d: FleetDeployment, field = 'deployment'): void {
  const problems = validateFleetDeployment(d, field);
  if (problems.length > 0) throw new InputValidationError(`Greengrass deployment '${d.deploymentName}'`, problems);
}

/** The deployment as the CreateDeployment request every engine (and the AWS CLI) sends. */
export function toCreateDeploymentRequest(d: FleetDeployment, targetArn: string): CreateDeploymentRequest {
  const components: CreateDeploymentRequest['components'] = {};
  for (const [name, c] of Object.entries(d.components)) {
    const update = c.configurationUpdate;
    components[name] = {
      componentVersion: c.componentVersion,
      ...(update && {
        configurationUpdate: {
          ...(update.merge && { merge: JSON.stringify(update.merge) }),
          ...(update.reset && { reset: [...update.reset] }),
        },
      }),
    };
  }
  const rate = d.rollout.exponentialRate;
  return {
    targetArn,
    deploymentName: d.deploymentName,
    components,
    deploymentPolicies: {
      failureHandlingPolicy: d.failureHandlingPolicy,
      componentUpdatePolicy: { ...d.componentUpdatePolicy },
      configurationValidationPolicy: { timeoutInSeconds: d.configurationValidationTimeoutSeconds },
    },
    iotJobConfiguration: {
      jobExecutionsRolloutConfig: {
        ...(rate && {
          exponentialRate: {
            baseRatePerMinute: rate.baseRatePerMinute,
            incrementFactor: rate.incrementFactor,
            rateIncreaseCriteria: { numberOfSucceededThings: rate.numberOfSucceededThings },
          },
        }),
        maximumPerMinute: d.rollout.maximumPerMinute,
      },
      abortConfig: { criteriaList: d.abortCriteria.map((c) => ({ ...c, action: 'CANCEL' as const })) },
      timeoutConfig: { inProgressTimeoutInMinutes: d.inProgressTimeoutMinutes },
    },
  };
}

/**
 * Fleet-level rollback: the same deployment with one component pinned back to an earlier, still published
 * version. Sending it replaces the thing group's active deployment, so devices reinstall that version.
 * @throws InputValidationError when the component is not in the deployment or the version is not a semantic version
 */
export function rollbackDeployment(d: FleetDeployment, componentName: string, previousVersion: string): FleetDeployment {
  const p = new ProblemCollector();
  const current = d.components[componentName];
  p.check(current !== undefined, 'componentName', componentName, `is not deployed by '${d.deploymentName}'`, `use one of ${Object.keys(d.components).join(', ')}`);
  p.check(isSemanticVersion(previousVersion), 'previousVersion', previousVersion, 'must be a semantic version', "give the version to return to, e.g. '1.0.0'");
  if (current) {
    p.check(current.componentVersion !== previousVersion, 'previousVersion', previousVersion, 'is the version already deployed', 'give the earlier version to return to');
  }
  p.throwIfAny(`Rollback of '${d.deploymentName}'`);
  return {
    ...d,
    deploymentName: `${d.deploymentName}-rollback-${previousVersion}`,
    components: { ...d.components, [componentName]: { ...current!, componentVersion: previousVersion } },
  };
}
