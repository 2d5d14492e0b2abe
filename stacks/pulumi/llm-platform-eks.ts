/**
 * The Pulumi program of `llm-platform-eks`: the same cluster, gateway and models as the CDK and Terraform stacks,
 * from the same {@link PlatformInstall} (lib/eks/platform-gateway.ts; install order in docs/gateway.md).
 */
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { GpuInferenceCluster } from '../../constructs/pulumi/eks/gpu-inference-cluster';
import { installHelmComponents } from '../../constructs/pulumi/eks/helm-releases';
import { applyKubeObjects } from '../../constructs/pulumi/eks/kube-objects';
import { EksModelAccess } from '../../constructs/pulumi/eks/model-access';
import { VllmService } from '../../constructs/pulumi/eks/vllm-service';
import { accessLogBucketName } from '../../lib/eks/names';
import type { PlatformInstall } from '../../lib/eks/platform-gateway';

export function llmPlatformEksPulumiProgram(install: PlatformInstall): { cluster: GpuInferenceCluster; services: VllmService[] } {
  const settings = install.clusterSettings;
  const name = settings.clusterName;
  const { account, region, tags } = install.models[0]!.config;
  const awsProvider = new aws.Provider(`${name}-aws`, {
    region: region as aws.Region,
    // Refuse to run against another account: bucket names and key policies embed this one.
    allowedAccountIds: [account],
    defaultTags: { tags: { ...tags } },
  });
  const cluster = new GpuInferenceCluster(name, {
    ...settings,
    region,
    accountId: account,
    accessLogsBucketName: accessLogBucketName(name, account, region),
  }, { providers: { aws: awsProvider } });
  const k8s = { provider: cluster.provider, parent: cluster };
  const platformObjects = applyKubeObjects({ name: `${name}-gateway`, objects: install.platformObjects, ...k8s, dependsOn: cluster.platformReady });

  const services: VllmService[] = [];
  install.models.forEach((model, i) => {
    const modelName = model.config.serving.name;
    // The cluster built the first model's NodePool; every other model brings its own.
    const nodePools: pulumi.Resource[] = i === 0 ? [] : [applyKubeObjects({ name: `${modelName}-node-pools`, objects: model.nodePoolObjects, ...k8s, dependsOn: cluster.platformReady })];
    const access = new EksModelAccess(`${modelName}-model-access`, {
      serving: model.config.serving,
      cluster: cluster.cluster,
      modelBucketArn: cluster.modelBucket.bucket.arn,
      modelKeyArn: cluster.modelBucket.key.arn,
      partition: cluster.partition,
      region,
      podIdentityAgent: cluster.podIdentityAgent,
    }, { providers: { aws: awsProvider } });
    // A later A/B arm waits for the serving that creates its namespace.
    const namespaceReady = model.namespaceFrom !== undefined ? [services[model.namespaceFrom]!] : [];
    const service = new VllmService(`${modelName}-vllm`, {
      ...model.config.serving,
      cluster: { servingCapacity: model.servingCapacity },
      provider: cluster.provider,
      dependsOn: [access.association, ...cluster.platformReady, ...nodePools, ...namespaceReady],
    });
    // The picker's release creates the InferencePool: after the platform objects, which carry its CRD.
    const pickers = installHelmComponents({ name: modelName, components: model.components, ...k8s, dependsOn: [platformObjects] });
    applyKubeObjects({ name: `${modelName}-gateway`, objects: model.gatewayObjects, ...k8s, dependsOn: [platformObjects, ...pickers.values()] });
    services.push(service);
  });
  return { cluster, services };
}
