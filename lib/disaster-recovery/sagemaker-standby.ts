/**
 * Engine-neutral description of a SageMaker real-time endpoint's warm standby (docs/disaster-recovery.md,
 * "SageMaker real-time endpoints"): the same endpoint in `disasterRecovery.standbyRegion` reading the replica of
 * the model artifacts bucket, with its own key, alarms, minimum instances and the primary's autoscaling bounds;
 * the replication of the artifacts bucket (lib/disaster-recovery/bucket-replication.ts); and in each region a
 * Route 53 health check following an alarm of that region's endpoint.
 *
 * Why no DNS failover record: SageMaker Runtime requests are SigV4-signed for the regional host
 * `runtime.sagemaker.<region>.amazonaws.com` (the region is part of the signature's credential scope), and the
 * runtime API takes no custom domain. A DNS name pointing at either region's host would break every signature,
 * so clients fail over themselves: both endpoints (region + name) are published in an SSM parameter in each
 * region, and the health checks say which one is healthy.
 *
 * Sources (read 2026-12-03):
 * - ModelDataUrl "must be in an S3 bucket that is in the same region as the model or endpoint you are creating":
 *   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html
 * - Invocation5XXErrors, namespace AWS/SageMaker, dimensions EndpointName + VariantName, statistic Sum:
 *   https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html
 * - SigV4 credential scope (date/region/service): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 * - Route 53 CLOUDWATCH_METRIC health checks: https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html
 */
import type { InputProblem } from '../errors';
import { regionalBucketName } from '../inference/deployment/names';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { maxCapacity } from '../sagemaker/autoscaling';
import { initialInstanceCount, PRODUCTION_VARIANT } from '../sagemaker/models';
import type { BucketReplicationPlan } from './bucket-replication';
import { FAILOVER_ERRORS_PER_MINUTE, type AlarmHealthCheckConfig, type HealthCheckAlarm } from './dns-failover';

/** Instances a warm standby endpoint keeps when `disasterRecovery.standbyMinReplicas` is not set. */
export const DEFAULT_STANDBY_MIN_INSTANCES = 1;

/** Which of the two deployments of a spec with a standby region. */
export type DeploymentRole = 'primary' | 'standby';

/** The alarm a region's Route 53 health check follows: sustained server errors of that region's endpoint. */
export interface EndpointHealthAlarm extends HealthCheckAlarm {
  readonly namespace: 'AWS/SageMaker';
  readonly metricName: 'Invocation5XXErrors';
  readonly dimensions: { readonly EndpointName: string; readonly VariantName: string };
}

/** One region's endpoint, its health alarm and the Route 53 health check that follows it. */
export interface RegionalSageMakerEndpoint {
  readonly role: DeploymentRole;
  readonly region: string;
  readonly endpointName: string;
  /** The host SDK calls are signed for: clients pick the region, never a DNS name. */
  readonly runtimeHost: string;
  /** The deployment's artifacts bucket in this region (the standby's is the replica). */
  readonly artifactsBucket: string;
  readonly healthAlarm: EndpointHealthAlarm;
  /** Route 53's CLOUDWATCH_METRIC health check (CloudFormation/API field names). */
  readonly healthCheck: AlarmHealthCheckConfig & { readonly InsufficientDataHealthStatus: 'LastKnownStatus' };
}

/** What both regions of a SageMaker deployment with a standby render. */
export interface SageMakerStandbyPlan {
  readonly name: string;
  readonly account: string;
  readonly primary: RegionalSageMakerEndpoint;
  readonly standby: RegionalSageMakerEndpoint;
  /** Instances the standby endpoint keeps (its autoscaling minimum). */
  readonly standbyMinInstances: number;
  /** Replication of the artifacts bucket to the standby's; `undefined` with `replicateBuckets: false`. */
  readonly replication?: BucketReplicationPlan;
  /** Alias of the standby's key: the replication rule names the replica key by it. */
  readonly replicaKeyAlias: string;
  /** SSM parameter (String, in each region) holding {@link endpointDirectory}: where clients look up both endpoints. */
  readonly directoryParameterName: string;
}

/** The artifacts bucket of a SageMaker deployment with a standby region: named, since the other region names it before it exists. */
export function sageMakerArtifactsBucketName(name: string, account: string, region: string): string {
  return regionalBucketName(name, 'artifacts', account, region);
}

function regionalEndpoint(name: string, account: string, role: DeploymentRole, region: string): RegionalSageMakerEndpoint {
  const alarmName = `${name}-failover-health-${region}`;
  return {
    role,
    region,
    endpointName: name,
    runtimeHost: `runtime.sagemaker.${region}.amazonaws.com`,
    artifactsBucket: sageMakerArtifactsBucketName(name, account, region),
    healthAlarm: {
      alarmName,
      description: `Endpoint ${name} in ${region} returned more than ${FAILOVER_ERRORS_PER_MINUTE} server errors a minute for 3 minutes: clients should call the other region (docs/disaster-recovery.md)`,
      namespace: 'AWS/SageMaker',
      metricName: 'Invocation5XXErrors',
      dimensions: { EndpointName: name, VariantName: PRODUCTION_VARIANT },
      statistic: 'Sum',
      periodSeconds: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      threshold: FAILOVER_ERRORS_PER_MINUTE,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
    },
    healthCheck: { Type: 'CLOUDWATCH_METRIC', AlarmIdentifier: { Name: alarmName, Region: region }, InsufficientDataHealthStatus: 'LastKnownStatus' },
  };
}

/** Problems of `disasterRecovery` on a SageMaker target (none without it): each with field, value and fix. */
export function sageMakerDisasterRecoveryProblems(plan: DeploymentPlan): InputProblem[] {
  const { spec } = plan;
  const dr = spec.disasterRecovery;
  if (dr === undefined || spec.target.kind !== 'sagemaker') return [];
  const problems: InputProblem[] = [];
  const add = (ok: boolean, field: string, value: unknown, message: string, fix: string) => { if (!ok) problems.push({ field, value, message, fix }); };
  add(spec.target.mode === 'realtime', 'target.mode', spec.target.mode, 'a SageMaker standby region is rendered for real-time endpoints only',
    "use target.mode 'realtime', or remove disasterRecovery and redeploy the spec in the other region when needed (docs/disaster-recovery.md)");
  add(dr.failover === undefined, 'disasterRecovery.failover', dr.failover,
    'a SageMaker endpoint has no HTTP front door for Route 53: SageMaker Runtime calls are SigV4-signed for runtime.sagemaker.<region>.amazonaws.com, so a DNS record cannot move them between regions',
    `remove disasterRecovery.failover: clients fail over with both endpoints from SSM parameter ${directoryParameterName(spec.name)} and the regions' health checks (docs/disaster-recovery.md, "Failing over (SageMaker)")`);
  add(spec.security.kmsKey === 'create', 'security.kmsKey', spec.security.kmsKey, `a customer key ARN is regional; the standby endpoint in ${dr.standbyRegion} needs its own key`,
    "leave security.kmsKey at 'create' (each region's deployment creates its key), or remove disasterRecovery");
  add(!('vpcId' in spec.security.vpc), 'security.vpc', spec.security.vpc, `a VPC is regional; the standby endpoint in ${dr.standbyRegion} cannot attach to it`,
    "leave security.vpc at 'create', or remove disasterRecovery");
  // The health alarm follows the production variant's errors; A/B arms split them across variants of their own names.
  add(spec.rollout.strategy !== 'ab', 'rollout.strategy', spec.rollout.strategy, `the standby region's health checks follow the '${PRODUCTION_VARIANT}' variant, which an A/B test replaces with one variant per arm`,
    "use rollout.strategy 'canary', 'linear' or 'all-at-once' with a standby region, or remove disasterRecovery while the A/B test runs");
  const uri = spec.model.artifact?.uri;
  add(uri === undefined, 'model.artifact.uri', uri, `SageMaker reads model artifacts only from a bucket in the endpoint's region; the standby in ${dr.standbyRegion} cannot read this one`,
    "leave model.artifact.uri unset and upload the model to the deployment's artifacts bucket (replicated to the standby), or remove disasterRecovery");
  const standbyMin = dr.standbyMinReplicas ?? DEFAULT_STANDBY_MIN_INSTANCES;
  const max = spec.scaling.maxReplicas;
  add(max === undefined || standbyMin <= max, 'disasterRecovery.standbyMinReplicas', standbyMin, `must not exceed scaling.maxReplicas (${max}): the standby scales within the primary's bounds`,
    `lower disasterRecovery.standbyMinReplicas to ${max} or raise scaling.maxReplicas`);
  return problems;
}

/** `/<name>/disaster-recovery/endpoints`. */
export function directoryParameterName(name: string): string {
  return `/${name}/disaster-recovery/endpoints`;
}

/**
 * The standby of a SageMaker deployment with `disasterRecovery`, or `undefined` without it. Problems are
 * {@link sageMakerDisasterRecoveryProblems}' (validateSageMakerPlan reports them).
 */
export function planSageMakerStandby(plan: DeploymentPlan, env: { readonly account: string; readonly region: string }): SageMakerStandbyPlan | undefined {
  const dr = plan.spec.disasterRecovery;
  if (dr === undefined || plan.spec.target.kind !== 'sagemaker') return undefined;
  const name = plan.spec.name;
  const primary = regionalEndpoint(name, env.account, 'primary', env.region);
  const standby = regionalEndpoint(name, env.account, 'standby', dr.standbyRegion);
  const replicaKeyAlias = `alias/${name}-replica`;
  return {
    name,
    account: env.account,
    primary,
    standby,
    standbyMinInstances: dr.standbyMinReplicas ?? DEFAULT_STANDBY_MIN_INSTANCES,
    ...(dr.replicateBuckets && {
      replication: {
        name, account: env.account, primaryRegion: env.region, standbyRegion: dr.standbyRegion,
        roleName: `${name}-replication`.slice(0, 64),
        destinationKeyAlias: replicaKeyAlias,
        // Only the model artifacts: each region captures its own requests into its own data bucket.
        buckets: [{ purpose: 'models', source: primary.artifactsBucket, destination: standby.artifactsBucket, ruleId: 'replicate-models' }],
        replicasOwnedBy: 'standby-deployment',
      },
    }),
    replicaKeyAlias,
    directoryParameterName: directoryParameterName(name),
  };
}

/**
 * The plan the standby region renders: the same spec with `region` = the standby region (regional images, ARNs
 * and service principals follow), scaling from `standbyMinReplicas` up to the primary's maximum, and no budget of
 * its own: AWS Budgets names are account-wide and both regions carry the same cost tag, so the primary's budget
 * ({@link primaryPlanWithStandbyCost}) covers both.
 */
export function standbyDeploymentPlan(plan: DeploymentPlan, standby: SageMakerStandbyPlan): DeploymentPlan {
  const spec = plan.spec;
  const primaryMin = Math.max(1, spec.scaling.minReplicas);
  const primaryMax = maxCapacity(plan, primaryMin, initialInstanceCount(plan));
  return {
    ...plan,
    spec: {
      ...spec, region: standby.standby.region, scaling: { ...spec.scaling, minReplicas: standby.standbyMinInstances, maxReplicas: primaryMax },
      monitoring: { ...spec.monitoring, budget: { ...spec.monitoring.budget, enabled: false } },
    },
  };
}

/**
 * The primary's plan with the standby's always-on instances in its monthly cost (the same instance type, priced
 * as the primary's: an estimate), so the deployment's one budget, filtered on the cost tag both regions carry,
 * expects both regions' spend.
 */
export function primaryPlanWithStandbyCost(plan: DeploymentPlan, standby: SageMakerStandbyPlan): DeploymentPlan {
  const s = plan.summary;
  if (s.monthlyCostUsd === null || s.replicas <= 0) return plan;
  const standbyCost = Math.round((s.monthlyCostUsd / s.replicas) * standby.standbyMinInstances);
  return {
    ...plan,
    summary: { ...s, monthlyCostUsd: s.monthlyCostUsd + standbyCost, costNote: `${s.costNote}; plus the warm standby in ${standby.standby.region}: ${standby.standbyMinInstances} instance(s), about $${standbyCost}/month` },
  };
}

/** The deployment's two endpoints as clients read them from the SSM parameter (JSON). */
export function endpointDirectory(standby: SageMakerStandbyPlan): Record<DeploymentRole, { region: string; endpointName: string; runtimeHost: string; healthAlarm: string }> {
  const entry = (e: RegionalSageMakerEndpoint) => ({ region: e.region, endpointName: e.endpointName, runtimeHost: e.runtimeHost, healthAlarm: e.healthAlarm.alarmName });
  return { primary: entry(standby.primary), standby: entry(standby.standby) };
}

/** This region's endpoint of the pair. */
export function regionalEndpointOf(standby: SageMakerStandbyPlan, role: DeploymentRole): RegionalSageMakerEndpoint {
  return role === 'primary' ? standby.primary : standby.standby;
}
