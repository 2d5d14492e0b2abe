/**
 * The Pulumi program of the `llm-eks*` blueprints: a GPU inference cluster, the Pod Identity role of the
 * deployment, and {@link VllmService} with the cluster's Kubernetes provider, from the same
 * {@link LlmEksDeploymentConfig} as the CDK and Terraform stacks.
 */
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { gpuClusterSettings, type LlmEksDeploymentConfig } from '../../lib/eks/deployment-config';
import { accessLogBucketName } from '../../lib/eks/names';
import { GpuInferenceCluster } from '../../constructs/pulumi/eks/gpu-inference-cluster';
import { EksModelAccess } from '../../constructs/pulumi/eks/model-access';
import { VllmService } from '../../constructs/pulumi/eks/vllm-service';

/** @param opts options of every component it creates, e.g. `{ parent }` to group them under a component */
export function llmEksPulumiProgram(config: LlmEksDeploymentConfig, opts: pulumi.ComponentResourceOptions = {}): { cluster: GpuInferenceCluster; service: VllmService } {
  const provider = new aws.Provider(`${config.name}-aws`, {
    region: config.region as aws.Region,
    // Refuse to run against another account: bucket names and key policies embed this one.
    allowedAccountIds: [config.account],
    defaultTags: { tags: { ...config.tags } },
  }, { parent: opts.parent });
  const cluster = new GpuInferenceCluster(config.name, {
    ...gpuClusterSettings(config),
    region: config.region,
    accountId: config.account,
    vpc: config.vpc,
    accessLogsBucketName: accessLogBucketName(config.name, config.account, config.region),
  }, { ...opts, providers: { aws: provider } });
  const access = new EksModelAccess(`${config.name}-model-access`, {
    serving: config.serving,
    cluster: cluster.cluster,
    modelBucketArn: cluster.modelBucket.bucket.arn,
    modelKeyArn: cluster.modelBucket.key.arn,
    partition: cluster.partition,
    region: config.region,
    podIdentityAgent: cluster.podIdentityAgent,
  }, { ...opts, providers: { aws: provider } });
  const service = new VllmService(`${config.name}-vllm`, {
    ...config.serving,
    cluster,
    provider: cluster.provider,
    dependsOn: [access.association, ...(access.apiKey ? [access.apiKey] : []), ...cluster.platformReady],
  }, opts);
  return { cluster, service };
}
