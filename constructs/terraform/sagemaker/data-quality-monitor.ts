/**
 * `SageMakerDataQualityMonitor` (cdktf): the Model Monitor data-quality job definition and hourly
 * schedule, reading the endpoint's capture from the data bucket and writing reports next to it.
 */
import { SagemakerDataQualityJobDefinition } from '@cdktf/provider-aws/lib/sagemaker-data-quality-job-definition';
import { SagemakerMonitoringSchedule } from '@cdktf/provider-aws/lib/sagemaker-monitoring-schedule';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { MonitoringDescription, PermissionStatement } from '../../../lib/sagemaker/types';
import { tfS3Uri, type TerraformEndpointResources } from './private/resource-refs';
import { SageMakerServiceRole } from './sagemaker-service-role';

export interface SageMakerDataQualityMonitorProps {
  /** The monitored endpoint (with data capture on). */
  readonly endpointName: string;
  /** Job, schedule and S3 locations, as described by `describeSageMakerEndpoint`. */
  readonly monitoring: MonitoringDescription;
  /** Statements of the job's role (read capture and baseline, write reports). */
  readonly permissions: readonly PermissionStatement[];
  /** The buckets and key the locations and statements name. */
  readonly resources: TerraformEndpointResources;
  /** The endpoint: the job definition is created after it. */
  readonly endpoint: ITerraformDependable;
}

export class SageMakerDataQualityMonitor extends Construct {
  public readonly jobDefinition: SagemakerDataQualityJobDefinition;
  public readonly schedule: SagemakerMonitoringSchedule;

  constructor(scope: Construct, id: string, props: SageMakerDataQualityMonitorProps) {
    super(scope, id);
    const m = props.monitoring;
    const r = props.resources;
    const role = new SageMakerServiceRole(this, 'JobRole', { description: `Model Monitor data-quality job of endpoint ${props.endpointName}`, statements: props.permissions, resources: r });
    this.jobDefinition = new SagemakerDataQualityJobDefinition(this, 'JobDefinition', {
      name: m.jobDefinitionName,
      roleArn: role.role.arn,
      dataQualityAppSpecification: { imageUri: m.image.uri, environment: { ...m.environment } },
      dataQualityBaselineConfig: {
        constraintsResource: { s3Uri: tfS3Uri(m.baselineConstraints, r) },
        statisticsResource: { s3Uri: tfS3Uri(m.baselineStatistics, r) },
      },
      dataQualityJobInput: { endpointInput: { endpointName: props.endpointName, localPath: '/opt/ml/processing/input/endpoint', s3InputMode: 'File', s3DataDistributionType: 'FullyReplicated' } },
      dataQualityJobOutputConfig: {
        kmsKeyId: r.kmsKeyArn,
        monitoringOutputs: { s3Output: { s3Uri: tfS3Uri(m.reports, r), localPath: '/opt/ml/processing/output', s3UploadMode: 'EndOfJob' } },
      },
      jobResources: { clusterConfig: { instanceCount: m.instanceCount, instanceType: m.instanceType, volumeSizeInGb: m.volumeSizeInGb, volumeKmsKeyId: r.kmsKeyArn } },
      networkConfig: { enableInterContainerTrafficEncryption: true },
      stoppingCondition: { maxRuntimeInSeconds: m.maxRuntimeInSeconds },
      dependsOn: [props.endpoint, role.policy],
    });
    this.schedule = new SagemakerMonitoringSchedule(this, 'Schedule', {
      name: m.scheduleName,
      monitoringScheduleConfig: {
        monitoringJobDefinitionName: this.jobDefinition.name,
        monitoringType: 'DataQuality',
        scheduleConfig: { scheduleExpression: m.scheduleExpression },
      },
    });
  }
}
