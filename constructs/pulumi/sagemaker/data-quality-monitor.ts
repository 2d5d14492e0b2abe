/**
 * `SageMakerDataQualityMonitor` (Pulumi): the Model Monitor data-quality job definition and hourly
 * schedule, reading the endpoint's capture from the data bucket and writing reports next to it.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { MonitoringDescription, PermissionStatement } from '../../../lib/sagemaker/types';
import { pulumiS3Uri, type PulumiEndpointResources } from './private/resource-refs';
import { SageMakerServiceRole } from './sagemaker-service-role';

export interface SageMakerDataQualityMonitorArgs {
  /** The monitored endpoint (with data capture on). */
  readonly endpointName: string;
  /** Job, schedule and S3 locations, as described by `describeSageMakerEndpoint`. */
  readonly monitoring: MonitoringDescription;
  /** Statements of the job's role (read capture and baseline, write reports). */
  readonly permissions: readonly PermissionStatement[];
  /** The buckets and key the locations and statements name. */
  readonly resources: PulumiEndpointResources;
  /** The endpoint: the job definition is created after it. */
  readonly endpoint: pulumi.Resource;
}

export class SageMakerDataQualityMonitor extends pulumi.ComponentResource {
  constructor(name: string, args: SageMakerDataQualityMonitorArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:sagemaker:DataQualityMonitor', name, {}, opts);
    const m = args.monitoring;
    const r = args.resources;
    const role = new SageMakerServiceRole(`${name}-job`, { description: `Model Monitor data-quality job of endpoint ${args.endpointName}`, statements: args.permissions, resources: r }, { parent: this });
    const job = new aws.sagemaker.DataQualityJobDefinition(`${name}-job`, {
      name: m.jobDefinitionName,
      roleArn: role.role.arn,
      dataQualityAppSpecification: { imageUri: m.image.uri, environment: { ...m.environment } },
      dataQualityBaselineConfig: {
        constraintsResource: { s3Uri: pulumiS3Uri(m.baselineConstraints, r) },
        statisticsResource: { s3Uri: pulumiS3Uri(m.baselineStatistics, r) },
      },
      dataQualityJobInput: { endpointInput: { endpointName: args.endpointName, localPath: '/opt/ml/processing/input/endpoint', s3InputMode: 'File', s3DataDistributionType: 'FullyReplicated' } },
      dataQualityJobOutputConfig: {
        kmsKeyId: r.kmsKeyArn,
        monitoringOutputs: { s3Output: { s3Uri: pulumiS3Uri(m.reports, r), localPath: '/opt/ml/processing/output', s3UploadMode: 'EndOfJob' } },
      },
      jobResources: { clusterConfig: { instanceCount: m.instanceCount, instanceType: m.instanceType, volumeSizeInGb: m.volumeSizeInGb, volumeKmsKeyId: r.kmsKeyArn } },
      networkConfig: { enableInterContainerTrafficEncryption: true },
      stoppingCondition: { maxRuntimeInSeconds: m.maxRuntimeInSeconds },
    }, { parent: this, dependsOn: [args.endpoint, role.policy] });
    new aws.sagemaker.MonitoringSchedule(`${name}-schedule`, {
      name: m.scheduleName,
      monitoringScheduleConfig: { monitoringJobDefinitionName: job.name, monitoringType: 'DataQuality', scheduleConfig: { scheduleExpression: m.scheduleExpression } },
    }, { parent: this });
    this.registerOutputs({});
  }
}
