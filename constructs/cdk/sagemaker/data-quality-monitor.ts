/**
 * `SageMakerDataQualityMonitor`: a Model Monitor data-quality job definition and its hourly schedule
 * for one endpoint. The job reads the endpoint's captured data, compares it with the baseline in the
 * same data bucket, writes reports there and publishes the drift metrics the drift alarm watches.
 */
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, type IDependable } from 'constructs';
import type { MonitoringDescription, PermissionStatement } from '../../../lib/sagemaker/types';
import { cdkS3Uri, type CdkEndpointResources } from './private/resource-refs';
import { SageMakerServiceRole } from './sagemaker-service-role';

export interface SageMakerDataQualityMonitorProps {
  /** The monitored endpoint (with data capture on). */
  readonly endpointName: string;
  /** Job, schedule and S3 locations, as described by `describeSageMakerEndpoint`. */
  readonly monitoring: MonitoringDescription;
  /** Statements of the job's role (read capture and baseline, write reports). */
  readonly permissions: readonly PermissionStatement[];
  /** The buckets and key the locations and statements name. */
  readonly resources: CdkEndpointResources;
  /** The endpoint: a schedule can only be created for an existing endpoint with data capture. */
  readonly endpoint: IDependable;
}

/** Data-quality job definition, schedule and the job's role. */
export class SageMakerDataQualityMonitor extends Construct {
  public readonly jobDefinition: sagemaker.CfnDataQualityJobDefinition;
  public readonly schedule: sagemaker.CfnMonitoringSchedule;

  constructor(scope: Construct, id: string, props: SageMakerDataQualityMonitorProps) {
    super(scope, id);
    const m = props.monitoring;
    const r = props.resources;
    const role = new SageMakerServiceRole(this, 'JobRole', { description: `Model Monitor data-quality job of endpoint ${props.endpointName}`, statements: props.permissions, resources: r });
    this.jobDefinition = new sagemaker.CfnDataQualityJobDefinition(this, 'JobDefinition', {
      jobDefinitionName: m.jobDefinitionName,
      endpointName: props.endpointName,
      roleArn: role.role.roleArn,
      dataQualityAppSpecification: { imageUri: m.image.uri, environment: { ...m.environment } },
      dataQualityBaselineConfig: {
        constraintsResource: { s3Uri: cdkS3Uri(m.baselineConstraints, r) },
        statisticsResource: { s3Uri: cdkS3Uri(m.baselineStatistics, r) },
      },
      dataQualityJobInput: { endpointInput: { endpointName: props.endpointName, localPath: '/opt/ml/processing/input/endpoint', s3InputMode: 'File', s3DataDistributionType: 'FullyReplicated' } },
      dataQualityJobOutputConfig: {
        kmsKeyId: r.encryptionKey.keyArn,
        monitoringOutputs: [{ s3Output: { s3Uri: cdkS3Uri(m.reports, r), localPath: '/opt/ml/processing/output', s3UploadMode: 'EndOfJob' } }],
      },
      jobResources: { clusterConfig: { instanceCount: m.instanceCount, instanceType: m.instanceType, volumeSizeInGb: m.volumeSizeInGb, volumeKmsKeyId: r.encryptionKey.keyArn } },
      networkConfig: { enableInterContainerTrafficEncryption: true },
      stoppingCondition: { maxRuntimeInSeconds: m.maxRuntimeInSeconds },
    });
    this.jobDefinition.node.addDependency(props.endpoint);
    this.schedule = new sagemaker.CfnMonitoringSchedule(this, 'Schedule', {
      monitoringScheduleName: m.scheduleName,
      endpointName: props.endpointName,
      monitoringScheduleConfig: {
        monitoringJobDefinitionName: m.jobDefinitionName,
        monitoringType: 'DataQuality',
        scheduleConfig: { scheduleExpression: m.scheduleExpression },
      },
    });
    this.schedule.node.addDependency(this.jobDefinition);
  }
}
