/**
 * `SageMakerModelQualityMonitor`: a Model Monitor model-quality job definition and its hourly schedule
 * for one endpoint. The job merges the endpoint's captured predictions with the ground-truth labels,
 * scores them against the baseline constraints in the data bucket, writes reports there and publishes
 * the model-quality metrics the model-quality alarm watches.
 */
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, type IDependable } from 'constructs';
import type { ModelQualityMonitoringDescription, PermissionStatement } from '../../../lib/sagemaker/types';
import { cdkS3Uri, type CdkEndpointResources } from './private/resource-refs';
import { SageMakerServiceRole } from './sagemaker-service-role';

export interface SageMakerModelQualityMonitorProps {
  /** The monitored endpoint (with data capture on). */
  readonly endpointName: string;
  /** Job, schedule and S3 locations, as described by `describeSageMakerEndpoint`. */
  readonly monitoring: ModelQualityMonitoringDescription;
  /** Statements of the job's role (read capture, ground truth and baseline, write reports). */
  readonly permissions: readonly PermissionStatement[];
  /** The buckets and key the locations and statements name. */
  readonly resources: CdkEndpointResources;
  /** The endpoint: a schedule can only be created for an existing endpoint with data capture. */
  readonly endpoint: IDependable;
}

/** Model-quality job definition, schedule and the job's role. */
export class SageMakerModelQualityMonitor extends Construct {
  public readonly jobDefinition: sagemaker.CfnModelQualityJobDefinition;
  public readonly schedule: sagemaker.CfnMonitoringSchedule;

  constructor(scope: Construct, id: string, props: SageMakerModelQualityMonitorProps) {
    super(scope, id);
    const m = props.monitoring;
    const r = props.resources;
    const role = new SageMakerServiceRole(this, 'JobRole', { description: `Model Monitor model-quality job of endpoint ${props.endpointName}`, statements: props.permissions, resources: r });
    this.jobDefinition = new sagemaker.CfnModelQualityJobDefinition(this, 'JobDefinition', {
      jobDefinitionName: m.jobDefinitionName,
      endpointName: props.endpointName,
      roleArn: role.role.roleArn,
      modelQualityAppSpecification: { imageUri: m.image.uri, problemType: m.problemType, environment: { ...m.environment } },
      modelQualityBaselineConfig: { constraintsResource: { s3Uri: cdkS3Uri(m.baselineConstraints, r) } },
      modelQualityJobInput: {
        endpointInput: {
          endpointName: props.endpointName,
          localPath: '/opt/ml/processing/input/endpoint',
          s3InputMode: 'File',
          s3DataDistributionType: 'FullyReplicated',
          ...(m.inferenceAttribute !== undefined ? { inferenceAttribute: m.inferenceAttribute } : {}),
          ...(m.probabilityAttribute !== undefined ? { probabilityAttribute: m.probabilityAttribute } : {}),
          ...(m.probabilityThresholdAttribute !== undefined ? { probabilityThresholdAttribute: m.probabilityThresholdAttribute } : {}),
        },
        groundTruthS3Input: { s3Uri: cdkS3Uri(m.groundTruth, r) },
      },
      modelQualityJobOutputConfig: {
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
        monitoringType: 'ModelQuality',
        scheduleConfig: { scheduleExpression: m.scheduleExpression },
      },
    });
    this.schedule.node.addDependency(this.jobDefinition);
  }
}
