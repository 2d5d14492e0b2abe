/**
 * The CDK stack of the `llm-eks*` blueprints: a GPU inference cluster and one vLLM deployment on it,
 * both from one {@link LlmEksDeploymentConfig}.
 */
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { GpuInferenceCluster } from '../../constructs/cdk/eks/gpu-inference-cluster';
import { LlmServingOnEks } from '../../constructs/cdk/eks/llm-serving-on-eks';
import type { LlmEksDeploymentConfig } from '../../lib/eks/deployment-config';
import { defaultModelPrefix } from '../../lib/eks/names';
import { servingNeedsAlbController, servingSecretIds } from '../../lib/eks/serving';

export interface LlmEksStackProps extends StackProps {
  readonly config: LlmEksDeploymentConfig;
}

export class LlmEksStack extends Stack {
  public readonly gpuCluster: GpuInferenceCluster;
  public readonly serving: LlmServingOnEks;

  constructor(scope: Construct, id: string, props: LlmEksStackProps) {
    super(scope, id, { ...props, description: props.description ?? `vLLM serving ${props.config.serving.model.id} on EKS (ai-model-deployment)` });
    const { config } = props;
    const vpc = config.vpc
      ? ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
          vpcId: config.vpc.vpcId,
          availabilityZones: this.availabilityZones.slice(0, config.vpc.privateSubnetIds.length),
          privateSubnetIds: [...config.vpc.privateSubnetIds],
        })
      : undefined;

    this.gpuCluster = new GpuInferenceCluster(this, 'GpuCluster', {
      clusterName: config.name,
      deploymentName: config.serving.name,
      plan: config.serving.plan,
      model: config.serving.model,
      loraAdapterCount: config.serving.loraAdapters?.length ?? 0,
      capacity: config.capacity,
      amiFamily: config.amiFamily,
      vpc,
      adminRoleArns: config.adminRoleArns,
      publicEndpointCidrs: config.publicEndpointCidrs,
      capacityReservationId: config.capacityReservationId,
      minReplicas: config.minReplicas,
      maxReplicas: config.maxReplicas,
      modelBucketName: config.serving.modelBucketName,
      keda: config.serving.autoscaling.engine === 'keda',
      servingNamespace: config.serving.namespace,
      expectRunningPods: !config.serving.autoscaling.scaleToZero,
      alarmEmail: config.alarmEmail,
      externalSecretIds: servingSecretIds(config.serving),
      albController: servingNeedsAlbController(config.serving),
    });
    this.serving = new LlmServingOnEks(this, 'Serving', { ...config.serving, cluster: this.gpuCluster });

    for (const [key, value] of Object.entries(config.tags)) Tags.of(this).add(key, value);
    new CfnOutput(this, 'ClusterName', { value: this.gpuCluster.cluster.clusterName });
    new CfnOutput(this, 'ModelBucket', { value: this.gpuCluster.modelBucket.bucket.bucketName, description: `Upload the checkpoint under s3://<bucket>/${config.serving.modelPrefix ?? defaultModelPrefix(config.serving.model.id)}` });
    new CfnOutput(this, 'KubeconfigCommand', { value: `aws eks update-kubeconfig --name ${config.name} --region ${config.region}` });
  }
}
