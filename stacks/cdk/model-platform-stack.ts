/**
 * The platform stack of a multi-model app: everything its model deployments share, created once. A VPC,
 * a shared GPU EKS cluster (Karpenter, KEDA, the External Secrets Operator, monitoring, the model bucket),
 * and the SageMaker endpoints' KMS key, artifact and data buckets and model security group.
 *
 * Model stacks reach it through a fixed set of named exports ({@link PlatformExports}), never through
 * CDK's automatic cross-stack references: those would add an export to this template for every new kind
 * of reference a model makes, so adding a model could change the platform stack. Here its template is the
 * same whatever the models (tested).
 */
import { ArnFormat, CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { llmEksDeploymentConfig } from '../../blueprints/eks/deployment-config';
import { GpuInferenceCluster } from '../../constructs/cdk/eks/gpu-inference-cluster';
import { SageMakerEndpointStorage, type ISageMakerEndpointStorage } from '../../constructs/cdk/sagemaker/endpoint-storage';
import type { ISageMakerEndpointNetwork } from '../../constructs/cdk/sagemaker/endpoint-network';
import type { IModelBucket } from '../../constructs/cdk/eks/model-bucket';
import { alarmTopicName } from '../../lib/eks/alert-routing';
import { gpuClusterSettings } from '../../lib/eks/deployment-config';
import { tenantSecretIdPattern } from '../../lib/eks/platform-gateway';
import { apiKeySecretName } from '../../lib/eks/serving';
import { reviewAvailabilityZones } from '../../lib/synth/spec-deployment';
import { REVIEW_ACCOUNT } from '../../blueprints/blueprint';

export interface ModelPlatformStackProps extends StackProps {
  /**
   * The planned deployment the shared cluster is built around: its name names the cluster and the model
   * bucket, its plan sizes the cluster's default GPU NodePool (`<name>-gpu`). Model deployments bring their
   * own NodePools in their stacks.
   */
  readonly cluster: BlueprintContext;
}

/** Export names, fixed per platform stack: the only coupling between the platform and the model stacks. */
export function platformExportNames(platformStackName: string) {
  const name = (what: string) => `${platformStackName}-${what}`;
  return {
    kubectlServiceToken: name('KubectlServiceToken'),
    modelBucketKeyArn: name('ModelBucketKeyArn'),
    vpcId: name('VpcId'),
    privateSubnetIds: [0, 1, 2].map((i) => name(`PrivateSubnet${i}`)),
    sageMakerKeyArn: name('SageMakerKeyArn'),
    sageMakerArtifactsBucket: name('SageMakerArtifactsBucket'),
    sageMakerDataBucket: name('SageMakerDataBucket'),
    sageMakerSecurityGroupId: name('SageMakerSecurityGroupId'),
  };
}

/** Literal names model stacks need besides the exports. */
export interface PlatformNames {
  readonly stackName: string;
  readonly clusterName: string;
  readonly modelBucketName: string;
  readonly region: string;
  readonly account: string;
}

export class ModelPlatformStack extends Stack {
  public readonly gpuCluster: GpuInferenceCluster;
  public readonly sageMakerStorage: SageMakerEndpointStorage;
  public readonly names: PlatformNames;

  constructor(scope: Construct, id: string, props: ModelPlatformStackProps) {
    const { cluster: context, ...stackProps } = props;
    super(scope, id, { ...stackProps, env: context.env, description: stackProps.description ?? `Shared platform of ${context.name}: VPC, GPU EKS cluster, keys and buckets (ai-model-deployment)` });
    if (this.account === REVIEW_ACCOUNT) {
      const key = `availability-zones:account=${this.account}:region=${this.region}`;
      if (this.node.tryGetContext(key) === undefined) this.node.setContext(key, reviewAvailabilityZones(this.region));
    }
    const config = llmEksDeploymentConfig(context);
    this.gpuCluster = new GpuInferenceCluster(this, 'GpuCluster', {
      ...gpuClusterSettings(config),
      // Every model's generated API key (`aimd/<model>/api-key`): the operator syncs them for all models on the cluster;
      // and the keys of the tenants of a model gateway on this platform (`aimd/<platform>/tenants/*`, docs/gateway.md).
      externalSecretIds: [apiKeySecretName('*'), tenantSecretIdPattern(config.name)],
    });
    this.names = { stackName: this.stackName, clusterName: config.name, modelBucketName: config.serving.modelBucketName, region: this.region, account: this.account };

    this.sageMakerStorage = new SageMakerEndpointStorage(this, 'SageMakerStorage');
    const vpc = this.gpuCluster.vpc;
    const sageMakerModels = new ec2.SecurityGroup(this, 'SageMakerModelSecurityGroup', {
      vpc,
      description: 'SageMaker model containers of every model stack: no inbound; HTTPS out',
      allowAllOutbound: false,
    });
    sageMakerModels.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to S3 (gateway endpoint) and AWS APIs');

    const exports = platformExportNames(this.stackName);
    const privateSubnets = vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds;
    const exported: Array<[string, string]> = [
      [exports.kubectlServiceToken, this.gpuCluster.cluster.kubectlProvider!.serviceToken],
      [exports.modelBucketKeyArn, this.gpuCluster.modelBucket.encryptionKey.keyArn],
      [exports.vpcId, vpc.vpcId],
      ...exports.privateSubnetIds.map((name, i): [string, string] => [name, privateSubnets[i % privateSubnets.length]!]),
      [exports.sageMakerKeyArn, this.sageMakerStorage.encryptionKey.keyArn],
      [exports.sageMakerArtifactsBucket, this.sageMakerStorage.artifactsBucket.bucketName],
      [exports.sageMakerDataBucket, this.sageMakerStorage.dataBucket.bucketName],
      [exports.sageMakerSecurityGroupId, sageMakerModels.securityGroupId],
    ];
    for (const [exportName, value] of exported) {
      new CfnOutput(this, exportName.slice(this.stackName.length + 1), { value, exportName });
    }
  }
}

/** The platform as a model stack sees it: imported by export name, created once per model stack. */
export class ImportedModelPlatform extends Construct {
  public readonly cluster: eks.ICluster;
  public readonly modelBucket: IModelBucket;
  public readonly alarmTopic: sns.ITopic;
  public readonly sageMakerStorage: ISageMakerEndpointStorage;
  public readonly sageMakerNetwork: ISageMakerEndpointNetwork;

  constructor(scope: Construct, id: string, public readonly names: PlatformNames) {
    super(scope, id);
    const exports = platformExportNames(names.stackName);
    const stack = Stack.of(this);
    this.cluster = eks.Cluster.fromClusterAttributes(this, 'Cluster', {
      clusterName: names.clusterName,
      kubectlProvider: eks.KubectlProvider.fromKubectlProviderAttributes(this, 'KubectlProvider', { serviceToken: Fn.importValue(exports.kubectlServiceToken) }),
    });
    this.modelBucket = {
      bucket: s3.Bucket.fromBucketName(this, 'ModelBucket', names.modelBucketName),
      encryptionKey: kms.Key.fromKeyArn(this, 'ModelBucketKey', Fn.importValue(exports.modelBucketKeyArn)),
    };
    this.alarmTopic = sns.Topic.fromTopicArn(this, 'AlarmTopic', stack.formatArn({ service: 'sns', resource: alarmTopicName(names.clusterName), arnFormat: ArnFormat.NO_RESOURCE_NAME }));
    const key = kms.Key.fromKeyArn(this, 'SageMakerKey', Fn.importValue(exports.sageMakerKeyArn));
    this.sageMakerStorage = {
      encryptionKey: key,
      artifactsBucket: s3.Bucket.fromBucketAttributes(this, 'ArtifactsBucket', { bucketName: Fn.importValue(exports.sageMakerArtifactsBucket), encryptionKey: key }),
      dataBucket: s3.Bucket.fromBucketAttributes(this, 'DataBucket', { bucketName: Fn.importValue(exports.sageMakerDataBucket), encryptionKey: key }),
    };
    const subnetIds = exports.privateSubnetIds.map((name) => Fn.importValue(name));
    this.sageMakerNetwork = {
      vpc: ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
        vpcId: Fn.importValue(exports.vpcId),
        // Only bookkeeping for an imported VPC: SageMaker places instances by subnet.
        availabilityZones: reviewAvailabilityZones(names.region),
        privateSubnetIds: subnetIds,
      }),
      subnetIds,
      securityGroup: ec2.SecurityGroup.fromSecurityGroupId(this, 'SageMakerModelSecurityGroup', Fn.importValue(exports.sageMakerSecurityGroupId), { mutable: false }),
    };
  }
}
