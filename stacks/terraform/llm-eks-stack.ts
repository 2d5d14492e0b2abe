/**
 * The cdktf stack of the `llm-eks*` blueprints: the same cluster and deployment as the CDK stack, from
 * the same {@link LlmEksDeploymentConfig}.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { gpuClusterSettings, type LlmEksDeploymentConfig } from '../../lib/eks/deployment-config';
import { accessLogBucketName } from '../../lib/eks/names';
import { servingModelPrefix } from '../../lib/eks/serving';
import { GpuInferenceCluster } from '../../constructs/terraform/eks/gpu-inference-cluster';
import { LlmServingOnEks } from '../../constructs/terraform/eks/llm-serving-on-eks';

export interface LlmEksTerraformStackProps {
  readonly config: LlmEksDeploymentConfig;
}

export class LlmEksTerraformStack extends TerraformStack {
  public readonly gpuCluster: GpuInferenceCluster;

  constructor(scope: Construct, id: string, props: LlmEksTerraformStackProps) {
    super(scope, id);
    ({ gpuCluster: this.gpuCluster } = addLlmEksTerraform(this, props));
  }
}

/** Adds the AWS provider, the cluster, the vLLM deployment and the outputs of one deployment config to a stack. */
export function addLlmEksTerraform(stack: TerraformStack, props: LlmEksTerraformStackProps): { gpuCluster: GpuInferenceCluster } {
  const { config } = props;
  new AwsProvider(stack, 'aws', {
    region: config.region,
    // Refuse to run against another account: bucket names and key policies embed this one.
    allowedAccountIds: [config.account],
    defaultTags: [{ tags: { ...config.tags } }],
  });
  const gpuCluster = new GpuInferenceCluster(stack, 'GpuCluster', {
    ...gpuClusterSettings(config),
    region: config.region,
    accountId: config.account,
    vpc: config.vpc,
    accessLogsBucketName: accessLogBucketName(config.name, config.account, config.region),
  });
  new LlmServingOnEks(stack, 'Serving', { ...config.serving, cluster: gpuCluster, region: config.region });
  new TerraformOutput(stack, 'cluster_name', { value: gpuCluster.cluster.name });
  new TerraformOutput(stack, 'model_bucket', {
    value: gpuCluster.modelBucket.bucket.bucket,
    description: `Upload the checkpoint under s3://<bucket>/${servingModelPrefix(config.serving)}`,
  });
  new TerraformOutput(stack, 'kubeconfig_command', { value: `aws eks update-kubeconfig --name ${config.name} --region ${config.region}` });
  return { gpuCluster };
}
