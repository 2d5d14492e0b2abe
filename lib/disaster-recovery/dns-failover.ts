/**
 * Engine-neutral description of Route 53 DNS failover between a deployment's primary and standby regions
 * (docs/disaster-recovery.md): in each region a custom domain on the regional API, a CloudWatch alarm that
 * says "this region's deployment is failing", a Route 53 health check that follows that alarm, and a
 * failover record (PRIMARY in the primary region, SECONDARY in the standby) aliased to the regional domain.
 *
 * Why a CloudWatch-alarm health check and not an HTTPS one: the inference API authorizes every route with
 * IAM (SigV4). Route 53 health checkers cannot sign requests, so an HTTPS check would get 403 and report the
 * region unhealthy forever (Route 53 counts only 2xx and 3xx as healthy). An unauthenticated /health route
 * would open the function to anyone. The alarm-based check sees a failing function; it does not see a region
 * whose CloudWatch is unreachable (docs/disaster-recovery.md, "What DNS failover does not cover").
 *
 * Sources (read 2026-12-03):
 * - Failover records and health checks: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-types.html
 * - CLOUDWATCH_METRIC health checks (standard resolution; Sum/Average/Minimum/Maximum/SampleCount only; AlarmIdentifier
 *   Name + Region; InsufficientDataHealthStatus Healthy|Unhealthy|LastKnownStatus):
 *   https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html
 * - Health checkers count 2xx/3xx as healthy: https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html
 * - Lambda metrics Errors with FunctionName + Resource (function:alias): https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
 */

/** Which failover record a region owns. */
export type FailoverRole = 'PRIMARY' | 'SECONDARY';

/** Route 53 failover of one region's deployment. */
export interface RegionalFailover {
  readonly role: FailoverRole;
  readonly region: string;
  /** DNS name clients call, the same in both regions. */
  readonly domainName: string;
  readonly hostedZoneId: string;
  /** SetIdentifier of the record: unique per record set of the name. */
  readonly setIdentifier: string;
  /** The alarm the health check follows. */
  readonly healthAlarm: FailoverHealthAlarm;
  /** What Route 53 assumes while the alarm has insufficient data. */
  readonly insufficientDataHealthStatus: 'Healthy' | 'Unhealthy' | 'LastKnownStatus';
}

/** The alarm whose ALARM state marks a region unhealthy for DNS failover. */
export interface FailoverHealthAlarm extends HealthCheckAlarm {
  readonly namespace: 'AWS/Lambda';
  readonly metricName: 'Errors';
  readonly dimensions: { readonly FunctionName: string; readonly Resource: string };
}

/**
 * Failed invocations per minute, for three minutes in a row, that make a region fail over. A single crash is
 * the rollback alarm's business (`<name>-errors`, threshold 0); failing over moves every client, so it waits
 * for a sustained failure. @default 5
 */
export const FAILOVER_ERRORS_PER_MINUTE = 5;

export interface DnsFailoverOptions {
  readonly name: string;
  readonly region: string;
  readonly role: FailoverRole;
  readonly domainName: string;
  readonly hostedZoneId: string;
  /** The inference function and its alias in this region. */
  readonly functionName: string;
  readonly aliasName: string;
}

/** One region's half of DNS failover: its record, health check and the alarm behind it. */
export function regionalFailover(options: DnsFailoverOptions): RegionalFailover {
  const resource = `${options.functionName}:${options.aliasName}`;
  return {
    role: options.role,
    region: options.region,
    domainName: options.domainName,
    hostedZoneId: options.hostedZoneId,
    setIdentifier: `${options.name}-${options.role.toLowerCase()}-${options.region}`,
    insufficientDataHealthStatus: 'LastKnownStatus',
    healthAlarm: {
      alarmName: `${options.name}-failover-health-${options.region}`,
      description: `${resource} in ${options.region} failed more than ${FAILOVER_ERRORS_PER_MINUTE} invocations a minute for 3 minutes: Route 53 moves ${options.domainName} to the other region`,
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: { FunctionName: options.functionName, Resource: resource },
      statistic: 'Sum',
      periodSeconds: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      threshold: FAILOVER_ERRORS_PER_MINUTE,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
  };
}

/**
 * A CloudWatch alarm a Route 53 CLOUDWATCH_METRIC health check follows: the Lambda failover's (above) and the
 * SageMaker standby's (sagemaker-standby.ts) both fit it, and each engine renders the pair once
 * (constructs/{cdk,terraform,pulumi}/disaster-recovery/alarm-health-check.ts).
 */
export interface HealthCheckAlarm {
  readonly alarmName: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** Route 53 rejects alarms on extended statistics (percentiles): Sum is accepted. */
  readonly statistic: 'Sum';
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparisonOperator: 'GreaterThanThreshold';
  readonly treatMissingData: 'notBreaching';
}

/** Route 53's CLOUDWATCH_METRIC health check configuration (CloudFormation/API field names). */
export interface AlarmHealthCheckConfig {
  readonly Type: 'CLOUDWATCH_METRIC';
  readonly AlarmIdentifier: { readonly Name: string; readonly Region: string };
  readonly InsufficientDataHealthStatus: 'Healthy' | 'Unhealthy' | 'LastKnownStatus';
}

/** Route 53's CLOUDWATCH_METRIC health check configuration of one region's failover. */
export function healthCheckConfig(failover: RegionalFailover): AlarmHealthCheckConfig {
  return {
    Type: 'CLOUDWATCH_METRIC',
    AlarmIdentifier: { Name: failover.healthAlarm.alarmName, Region: failover.region },
    InsufficientDataHealthStatus: failover.insufficientDataHealthStatus,
  };
}
