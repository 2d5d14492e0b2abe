/**
 * `SageMakerModelQualityMonitor` (Pulumi): the Model Monitor model-quality job definition and hourly
 * schedule. `@pulumi/aws` has no model-quality job definition (it follows hashicorp/aws, which lacks
 * one), so the job definition comes from `@pulumi/aws-native` (Cloud Control, the same CloudFormation
 * schema the CDK renders; needs `aws-native:region`, which the Pulumi entry point sets); the schedule
 * and role stay on `@pulumi/aws` (`monitoringType: 'ModelQuality'`).
 */
import * as aws from '@pulumi/aws';
import * as sagemakerNative from '@pulumi/aws-native/sagemaker';
import * as pulumi from '@pulumi/pulumi';
import type { ModelQualityMonitoringDescription, PermissionStatement } from '../../../lib/sagemaker/types';
import { pulumiS3Uri, type PulumiEndpointResources } from './private/resource-refs';
import { SageMakerServiceRole } from './sagemaker-service-role';

export interface SageMakerModelQualityMonitorArgs {
  /** The monitored endpoint (with data capture on). */
  readonly endpointName: string;
  /** Job, schedule and S3 locations, as described by `describeSageMakerEndpoint`. */
  readonly monitoring: ModelQualityMonitoringDescription;
  /** Statements of the job's role (read capture, ground truth and baseline, write reports). */
  readonly permissions: readonly PermissionStatement[];
  /** The buckets and key the locations and statements name. */
  readonly resources: PulumiEndpointResources;
  /** The endpoint: the job definition is created after it. */
  readonly endpoint: pulumi.Resource;
}

export class SageMakerModelQualityMonitor extends pulumi.ComponentResource {
  constructor(name: string, args: SageMakerModelQualityMonitorArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:sagemaker:ModelQualityMonitor', name, {}, opts);
    const m = args.monitoring;
    const r = args.resources;
    const role = new SageMakerServiceRole(`${name}-job`, { description: `Model Monitor model-quality job of endpoint ${args.endpointName}`, statements: args.permissions, resources: r }, { parent: this });
    const job = new sagemakerNative.ModelQualityJobDefinition(`${name}-job`, {
      jobDefinitionName: m.jobDefinitionName,
      endpointName: args.endpointName,
      roleArn: role.role.arn,
      modelQualityAppSpecification: { imageUri: m.image.uri, problemType: m.problemType, environment: { ...m.environment } },
      modelQualityBaselineConfig: { constraintsResource: { s3Uri: pulumiS3Uri(m.baselineConstraints, r) } },
      modelQualityJobInput: {
        endpointInput: {
          endpointName: args.endpointName,
          localPath: '/opt/ml/processing/input/endpoint',
          s3InputMode: 'File',
          s3DataDistributionType: 'FullyReplicated',
          ...(m.inferenceAttribute !== undefined ? { inferenceAttribute: m.inferenceAttribute } : {}),
          ...(m.probabilityAttribute !== undefined ? { probabilityAttribute: m.probabilityAttribute } : {}),
          ...(m.probabilityThresholdAttribute !== undefined ? { probabilityThresholdAttribute: m.probabilityThresholdAttribute } : {}),
        },
        groundTruthS3Input: { s3Uri: pulumiS3Uri(m.groundTruth, r) },
      },
      modelQualityJobOutputConfig: {
        kmsKeyId: r.kmsKeyArn,
        monitoringOutputs: [{ s3Output: { s3Uri: pulumiS3Uri(m.reports, r), localPath: '/opt/ml/processing/output', s3UploadMode: 'EndOfJob' } }],
      },
      jobResources: { clusterConfig: { instanceCount: m.instanceCount, instanceType: m.instanceType, volumeSizeInGb: m.volumeSizeInGb, volumeKmsKeyId: r.kmsKeyArn } },
      networkConfig: { enableInterContainerTrafficEncryption: true },
      stoppingCondition: { maxRuntimeInSeconds: m.maxRuntimeInSeconds },
    }, { parent: this, dependsOn: [args.endpoint, role.policy] });
    new aws.sagemaker.MonitoringSchedule(`${name}-schedule`, {
      name: m.scheduleName,
      monitoringScheduleConfig: { monitoringJobDefinitionName: m.jobDefinitionName, monitoringType: 'ModelQuality', scheduleConfig: { scheduleExpression: m.scheduleExpression } },
    }, { parent: this, dependsOn: [job] });
    this.registerOutputs({});
  }
}
