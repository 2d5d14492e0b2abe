/**
 * The CDK stack of `llm-platform-eks`: one GPU inference cluster, the model gateway's releases and objects, and every
 * model's GPU NodePool, vLLM deployment and gateway route on it, all from one {@link PlatformInstall}
 * (lib/eks/platform-gateway.ts; install order in docs/gateway.md).
 */
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { GpuInferenceCluster, type IGpuInferenceCluster } from '../../constructs/cdk/eks/gpu-inference-cluster';
import { helmChartOptions } from '../../constructs/cdk/eks/helm-component';
import { KubeObjects } from '../../constructs/cdk/eks/kube-objects';
import { LlmServingOnEks } from '../../constructs/cdk/eks/llm-serving-on-eks';
import type { PlatformInstall, PlatformModelInstall } from '../../lib/eks/platform-gateway';

export interface LlmPlatformEksStackProps extends StackProps {
  readonly install: PlatformInstall;
}

export class LlmPlatformEksStack extends Stack {
  public readonly gpuCluster: GpuInferenceCluster;

  constructor(scope: Construct, id: string, props: LlmPlatformEksStackProps) {
    const { install, ...stackProps } = props;
    const settings = install.clusterSettings;
    super(scope, id, { ...stackProps, description: stackProps.description ?? `${install.models.length} vLLM models on ${settings.clusterName} behind one model gateway (ai-model-deployment)` });
    this.gpuCluster = new GpuInferenceCluster(this, 'GpuCluster', settings);
    const cluster = this.gpuCluster.cluster;
    const platformObjects = new KubeObjects(this, 'GatewayPlatform', { cluster, objects: install.platformObjects, dependsOn: this.gpuCluster.platformReady });

    const servings: LlmServingOnEks[] = [];
    install.models.forEach((model, i) => {
      const modelScope = new Construct(this, model.config.serving.name);
      // The cluster built the first model's NodePool; every other model brings its own. A later A/B arm waits for the
      // serving that creates its namespace.
      const namespaceReady = model.namespaceFrom !== undefined ? [servings[model.namespaceFrom]!] : [];
      const onCluster = i === 0 ? this.gpuCluster : sharedCluster(modelScope, this.gpuCluster, model, namespaceReady);
      servings.push(new LlmServingOnEks(modelScope, 'Serving', { ...model.config.serving, cluster: onCluster }));
      // The picker's release creates the InferencePool: after the platform objects, which carry its CRD.
      const pickers = model.components.map((component) => {
        const chart = cluster.addHelmChart(component.id, helmChartOptions(component));
        chart.node.addDependency(platformObjects);
        return chart;
      });
      new KubeObjects(modelScope, 'Gateway', { cluster, objects: model.gatewayObjects, dependsOn: [platformObjects, ...pickers] });
      for (const [key, value] of Object.entries(model.config.tags)) Tags.of(modelScope).add(key, value);
    });

    new CfnOutput(this, 'ClusterName', { value: cluster.clusterName });
    new CfnOutput(this, 'ModelBucket', { value: this.gpuCluster.modelBucket.bucket.bucketName, description: 'Upload each model under s3://<bucket>/<its prefix> (docs/gateway.md)' });
    new CfnOutput(this, 'KubeconfigCommand', { value: `aws eks update-kubeconfig --name ${settings.clusterName} --region ${this.region}` });
  }
}

/** The platform's cluster as a further model sees it: the capacity built for it is its own NodePool. */
function sharedCluster(scope: Construct, gpuCluster: GpuInferenceCluster, model: PlatformModelInstall, namespaceReady: readonly Construct[]): IGpuInferenceCluster {
  const nodePools = new KubeObjects(scope, 'NodePools', { cluster: gpuCluster.cluster, objects: model.nodePoolObjects, dependsOn: gpuCluster.platformReady });
  return {
    cluster: gpuCluster.cluster,
    clusterName: gpuCluster.clusterName,
    capacity: model.config.capacity,
    modelBucket: gpuCluster.modelBucket,
    alarmTopic: gpuCluster.alarmTopic,
    podIdentityAgent: gpuCluster.podIdentityAgent,
    platformReady: [...gpuCluster.platformReady, ...nodePools.manifests.values(), ...namespaceReady],
    servingCapacity: model.servingCapacity,
  };
}
