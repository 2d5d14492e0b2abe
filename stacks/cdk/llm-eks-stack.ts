/**
 * The CDK stack of the `llm-eks*` blueprints: a GPU inference cluster and one vLLM deployment on it,
 * both from one {@link LlmEksDeploymentConfig}.
 */
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { GpuInferenceCluster } from '../../constructs/cdk/eks/gpu-inference-cluster';
import { LlmServingOnEks } from '../../constructs/cdk/eks/llm-serving-on-eks';
import { gpuClusterSettings, type LlmEksDeploymentConfig } from '../../lib/eks/deployment-config';
import { servedModelId, servingModelPrefix } from '../../lib/eks/serving';
import { runtimeTitle } from '../../lib/kubernetes/runtimes/registry';

export interface LlmEksStackProps extends StackProps {
  readonly config: LlmEksDeploymentConfig;
}

export class LlmEksStack extends Stack {
  public readonly gpuCluster: GpuInferenceCluster;
  public readonly serving: LlmServingOnEks;

  constructor(scope: Construct, id: string, props: LlmEksStackProps) {
    super(scope, id, { ...props, description: props.description ?? `${runtimeTitle(props.config.serving.runtime)} serving ${servedModelId(props.config.serving)} on EKS (ai-model-deployment)` });
    ({ gpuCluster: this.gpuCluster, serving: this.serving } = addLlmEksDeployment(this, props.config));
  }
}

/** What {@link addLlmEksDeployment} adds. */
export interface LlmEksDeploymentResources {
  readonly gpuCluster: GpuInferenceCluster;
  readonly serving: LlmServingOnEks;
}

/** Adds the cluster, the vLLM deployment, tags and outputs of one deployment config to a stack. */
export function addLlmEksDeployment(stack: Stack, config: LlmEksDeploymentConfig): LlmEksDeploymentResources {
  const vpc = config.vpc
    ? ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
        vpcId: config.vpc.vpcId,
        availabilityZones: stack.availabilityZones.slice(0, config.vpc.privateSubnetIds.length),
        privateSubnetIds: [...config.vpc.privateSubnetIds],
      })
    : undefined;

  const gpuCluster = new GpuInferenceCluster(stack, 'GpuCluster', {
    ...gpuClusterSettings(config),
    vpc,
  });
  const serving = new LlmServingOnEks(stack, 'Serving', { ...config.serving, cluster: gpuCluster });

  for (const [key, value] of Object.entries(config.tags)) Tags.of(stack).add(key, value);
  new CfnOutput(stack, 'ClusterName', { value: gpuCluster.cluster.clusterName });
  new CfnOutput(stack, 'ModelBucket', { value: gpuCluster.modelBucket.bucket.bucketName, description: `Upload the checkpoint under s3://<bucket>/${servingModelPrefix(config.serving)}` });
  new CfnOutput(stack, 'KubeconfigCommand', { value: `aws eks update-kubeconfig --name ${config.name} --region ${config.region}` });
  return { gpuCluster, serving };
}
