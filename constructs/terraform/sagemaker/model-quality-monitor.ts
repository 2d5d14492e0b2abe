/**
 * `SageMakerModelQualityMonitor` (cdktf): the Model Monitor model-quality job definition and hourly
 * schedule. `hashicorp/aws` has no model-quality job definition, so the job definition comes from the
 * AWS Cloud Control provider (`awscc_sagemaker_model_quality_job_definition`, the same CloudFormation
 * schema the CDK renders); the schedule, role and alarm stay on `hashicorp/aws`
 * (`aws_sagemaker_monitoring_schedule` accepts `monitoring_type = "ModelQuality"`).
 */
import { SagemakerMonitoringSchedule } from '@cdktf/provider-aws/lib/sagemaker-monitoring-schedule';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ModelQualityMonitoringDescription, PermissionStatement } from '../../../lib/sagemaker/types';
import { AwsccProvider } from '../awscc/provider';
import { SagemakerModelQualityJobDefinition } from '../awscc/sagemaker-model-quality-job-definition';
import { tfS3Uri, type TerraformEndpointResources } from './private/resource-refs';
import { SageMakerServiceRole } from './sagemaker-service-role';

export interface SageMakerModelQualityMonitorProps {
  /** The monitored endpoint (with data capture on). */
  readonly endpointName: string;
  /** Job, schedule and S3 locations, as described by `describeSageMakerEndpoint`. */
  readonly monitoring: ModelQualityMonitoringDescription;
  /** Statements of the job's role (read capture, ground truth and baseline, write reports). */
  readonly permissions: readonly PermissionStatement[];
  /** The buckets and key the locations and statements name. */
  readonly resources: TerraformEndpointResources;
  /** The endpoint: the job definition is created after it. */
  readonly endpoint: ITerraformDependable;
  /**
   * The awscc provider of the job definition.
   * @default - a new default `awscc` provider in the endpoint's region (one per stack)
   */
  readonly awscc?: AwsccProvider;
}

export class SageMakerModelQualityMonitor extends Construct {
  public readonly jobDefinition: SagemakerModelQualityJobDefinition;
  public readonly schedule: SagemakerMonitoringSchedule;

  constructor(scope: Construct, id: string, props: SageMakerModelQualityMonitorProps) {
    super(scope, id);
    const m = props.monitoring;
    const r = props.resources;
    const awscc = props.awscc ?? new AwsccProvider(this, 'awscc', { region: r.region });
    const role = new SageMakerServiceRole(this, 'JobRole', { description: `Model Monitor model-quality job of endpoint ${props.endpointName}`, statements: props.permissions, resources: r });
    this.jobDefinition = new SagemakerModelQualityJobDefinition(this, 'JobDefinition', {
      provider: awscc,
      jobDefinitionName: m.jobDefinitionName,
      roleArn: role.role.arn,
      modelQualityAppSpecification: { imageUri: m.image.uri, problemType: m.problemType, environment: { ...m.environment } },
      modelQualityBaselineConfig: { constraintsResource: { s3Uri: tfS3Uri(m.baselineConstraints, r) } },
      modelQualityJobInput: {
        endpointInput: {
          endpointName: props.endpointName,
          localPath: '/opt/ml/processing/input/endpoint',
          s3InputMode: 'File',
          s3DataDistributionType: 'FullyReplicated',
          inferenceAttribute: m.inferenceAttribute,
          probabilityAttribute: m.probabilityAttribute,
          probabilityThresholdAttribute: m.probabilityThresholdAttribute,
        },
        groundTruthS3Input: { s3Uri: tfS3Uri(m.groundTruth, r) },
      },
      modelQualityJobOutputConfig: {
        kmsKeyId: r.kmsKeyArn,
        monitoringOutputs: [{ s3Output: { s3Uri: tfS3Uri(m.reports, r), localPath: '/opt/ml/processing/output', s3UploadMode: 'EndOfJob' } }],
      },
      jobResources: { clusterConfig: { instanceCount: m.instanceCount, instanceType: m.instanceType, volumeSizeInGb: m.volumeSizeInGb, volumeKmsKeyId: r.kmsKeyArn } },
      networkConfig: { enableInterContainerTrafficEncryption: true },
      stoppingCondition: { maxRuntimeInSeconds: m.maxRuntimeInSeconds },
      dependsOn: [props.endpoint, role.policy],
    });
    this.schedule = new SagemakerMonitoringSchedule(this, 'Schedule', {
      name: m.scheduleName,
      monitoringScheduleConfig: {
        monitoringJobDefinitionName: m.jobDefinitionName,
        monitoringType: 'ModelQuality',
        scheduleConfig: { scheduleExpression: m.scheduleExpression },
      },
      dependsOn: [this.jobDefinition],
    });
  }
}
