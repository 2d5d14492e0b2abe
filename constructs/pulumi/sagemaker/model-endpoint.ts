/**
 * `SageMakerModelEndpoint` (Pulumi ComponentResource): the endpoint of an engine-neutral description
 * with `@pulumi/aws` `aws.sagemaker.*` — models, endpoint configuration (variants, shadow variants,
 * serverless, async, data capture), endpoint with deployment guardrails, autoscaling, Model Monitor,
 * alarms, dashboard and Model Package Group.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ModelDescription, SageMakerEndpointDescription, VariantDescription } from '../../../lib/sagemaker/types';
import { SageMakerDataQualityMonitor } from './data-quality-monitor';
import { SageMakerModelQualityMonitor } from './model-quality-monitor';
import { encryptedTopic, SageMakerEndpointAlarms } from './endpoint-alarms';
import { endpointAutoscaling } from './endpoint-autoscaling';
import { pulumiS3Uri, type PulumiEndpointResources } from './private/resource-refs';
import { SageMakerServiceRole } from './sagemaker-service-role';
import { endpointDeploymentConfig } from '../../../lib/sagemaker/deployment-config';

export interface SageMakerModelEndpointArgs {
  /** What to deploy, decided from the plan by `describeSageMakerEndpoint`. */
  readonly description: SageMakerEndpointDescription;
  /** Buckets, key, account and partition (topics are added by this component). */
  readonly resources: Omit<PulumiEndpointResources, 'topicArns'>;
  /** Subnets and security group of VPC models. Required when `description.vpc`. */
  readonly network?: { readonly subnetIds: pulumi.Input<string>[]; readonly securityGroupId: pulumi.Input<string> };
}

export class SageMakerModelEndpoint extends pulumi.ComponentResource {
  public readonly endpoint: aws.sagemaker.Endpoint;
  public readonly endpointConfig: aws.sagemaker.EndpointConfiguration;
  public readonly endpointName: pulumi.Output<string>;
  /** The endpoint's alarm topic (subscribed to its recipients): other alarms of the deployment notify it too. */
  public readonly alarmTopicArn: pulumi.Output<string>;

  constructor(name: string, args: SageMakerModelEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:sagemaker:ModelEndpoint', name, {}, opts);
    const d = args.description;
    if (d.vpc && args.network === undefined) throw new Error(`SageMakerModelEndpoint '${name}': network is required because the models of ${d.endpointName} run in a VPC. Fix: pass a SageMakerEndpointNetwork.`);
    const o = { parent: this };
    const topicArns: PulumiEndpointResources['topicArns'] = {};
    if (d.asyncInference !== undefined) {
      topicArns['async-success'] = encryptedTopic(`${name}-async-success`, `${d.endpointName}-async-success`, args.resources.kmsKeyArn, this).arn;
      topicArns['async-error'] = encryptedTopic(`${name}-async-error`, `${d.endpointName}-async-error`, args.resources.kmsKeyArn, this).arn;
    }
    const alarms = new SageMakerEndpointAlarms(`${name}-alarms`, { description: d, kmsKeyArn: args.resources.kmsKeyArn, accountId: args.resources.accountId, partition: args.resources.partition }, o);
    topicArns.alarms = alarms.topic.arn;
    this.alarmTopicArn = alarms.topic.arn;
    const r: PulumiEndpointResources = { ...args.resources, topicArns };

    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { name: `/aws/sagemaker/Endpoints/${d.endpointName}`, retentionInDays: d.logRetentionDays, kmsKeyId: r.kmsKeyArn }, o);
    const role = new SageMakerServiceRole(`${name}-execution`, { description: `Execution role of SageMaker endpoint ${d.endpointName}`, statements: d.executionPermissions, resources: r }, o);
    const models = new Map<string, aws.sagemaker.Model>();
    for (const m of d.models) models.set(m.id, this.model(name, m, role, r, args.network, logGroup));

    const variant = (v: VariantDescription) => ({
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
    this.endpointConfig = new aws.sagemaker.EndpointConfiguration(`${name}-config`, {
      productionVariants: d.productionVariants.map(variant),
      ...(d.shadowVariants.length > 0 ? { shadowProductionVariants: d.shadowVariants.map(variant) } : {}),
      ...(d.volumeKmsEncryption ? { kmsKeyArn: r.kmsKeyArn } : {}),
      ...(a ? {
        asyncInferenceConfig: {
          clientConfig: { maxConcurrentInvocationsPerInstance: a.maxConcurrentInvocationsPerInstance },
          outputConfig: {
            s3OutputPath: pulumiS3Uri(a.output, r),
            s3FailurePath: pulumiS3Uri(a.failure, r),
            kmsKeyId: r.kmsKeyArn,
            notificationConfig: { successTopic: topicArns[a.successTopic], errorTopic: topicArns[a.errorTopic] },
          },
        },
      } : {}),
      ...(c ? {
        dataCaptureConfig: {
          enableCapture: true,
          initialSamplingPercentage: c.initialSamplingPercentage,
          destinationS3Uri: pulumiS3Uri(c.destination, r),
          kmsKeyId: r.kmsKeyArn,
          captureOptions: c.captureModes.map((captureMode) => ({ captureMode })),
          captureContentTypeHeader: { ...(c.jsonContentTypes.length ? { jsonContentTypes: [...c.jsonContentTypes] } : {}), ...(c.csvContentTypes.length ? { csvContentTypes: [...c.csvContentTypes] } : {}) },
        },
      } : {}),
    }, o);
    const rollbackAlarms = (d.deployment?.rollbackAlarmNames ?? []).map((n) => alarms.alarms.get(n)).filter((x): x is aws.cloudwatch.MetricAlarm => x !== undefined);
    this.endpoint = new aws.sagemaker.Endpoint(`${name}-endpoint`, {
      name: d.endpointName,
      endpointConfigName: this.endpointConfig.name,
      ...(d.deployment ? { deploymentConfig: endpointDeploymentConfig(d) as aws.types.input.sagemaker.EndpointDeploymentConfig } : {}),
    }, { parent: this, dependsOn: rollbackAlarms });
    this.endpointName = this.endpoint.name;
    endpointAutoscaling(`${name}-scaling`, d.endpointName, d.autoscaling, d.alarms, this.endpoint, this);
    if (d.monitoring !== undefined) {
      new SageMakerDataQualityMonitor(`${name}-monitor`, { endpointName: d.endpointName, monitoring: d.monitoring, permissions: d.monitoringPermissions, resources: r, endpoint: this.endpoint }, o);
    }
    if (d.modelQuality !== undefined) {
      new SageMakerModelQualityMonitor(`${name}-model-quality`, { endpointName: d.endpointName, monitoring: d.modelQuality, permissions: d.modelQualityPermissions, resources: r, endpoint: this.endpoint }, o);
    }
    if (d.modelRegistry !== undefined) {
      new aws.sagemaker.ModelPackageGroup(`${name}-registry`, { modelPackageGroupName: d.modelRegistry.groupName, modelPackageGroupDescription: d.modelRegistry.description }, { parent: this, retainOnDelete: true });
    }
    this.registerOutputs({ endpointName: this.endpointName });
  }

  private model(name: string, m: ModelDescription, role: SageMakerServiceRole, r: PulumiEndpointResources, network: SageMakerModelEndpointArgs['network'], logGroup: aws.cloudwatch.LogGroup): aws.sagemaker.Model {
    const uri = pulumiS3Uri(m.artifacts.location, r);
    const primaryContainer = {
      image: m.image.uri,
      environment: { ...m.environment },
      mode: m.artifacts.kind === 'multi-model' ? 'MultiModel' : 'SingleModel',
      ...(m.artifacts.kind === 'prefix'
        ? { modelDataSource: { s3DataSources: [{ s3Uri: uri, s3DataType: 'S3Prefix', compressionType: 'None' }] } }
        : { modelDataUrl: uri }),
    };
    // A serial inference pipeline: the containers in order, run one after the other.
    const containers = m.pipeline?.map((c) => ({ containerHostname: c.hostname, image: c.image.uri, environment: { ...c.environment }, modelDataUrl: pulumiS3Uri(c.artifacts, r) }));
    return new aws.sagemaker.Model(`${name}-${m.id}`, {
      executionRoleArn: role.role.arn,
      enableNetworkIsolation: m.networkIsolation,
      ...(containers ? { containers, inferenceExecutionConfig: { mode: 'Serial' } } : { primaryContainer }),
      ...(m.vpc && network ? { vpcConfig: { subnets: network.subnetIds, securityGroupIds: [network.securityGroupId] } } : {}),
    }, { parent: this, dependsOn: [role.policy, logGroup] });
  }
}

