/**
 * The engine-neutral description of one SageMaker endpoint: everything the CDK, cdktf and Pulumi
 * renderers need, decided once by pure functions from a DeploymentPlan. Renderers translate these
 * objects into resources and never decide a value themselves.
 *
 * Resources that only exist once rendered (buckets, the KMS key, topics, roles) are named by role
 * ({@link BucketRole}, {@link ResourceRef}); each engine maps a role to its own reference.
 */
import type { DeploymentBudget } from '../budgets/deployment-budget';
import type { SageMakerMode } from '../spec/types';
import type { ResolvedImage } from './images';
import type { AlarmRecipientsSpec } from '../spec/types';

/** The buckets of an endpoint: model artifacts, and data (capture, async results, monitoring). */
export type BucketRole = 'artifacts' | 'data';

/** One of the endpoint's buckets, or a bucket the user brought (by name). */
export type BucketRef = BucketRole | { readonly external: string };

/** An S3 location inside one of the endpoint's buckets (or a bucket the user brought). */
export interface S3Location {
  readonly bucket: BucketRef;
  /** Key or prefix without a leading slash; prefixes end with `/`. */
  readonly key: string;
}

/** A resource a permission or setting points at, resolved to an ARN by each engine. */
export type ResourceRef =
  | { readonly kind: 'bucket'; readonly bucket: BucketRef }
  | { readonly kind: 'objects'; readonly bucket: BucketRef; readonly prefix: string }
  | { readonly kind: 'kms-key' }
  | { readonly kind: 'topic'; readonly topic: TopicRole }
  | { readonly kind: 'ecr-repository'; readonly account: string; readonly repository: string }
  | { readonly kind: 'log-group'; readonly prefix: string }
  | { readonly kind: 'any' };

/** SNS topics of an endpoint. */
export type TopicRole = 'alarms' | 'async-success' | 'async-error';

/** One IAM statement, with the reason when its resource cannot be narrowed (cdk-nag IAM5 acknowledgement). */
export interface PermissionStatement {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly ResourceRef[];
  /** Why a wildcard resource is unavoidable; required when `resources` contains `{ kind: 'any' }`. */
  readonly wildcardReason?: string;
}

/** A SageMaker Model (one container). */
export interface ModelDescription {
  /** Logical id, stable across engines: `production`, `shadow`, or `variant-<name>` for each arm of an A/B test. */
  readonly id: string;
  readonly image: ResolvedImage | { readonly uri: string; readonly custom: true };
  readonly environment: Readonly<Record<string, string>>;
  /**
   * Where the artifacts are. `archive`: a model.tar.gz (`ModelDataUrl`); `prefix`: uncompressed files
   * copied to /opt/ml/model (`ModelDataSource`, used for LLM weights); `multi-model`: a prefix of
   * archives loaded on demand (`Mode: MultiModel`).
   */
  readonly artifacts: { readonly kind: 'archive' | 'prefix' | 'multi-model'; readonly location: S3Location };
  readonly networkIsolation: boolean;
  /** Place the model's ENIs in the endpoint's private subnets. */
  readonly vpc: boolean;
  /**
   * A serial inference pipeline (the spec's `graph`): the model's `Containers`, run in this order with
   * `InferenceExecutionConfig.Mode: Serial`, instead of one `PrimaryContainer`. `image`, `environment` and `artifacts`
   * then describe the first container.
   * @default - one container
   */
  readonly pipeline?: readonly PipelineContainerDescription[];
}

/** One container of a serial inference pipeline. */
export interface PipelineContainerDescription {
  /** `ContainerHostname`: the step's name (CloudWatch logs and metrics name the container by it). */
  readonly hostname: string;
  readonly image: ResolvedImage;
  readonly environment: Readonly<Record<string, string>>;
  /** The step's model.tar.gz (`ModelDataUrl`). */
  readonly artifacts: S3Location;
}

export interface ServerlessDescription {
  readonly memorySizeInMb: number;
  readonly maxConcurrency: number;
  /** 0 means none. */
  readonly provisionedConcurrency: number;
}

/** A production or shadow variant of the endpoint configuration. */
export interface VariantDescription {
  readonly name: string;
  /** Id of the {@link ModelDescription} it serves. */
  readonly modelId: string;
  readonly instanceType?: string;
  readonly initialInstanceCount?: number;
  readonly initialVariantWeight: number;
  readonly serverless?: ServerlessDescription;
  /** Seconds SageMaker waits for the container's /ping after start (LLM weights take minutes). */
  readonly containerStartupHealthCheckTimeoutInSeconds?: number;
  readonly modelDataDownloadTimeoutInSeconds?: number;
  /** Accelerators on one instance (0 on CPU); drives the utilisation alarm thresholds. */
  readonly acceleratorCount: number;
  /** vCPUs of one instance (undefined for serverless). */
  readonly vcpus?: number;
  /** The instance type has NVMe instance storage (hardware-encrypted; rules out a volume KMS key). */
  readonly localStorage: boolean;
}

export interface AsyncInferenceDescription {
  /** Where clients put request payloads (`--input-location`); the execution role reads them. */
  readonly input: S3Location;
  readonly output: S3Location;
  readonly failure: S3Location;
  /** Topics notified on success and on error. */
  readonly successTopic: TopicRole;
  readonly errorTopic: TopicRole;
  readonly maxConcurrentInvocationsPerInstance: number;
}

export interface DataCaptureDescription {
  /** `DestinationS3Uri`: SageMaker appends `<endpoint>/<variant>/yyyy/mm/dd/hh/` to it. */
  readonly destination: S3Location;
  /** Where the capture files of this endpoint land (destination + endpoint name): what roles are granted. */
  readonly files: S3Location;
  readonly initialSamplingPercentage: number;
  readonly captureModes: readonly ('Input' | 'Output')[];
  readonly jsonContentTypes: readonly string[];
  readonly csvContentTypes: readonly string[];
}

export type TrafficRoutingType = 'ALL_AT_ONCE' | 'CANARY' | 'LINEAR';

/** The endpoint's DeploymentConfig: how a new endpoint configuration replaces the old one. */
export interface DeploymentGuardrails {
  readonly kind: 'blue-green' | 'rolling';
  /** Blue/green traffic shifting (kind `blue-green`). */
  readonly trafficRouting?: {
    readonly type: TrafficRoutingType;
    readonly waitIntervalInSeconds: number;
    /** Percent of capacity shifted first (CANARY) or per step (LINEAR), as the spec asked. */
    readonly capacityPercent?: number;
    /**
     * The same step in whole instances of the variant, as UpdateEndpoint sizes it (`CapacitySize` INSTANCE_COUNT):
     * written instead of the percentage when the variant's instance count is known.
     */
    readonly capacityInstances?: number;
    /** Why the routing differs from the spec's strategy (e.g. a canary on a one-instance variant). @default - it does not */
    readonly adaptation?: string;
  };
  /** Rolling batches (kind `rolling`): percent of capacity per batch. */
  readonly rollingBatchPercent?: number;
  readonly rollingWaitIntervalInSeconds?: number;
  readonly terminationWaitInSeconds: number;
  readonly maximumExecutionTimeoutInSeconds: number;
  /** Names of the alarms that roll the deployment back (all of them exist in `alarms`). */
  readonly rollbackAlarmNames: readonly string[];
}

/** Application Auto Scaling of one variant. */
export interface AutoscalingDescription {
  readonly variantName: string;
  /** `sagemaker:variant:DesiredInstanceCount` or, for serverless, `DesiredProvisionedConcurrency`. */
  readonly scalableDimension: 'sagemaker:variant:DesiredInstanceCount' | 'sagemaker:variant:DesiredProvisionedConcurrency';
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly targetTracking: {
    readonly policyName: string;
    /** A predefined metric, or a customized one (async backlog). */
    readonly metric:
      | { readonly predefined: string }
      | { readonly namespace: string; readonly metricName: string; readonly dimensions: Readonly<Record<string, string>>; readonly statistic: string };
    readonly targetValue: number;
    readonly scaleInCooldownSeconds: number;
    readonly scaleOutCooldownSeconds: number;
  };
  /** Step scaling that wakes a variant scaled to zero (async `HasBacklogWithoutCapacity`). */
  readonly wakeFromZero?: { readonly policyName: string; readonly alarmName: string; readonly scalingAdjustment: number; readonly cooldownSeconds: number };
  /** Application Auto Scaling scheduled actions that move `MinCapacity` at the off-hours window's edges. @default - none */
  readonly scheduledActions?: readonly ScheduledActionDescription[];
}

/** One Application Auto Scaling scheduled action on a scalable target. */
export interface ScheduledActionDescription {
  /** Unique per scalable target. */
  readonly name: string;
  /** Which edge of the off-hours window it marks (engines name their resources by it). */
  readonly edge: 'off-hours' | 'working-hours';
  /** `cron(Minutes Hours Day-of-month Month Day-of-week Year)`. */
  readonly schedule: string;
  /** IANA time zone of the schedule. */
  readonly timezone: string;
  /** The target's new minimum capacity. */
  readonly minCapacity: number;
  /** The target's maximum capacity, restated (both engines' resources accept it beside the minimum). */
  readonly maxCapacity: number;
}

/** A CloudWatch metric alarm. */
export interface AlarmDescription {
  readonly name: string;
  readonly description: string;
  readonly namespace: string;
  /** A single metric, or several combined with `MAX(...)` into one series (drift). */
  readonly metricNames: readonly string[];
  readonly dimensions: Readonly<Record<string, string>>;
  /** `Sum`, `Average`, `Maximum` or a percentile `p95`. */
  readonly statistic: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparison: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold';
  readonly treatMissingData: 'notBreaching' | 'missing' | 'breaching';
  /** Sends to the alarm topic (false for the scaling alarm, which drives a policy). */
  readonly notify: boolean;
  /** Why: the rollback alarm kind, a utilisation alarm, ... (for tests and docs). */
  readonly purpose: 'rollback' | 'health' | 'drift' | 'model-quality' | 'scaling';
}

/** Model Monitor data-quality job and its schedule. */
export interface MonitoringDescription {
  readonly jobDefinitionName: string;
  readonly scheduleName: string;
  readonly scheduleExpression: string;
  readonly image: ResolvedImage;
  readonly instanceType: string;
  readonly instanceCount: number;
  readonly volumeSizeInGb: number;
  readonly maxRuntimeInSeconds: number;
  /** Captured data the job reads: the data-capture destination. */
  readonly input: S3Location;
  readonly reports: S3Location;
  readonly baselineConstraints: S3Location;
  readonly baselineStatistics: S3Location;
  readonly environment: Readonly<Record<string, string>>;
}

/** Model Monitor model-quality job (captured predictions merged with ground truth) and its schedule. */
export interface ModelQualityMonitoringDescription {
  readonly jobDefinitionName: string;
  readonly scheduleName: string;
  readonly scheduleExpression: string;
  /** The same Model Monitor analyzer image as the data-quality job. */
  readonly image: ResolvedImage;
  readonly problemType: 'BinaryClassification' | 'MulticlassClassification' | 'Regression';
  readonly instanceType: string;
  readonly instanceCount: number;
  readonly volumeSizeInGb: number;
  readonly maxRuntimeInSeconds: number;
  /** Captured data the job reads: the data-capture files of this endpoint. */
  readonly input: S3Location;
  /** Ground-truth labels (`yyyy/mm/dd/hh/` folders). */
  readonly groundTruth: S3Location;
  readonly inferenceAttribute?: string;
  readonly probabilityAttribute?: string;
  readonly probabilityThresholdAttribute?: number;
  readonly reports: S3Location;
  readonly baselineConstraints: S3Location;
  readonly environment: Readonly<Record<string, string>>;
}

export interface DashboardWidget {
  readonly title: string;
  readonly metrics: readonly { readonly namespace: string; readonly metricName: string; readonly dimensions: Readonly<Record<string, string>>; readonly statistic: string }[];
}

/** Everything about one endpoint, for every engine. */
export interface SageMakerEndpointDescription {
  /** Endpoint name (= blueprint/spec name); also prefixes alarms, roles and schedules. */
  readonly endpointName: string;
  readonly mode: SageMakerMode;
  readonly region: string;
  readonly models: readonly ModelDescription[];
  readonly productionVariants: readonly VariantDescription[];
  readonly shadowVariants: readonly VariantDescription[];
  readonly asyncInference?: AsyncInferenceDescription;
  readonly dataCapture?: DataCaptureDescription;
  readonly deployment?: DeploymentGuardrails;
  readonly autoscaling: readonly AutoscalingDescription[];
  readonly monitoring?: MonitoringDescription;
  /** Model-quality monitoring, where ground truth exists. */
  readonly modelQuality?: ModelQualityMonitoringDescription;
  readonly alarms: readonly AlarmDescription[];
  readonly dashboard?: { readonly name: string; readonly widgets: readonly DashboardWidget[] };
  /**
   * Encrypt the ML storage volumes with the endpoint's KMS key (`KmsKeyId`). False when a variant runs
   * on instances with NVMe instance storage (encrypted by the instance hardware; SageMaker rejects a
   * KmsKeyId there) or serverless (no volume).
   */
  readonly volumeKmsEncryption: boolean;
  /** Whether the endpoint needs private subnets (any model with `vpc`). */
  readonly vpc: boolean;
  /** Model Package Group for the registry, when wanted. */
  readonly modelRegistry?: { readonly groupName: string; readonly description: string };
  /** Execution role of the models (least privilege). */
  readonly executionPermissions: readonly PermissionStatement[];
  /** Role of the monitoring job, when there is one. */
  readonly monitoringPermissions: readonly PermissionStatement[];
  /** Role of the model-quality job, when there is one. */
  readonly modelQualityPermissions: readonly PermissionStatement[];
  readonly alarmEmail?: string;
  /** Who hears the alarms besides `alarmEmail` (`monitoring.recipients`; lib/alerting/alarm-subscriptions.ts). @default - only alarmEmail */
  readonly alarmRecipients?: AlarmRecipientsSpec;
  readonly logRetentionDays: number;
  /** AWS Budgets budget notifying the alarm topic, when the plan has a monthly cost. @default - no budget */
  readonly budget?: DeploymentBudget;
  readonly tags: Readonly<Record<string, string>>;
}
