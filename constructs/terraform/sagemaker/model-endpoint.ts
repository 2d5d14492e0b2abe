/**
 * `SageMakerModelEndpoint` (cdktf): the endpoint of an engine-neutral description with the
 * `@cdktf/provider-aws` SageMaker resources — models, endpoint configuration (variants, shadow
 * variants, serverless, async, data capture), endpoint with deployment guardrails, autoscaling, Model
 * Monitor, alarms, dashboard and Model Package Group.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SagemakerEndpoint, type SagemakerEndpointDeploymentConfig } from '@cdktf/provider-aws/lib/sagemaker-endpoint';
import { SagemakerEndpointConfiguration, type SagemakerEndpointConfigurationProductionVariants, type SagemakerEndpointConfigurationShadowProductionVariants } from '@cdktf/provider-aws/lib/sagemaker-endpoint-configuration';
import { SagemakerModel } from '@cdktf/provider-aws/lib/sagemaker-model';
import { SagemakerModelPackageGroup } from '@cdktf/provider-aws/lib/sagemaker-model-package-group';
import { Construct } from 'constructs';
import type { ModelDescription, SageMakerEndpointDescription, VariantDescription } from '../../../lib/sagemaker/types';
import { SageMakerDataQualityMonitor } from './data-quality-monitor';
import { SageMakerModelQualityMonitor } from './model-quality-monitor';
import { encryptedTopic, SageMakerEndpointAlarms } from './endpoint-alarms';
import { SageMakerEndpointAutoscaling } from './endpoint-autoscaling';
import { tfS3Uri, type TerraformEndpointResources } from './private/resource-refs';
import { SageMakerServiceRole } from './sagemaker-service-role';
import { endpointDeploymentConfig } from '../../../lib/sagemaker/deployment-config';

export interface SageMakerModelEndpointProps {
  /** What to deploy, decided from the plan by `describeSageMakerEndpoint`. */
  readonly description: SageMakerEndpointDescription;
  /** Buckets, key, account and partition (topics are added by this construct). */
  readonly resources: Omit<TerraformEndpointResources, 'topicArns'>;
  /** Subnets and security group of VPC models. Required when `description.vpc`. */
  readonly network?: { readonly subnetIds: readonly string[]; readonly securityGroupId: string };
}

export class SageMakerModelEndpoint extends Construct {
  public readonly endpoint: SagemakerEndpoint;
  public readonly endpointConfig: SagemakerEndpointConfiguration;
  public readonly models: ReadonlyMap<string, SagemakerModel>;
  public readonly alarms: SageMakerEndpointAlarms;

  constructor(scope: Construct, id: string, props: SageMakerModelEndpointProps) {
    super(scope, id);
    const d = props.description;
    if (d.vpc && props.network === undefined) throw new Error(`SageMakerModelEndpoint '${id}': network is required because the models of ${d.endpointName} run in a VPC. Fix: pass a SageMakerEndpointNetwork.`);
    const topicArns: TerraformEndpointResources['topicArns'] = {};
    if (d.asyncInference !== undefined) {
      topicArns['async-success'] = encryptedTopic(this, 'AsyncSuccessTopic', `${d.endpointName}-async-success`, props.resources.kmsKeyArn).arn;
      topicArns['async-error'] = encryptedTopic(this, 'AsyncErrorTopic', `${d.endpointName}-async-error`, props.resources.kmsKeyArn).arn;
    }
    this.alarms = new SageMakerEndpointAlarms(this, 'Alarms', { description: d, kmsKeyArn: props.resources.kmsKeyArn, accountId: props.resources.accountId, partition: props.resources.partition });
    topicArns.alarms = this.alarms.topic.arn;
    const r: TerraformEndpointResources = { ...props.resources, topicArns };

    const logGroup = new CloudwatchLogGroup(this, 'LogGroup', { name: `/aws/sagemaker/Endpoints/${d.endpointName}`, retentionInDays: d.logRetentionDays, kmsKeyId: r.kmsKeyArn });
    const role = new SageMakerServiceRole(this, 'ExecutionRole', { description: `Execution role of SageMaker endpoint ${d.endpointName}`, statements: d.executionPermissions, resources: r });
    const models = new Map<string, SagemakerModel>();
    for (const m of d.models) models.set(m.id, this.model(m, role, r, props.network, [logGroup]));
    this.models = models;

    const variant = (v: VariantDescription): SagemakerEndpointConfigurationProductionVariants => ({
      variantName: v.name,
      modelName: models.get(v.modelId)!.name,
      initialVariantWeight: v.initialVariantWeight,
      ...(v.serverless
        ? { serverlessConfig: { memorySizeInMb: v.serverless.memorySizeInMb, maxConcurrency: v.serverless.maxConcurrency, ...(v.serverless.provisionedConcurrency > 0 ? { provisionedConcurrency: v.serverless.provisionedConcurrency } : {}) } }
        : { instanceType: v.instanceType, initialInstanceCount: v.initialInstanceCount }),
      ...(v.containerStartupHealthCheckTimeoutInSeconds !== undefined ? { containerStartupHealthCheckTimeoutInSeconds: v.containerStartupHealthCheckTimeoutInSeconds } : {}),
      ...(v.modelDataDownloadTimeoutInSeconds !== undefined ? { modelDataDownloadTimeoutInSeconds: v.modelDataDownloadTimeoutInSeconds } : {}),
    });
    const a = d.asyncInference;
    const c = d.dataCapture;
    this.endpointConfig = new SagemakerEndpointConfiguration(this, 'EndpointConfig', {
      namePrefix: `${d.endpointName}-`,
      productionVariants: d.productionVariants.map(variant),
      // Shadow variants share the production variant's fields (the provider types them apart).
      ...(d.shadowVariants.length > 0 ? { shadowProductionVariants: d.shadowVariants.map(variant) as SagemakerEndpointConfigurationShadowProductionVariants[] } : {}),
      ...(d.volumeKmsEncryption ? { kmsKeyArn: r.kmsKeyArn } : {}),
      ...(a ? {
        asyncInferenceConfig: {
          clientConfig: { maxConcurrentInvocationsPerInstance: a.maxConcurrentInvocationsPerInstance },
          outputConfig: {
            s3OutputPath: tfS3Uri(a.output, r),
            s3FailurePath: tfS3Uri(a.failure, r),
            kmsKeyId: r.kmsKeyArn,
            notificationConfig: { successTopic: topicArns[a.successTopic], errorTopic: topicArns[a.errorTopic] },
          },
        },
      } : {}),
      ...(c ? {
        dataCaptureConfig: {
          enableCapture: true,
          initialSamplingPercentage: c.initialSamplingPercentage,
          destinationS3Uri: tfS3Uri(c.destination, r),
          kmsKeyId: r.kmsKeyArn,
          captureOptions: c.captureModes.map((captureMode) => ({ captureMode })),
          captureContentTypeHeader: { ...(c.jsonContentTypes.length ? { jsonContentTypes: [...c.jsonContentTypes] } : {}), ...(c.csvContentTypes.length ? { csvContentTypes: [...c.csvContentTypes] } : {}) },
        },
      } : {}),
      // A configuration is immutable: the new one must exist before the endpoint switches to it.
      lifecycle: { createBeforeDestroy: true },
    });
    const rollbackAlarms = (d.deployment?.rollbackAlarmNames ?? []).map((name) => this.alarms.alarms.get(name)!).filter(Boolean);
    this.endpoint = new SagemakerEndpoint(this, 'Endpoint', {
      name: d.endpointName,
      endpointConfigName: this.endpointConfig.name,
      ...(d.deployment ? { deploymentConfig: endpointDeploymentConfig(d) as SagemakerEndpointDeploymentConfig } : {}),
      dependsOn: rollbackAlarms,
    });
    new SageMakerEndpointAutoscaling(this, 'Autoscaling', { endpointName: d.endpointName, scaling: d.autoscaling, alarms: this.alarms.alarms, endpoint: this.endpoint });
    if (d.monitoring !== undefined) {
      new SageMakerDataQualityMonitor(this, 'DataQualityMonitor', { endpointName: d.endpointName, monitoring: d.monitoring, permissions: d.monitoringPermissions, resources: r, endpoint: this.endpoint });
    }
    if (d.modelQuality !== undefined) {
      new SageMakerModelQualityMonitor(this, 'ModelQualityMonitor', { endpointName: d.endpointName, monitoring: d.modelQuality, permissions: d.modelQualityPermissions, resources: r, endpoint: this.endpoint });
    }
    if (d.modelRegistry !== undefined) {
      new SagemakerModelPackageGroup(this, 'ModelPackageGroup', {
        modelPackageGroupName: d.modelRegistry.groupName,
        modelPackageGroupDescription: d.modelRegistry.description,
        lifecycle: { preventDestroy: true },
      });
    }
  }

  private model(m: ModelDescription, role: SageMakerServiceRole, r: TerraformEndpointResources, network: SageMakerModelEndpointProps['network'], after: CloudwatchLogGroup[]): SagemakerModel {
    const uri = tfS3Uri(m.artifacts.location, r);
    const primaryContainer = {
      image: m.image.uri,
      environment: { ...m.environment },
      mode: m.artifacts.kind === 'multi-model' ? 'MultiModel' : 'SingleModel',
      ...(m.artifacts.kind === 'prefix'
        ? { modelDataSource: { s3DataSource: [{ s3Uri: uri, s3DataType: 'S3Prefix', compressionType: 'None' }] } }
        : { modelDataUrl: uri }),
    };
    // A serial inference pipeline: the containers in order, run one after the other.
    const container = m.pipeline?.map((c) => ({ containerHostname: c.hostname, image: c.image.uri, environment: { ...c.environment }, modelDataUrl: tfS3Uri(c.artifacts, r) }));
    return new SagemakerModel(this, `${m.id}Model`, {
      executionRoleArn: role.role.arn,
      enableNetworkIsolation: m.networkIsolation,
      ...(container ? { container, inferenceExecutionConfig: { mode: 'Serial' } } : { primaryContainer }),
      ...(m.vpc && network ? { vpcConfig: { subnets: [...network.subnetIds], securityGroupIds: [network.securityGroupId] } } : {}),
      // The role's permissions and the log group must exist before SageMaker starts the container.
      dependsOn: [role.policy, ...after],
    });
  }
}

