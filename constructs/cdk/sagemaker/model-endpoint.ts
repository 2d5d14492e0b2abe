/**
 * `SageMakerModelEndpoint`: a SageMaker endpoint built from the engine-neutral description
 * (`describeSageMakerEndpoint(plan)`) with the CloudFormation L1 resources, covering what the CDK L2
 * lacks: serverless and asynchronous endpoints, multi-model containers, shadow variants, data capture,
 * blue/green canary or linear deployment guardrails with automatic rollback, autoscaling (including
 * async scale to zero), Model Monitor, alarms, a dashboard and a Model Package Group.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ProblemCollector } from '../../../lib/errors';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';
import type { ModelDescription, SageMakerEndpointDescription, TopicRole, VariantDescription } from '../../../lib/sagemaker/types';
import { SageMakerDataQualityMonitor } from './data-quality-monitor';
import { SageMakerEndpointAlarms } from './endpoint-alarms';
import { SageMakerModelQualityMonitor } from './model-quality-monitor';
import { SageMakerEndpointAutoscaling } from './endpoint-autoscaling';
import { SageMakerEndpointNetwork, type ISageMakerEndpointNetwork } from './endpoint-network';
import { SageMakerEndpointStorage, type ISageMakerEndpointStorage } from './endpoint-storage';
import { cdkS3Uri, type CdkEndpointResources } from './private/resource-refs';
import { SageMakerServiceRole } from './sagemaker-service-role';
import { endpointDeploymentConfig } from '../../../lib/sagemaker/deployment-config';

/** A deployed SageMaker endpoint. */
export interface ISageMakerModelEndpoint {
  readonly endpointName: string;
  readonly endpointArn: string;
}

export interface SageMakerModelEndpointProps {
  /** What to deploy, decided from the plan by `describeSageMakerEndpoint`. */
  readonly description: SageMakerEndpointDescription;
  /**
   * Key and buckets (model artifacts, data).
   * @default - a new SageMakerEndpointStorage
   */
  readonly storage?: ISageMakerEndpointStorage;
  /**
   * Subnets and security group of the models. Cannot be specified when no model runs in a VPC
   * (serverless endpoints).
   * @default - a new SageMakerEndpointNetwork when a model runs in a VPC
   */
  readonly network?: ISageMakerEndpointNetwork;
  /**
   * Topic the alarms notify.
   * @default - a new KMS-encrypted topic
   */
  readonly alarmTopic?: sns.ITopic;
}

/** A SageMaker endpoint with guardrails, monitoring and autoscaling, as described. */
export class SageMakerModelEndpoint extends Construct implements ISageMakerModelEndpoint {
  public readonly endpointName: string;
  public readonly endpointArn: string;
  public readonly endpoint: sagemaker.CfnEndpoint;
  public readonly endpointConfig: sagemaker.CfnEndpointConfig;
  public readonly models: ReadonlyMap<string, sagemaker.CfnModel>;
  public readonly storage: ISageMakerEndpointStorage;
  public readonly network?: ISageMakerEndpointNetwork;
  public readonly executionRole: iam.IRole;
  public readonly alarms: SageMakerEndpointAlarms;
  public readonly monitor?: SageMakerDataQualityMonitor;
  public readonly modelQualityMonitor?: SageMakerModelQualityMonitor;
  public readonly modelPackageGroup?: sagemaker.CfnModelPackageGroup;

  constructor(scope: Construct, id: string, props: SageMakerModelEndpointProps) {
    super(scope, id);
    const d = props.description;
    const p = new ProblemCollector();
    p.check(!(props.network !== undefined && !d.vpc), 'network', '(given)', `no model of endpoint ${d.endpointName} runs in a VPC (mode ${d.mode})`, 'remove network');
    p.throwIfAny(`SageMakerModelEndpoint '${id}'`);

    this.endpointName = d.endpointName;
    this.storage = props.storage ?? new SageMakerEndpointStorage(this, 'Storage');
    // Flow logs use the endpoint's key only when this construct made it (and so allowed CloudWatch Logs).
    this.network = props.network ?? (d.vpc ? new SageMakerEndpointNetwork(this, 'Network', { encryptionKey: props.storage ? undefined : this.storage.encryptionKey }) : undefined);
    const key = this.storage.encryptionKey;
    const topics: Partial<Record<TopicRole, sns.ITopic>> = {};
    if (d.asyncInference !== undefined) {
      topics['async-success'] = new sns.Topic(this, 'AsyncSuccessTopic', { displayName: `${d.endpointName} async results`, masterKey: key, enforceSSL: true });
      topics['async-error'] = new sns.Topic(this, 'AsyncErrorTopic', { displayName: `${d.endpointName} async failures`, masterKey: key, enforceSSL: true });
    }
    const resources: CdkEndpointResources = { artifactsBucket: this.storage.artifactsBucket, dataBucket: this.storage.dataBucket, encryptionKey: key, topics };

    const logGroup = this.createLogGroup(d);
    const role = new SageMakerServiceRole(this, 'ExecutionRole', { description: `Execution role of SageMaker endpoint ${d.endpointName}`, statements: d.executionPermissions, resources });
    this.executionRole = role.role;
    const models = new Map<string, sagemaker.CfnModel>();
    for (const m of d.models) {
      const model = this.createModel(m, role.role, resources);
      model.node.addDependency(logGroup);
      models.set(m.id, model);
    }
    this.models = models;
    this.endpointConfig = this.createEndpointConfig(d, models, resources);

    this.alarms = new SageMakerEndpointAlarms(this, 'Alarms', { description: d, encryptionKey: key, alarmTopic: props.alarmTopic });
    topics.alarms = this.alarms.topic;
    this.endpoint = new sagemaker.CfnEndpoint(this, 'Endpoint', {
      endpointName: d.endpointName,
      endpointConfigName: this.endpointConfig.attrEndpointConfigName,
      deploymentConfig: endpointDeploymentConfig(d) as sagemaker.CfnEndpoint.DeploymentConfigProperty | undefined,
    });
    // Rollback alarms must exist before a deployment watches them.
    for (const name of d.deployment?.rollbackAlarmNames ?? []) {
      const alarm = this.alarms.alarms.get(name);
      if (alarm) this.endpoint.node.addDependency(alarm);
    }
    this.endpointArn = this.endpoint.ref;

    new SageMakerEndpointAutoscaling(this, 'Autoscaling', { endpointName: d.endpointName, scaling: d.autoscaling, alarms: this.alarms.alarms, endpoint: this.endpoint });
    if (d.monitoring !== undefined) {
      this.monitor = new SageMakerDataQualityMonitor(this, 'DataQualityMonitor', { endpointName: d.endpointName, monitoring: d.monitoring, permissions: d.monitoringPermissions, resources, endpoint: this.endpoint });
    }
    if (d.modelQuality !== undefined) {
      this.modelQualityMonitor = new SageMakerModelQualityMonitor(this, 'ModelQualityMonitor', { endpointName: d.endpointName, monitoring: d.modelQuality, permissions: d.modelQualityPermissions, resources, endpoint: this.endpoint });
    }
    if (d.modelRegistry !== undefined) {
      this.modelPackageGroup = new sagemaker.CfnModelPackageGroup(this, 'ModelPackageGroup', {
        modelPackageGroupName: d.modelRegistry.groupName,
        modelPackageGroupDescription: d.modelRegistry.description,
      });
      // Registered versions are the audit trail of what was deployed.
      this.modelPackageGroup.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
  }

  /**
   * The endpoint's log group, created first so that it is encrypted and expires as the spec says (the
   * key must allow CloudWatch Logs, as SageMakerEndpointStorage's key does).
   */
  private createLogGroup(d: SageMakerEndpointDescription): logs.LogGroup {
    const group = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/sagemaker/Endpoints/${d.endpointName}`,
      retention: d.logRetentionDays as logs.RetentionDays,
      encryptionKey: this.storage.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (d.logRetentionDays < 365) {
      acknowledgeFinding(group, 'cdk-validator-cfnguard::cloudwatch_log_group_retention_period_check',
        `container logs are kept ${d.logRetentionDays} days as the deployment spec sets (monitoring.logRetentionDays); raise it to 365 where logs are audit records`);
    }
    return group;
  }

  private createModel(m: ModelDescription, role: iam.IRole, r: CdkEndpointResources): sagemaker.CfnModel {
    const uri = cdkS3Uri(m.artifacts.location, r);
    const container: sagemaker.CfnModel.ContainerDefinitionProperty = {
      image: m.image.uri,
      environment: { ...m.environment },
      mode: m.artifacts.kind === 'multi-model' ? 'MultiModel' : 'SingleModel',
      ...(m.artifacts.kind === 'prefix'
        ? { modelDataSource: { s3DataSource: { s3Uri: uri, s3DataType: 'S3Prefix', compressionType: 'None' } } }
        : { modelDataUrl: uri }),
    };
    const network = m.vpc ? this.network : undefined;
    // A serial inference pipeline: the containers in order, run one after the other.
    const containers = m.pipeline?.map((c): sagemaker.CfnModel.ContainerDefinitionProperty => ({
      containerHostname: c.hostname, image: c.image.uri, environment: { ...c.environment }, modelDataUrl: cdkS3Uri(c.artifacts, r),
    }));
    return new sagemaker.CfnModel(this, `${m.id[0]!.toUpperCase()}${m.id.slice(1)}Model`, {
      executionRoleArn: role.roleArn,
      ...(containers ? { containers, inferenceExecutionConfig: { mode: 'Serial' } } : { primaryContainer: container }),
      enableNetworkIsolation: m.networkIsolation,
      ...(network ? { vpcConfig: { subnets: [...network.subnetIds], securityGroupIds: [network.securityGroup.securityGroupId] } } : {}),
    });
  }

  private createEndpointConfig(d: SageMakerEndpointDescription, models: ReadonlyMap<string, sagemaker.CfnModel>, r: CdkEndpointResources): sagemaker.CfnEndpointConfig {
    const variant = (v: VariantDescription): sagemaker.CfnEndpointConfig.ProductionVariantProperty => ({
      variantName: v.name,
      modelName: models.get(v.modelId)!.attrModelName,
      initialVariantWeight: v.initialVariantWeight,
      ...(v.serverless
        ? { serverlessConfig: { memorySizeInMb: v.serverless.memorySizeInMb, maxConcurrency: v.serverless.maxConcurrency, ...(v.serverless.provisionedConcurrency > 0 ? { provisionedConcurrency: v.serverless.provisionedConcurrency } : {}) } }
        : { instanceType: v.instanceType, initialInstanceCount: v.initialInstanceCount }),
      ...(v.containerStartupHealthCheckTimeoutInSeconds !== undefined ? { containerStartupHealthCheckTimeoutInSeconds: v.containerStartupHealthCheckTimeoutInSeconds } : {}),
      ...(v.modelDataDownloadTimeoutInSeconds !== undefined ? { modelDataDownloadTimeoutInSeconds: v.modelDataDownloadTimeoutInSeconds } : {}),
    });
    const key = r.encryptionKey.keyArn;
    const a = d.asyncInference;
    const c = d.dataCapture;
    const config = new sagemaker.CfnEndpointConfig(this, 'EndpointConfig', {
      productionVariants: d.productionVariants.map(variant),
      ...(d.shadowVariants.length > 0 ? { shadowProductionVariants: d.shadowVariants.map(variant) } : {}),
      ...(d.volumeKmsEncryption ? { kmsKeyId: key } : {}),
      ...(a ? {
        asyncInferenceConfig: {
          clientConfig: { maxConcurrentInvocationsPerInstance: a.maxConcurrentInvocationsPerInstance },
          outputConfig: {
            s3OutputPath: cdkS3Uri(a.output, r),
            s3FailurePath: cdkS3Uri(a.failure, r),
            kmsKeyId: key,
            notificationConfig: { successTopic: r.topics[a.successTopic]!.topicArn, errorTopic: r.topics[a.errorTopic]!.topicArn },
          },
        },
      } : {}),
      ...(c ? {
        dataCaptureConfig: {
          enableCapture: true,
          initialSamplingPercentage: c.initialSamplingPercentage,
          destinationS3Uri: cdkS3Uri(c.destination, r),
          kmsKeyId: key,
          captureOptions: c.captureModes.map((captureMode) => ({ captureMode })),
          captureContentTypeHeader: { ...(c.jsonContentTypes.length ? { jsonContentTypes: [...c.jsonContentTypes] } : {}), ...(c.csvContentTypes.length ? { csvContentTypes: [...c.csvContentTypes] } : {}) },
        },
      } : {}),
    });
    return config;
  }
}

