/**
 * The cdktf stack of `llm-platform-eks`: the same cluster, gateway and models as the CDK stack, from the same
 * {@link PlatformInstall} (lib/eks/platform-gateway.ts; install order in docs/gateway.md).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GpuInferenceCluster } from '../../constructs/terraform/eks/gpu-inference-cluster';
import { HelmReleases } from '../../constructs/terraform/eks/helm-releases';
import { KubeObjects } from '../../constructs/terraform/eks/kube-objects';
import { LlmServingOnEks } from '../../constructs/terraform/eks/llm-serving-on-eks';
import { accessLogBucketName } from '../../lib/eks/names';
import type { PlatformInstall } from '../../lib/eks/platform-gateway';

export interface LlmPlatformEksTerraformStackProps {
  readonly install: PlatformInstall;
}

export class LlmPlatformEksTerraformStack extends TerraformStack {
  public readonly gpuCluster: GpuInferenceCluster;

  constructor(scope: Construct, id: string, props: LlmPlatformEksTerraformStackProps) {
    super(scope, id);
    const { install } = props;
    const settings = install.clusterSettings;
    const { account, region, tags } = install.models[0]!.config;
    new AwsProvider(this, 'aws', {
      region,
      // Refuse to run against another account: bucket names and key policies embed this one.
      allowedAccountIds: [account],
      defaultTags: [{ tags: { ...tags } }],
    });
    this.gpuCluster = new GpuInferenceCluster(this, 'GpuCluster', {
      ...settings,
      region,
      accountId: account,
      accessLogsBucketName: accessLogBucketName(settings.clusterName, account, region),
    });
    const cluster = this.gpuCluster;
    const platformObjects = new KubeObjects(this, 'GatewayPlatform', { provider: cluster.kubernetesProvider, objects: install.platformObjects, dependsOn: cluster.platformReady });
    const platformApplied = [...platformObjects.manifests.values()];

    const servings: LlmServingOnEks[] = [];
    install.models.forEach((model, i) => {
      const modelScope = new Construct(this, model.config.serving.name);
      // The cluster built the first model's NodePool; every other model brings its own.
      const nodePools = i === 0 ? [] : [...new KubeObjects(modelScope, 'NodePools', { provider: cluster.kubernetesProvider, objects: model.nodePoolObjects, dependsOn: cluster.platformReady }).manifests.values()];
      // A later A/B arm waits for the serving that creates its namespace.
      const namespaceReady = model.namespaceFrom !== undefined ? servings[model.namespaceFrom]!.applied : [];
      servings.push(new LlmServingOnEks(modelScope, 'Serving', {
        ...model.config.serving,
        region,
        cluster: { ...pick(cluster), servingCapacity: model.servingCapacity, platformReady: [...cluster.platformReady, ...nodePools, ...namespaceReady] },
      }));
      // The picker's release creates the InferencePool: after the platform objects, which carry its CRD.
      const pickers = new HelmReleases(modelScope, 'EndpointPicker', { provider: cluster.helmProvider, components: model.components, dependsOn: platformApplied });
      new KubeObjects(modelScope, 'Gateway', { provider: cluster.kubernetesProvider, objects: model.gatewayObjects, dependsOn: [...platformApplied, ...pickers.releases.values()] });
    });

    new TerraformOutput(this, 'cluster_name', { value: cluster.cluster.name });
    new TerraformOutput(this, 'model_bucket', { value: cluster.modelBucket.bucket.bucket, description: 'Upload each model under s3://<bucket>/<its prefix> (docs/gateway.md)' });
    new TerraformOutput(this, 'kubeconfig_command', { value: `aws eks update-kubeconfig --name ${settings.clusterName} --region ${region}` });
  }
}

/** What a model's serving reads of the cluster (a class instance does not spread its getters). */
function pick(cluster: GpuInferenceCluster) {
  return {
    servingCapacity: cluster.servingCapacity,
    modelBucket: cluster.modelBucket,
    partition: cluster.partition,
    cluster: cluster.cluster,
    podIdentityAgent: cluster.podIdentityAgent,
    kubernetesProvider: cluster.kubernetesProvider,
    platformReady: cluster.platformReady,
  };
}
