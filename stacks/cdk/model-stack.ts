/**
 * A model stack of a multi-model app: some of its model deployments (the layout decides which), each a
 * SageMaker endpoint or a vLLM service on the platform's shared EKS cluster, using the platform's key,
 * buckets, subnets and alarm topic through {@link ImportedModelPlatform}.
 */
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { llmEksDeploymentConfig } from '../../blueprints/eks/deployment-config';
import type { IGpuInferenceCluster } from '../../constructs/cdk/eks/gpu-inference-cluster';
import { KubeObjects } from '../../constructs/cdk/eks/kube-objects';
import { LlmServingOnEks } from '../../constructs/cdk/eks/llm-serving-on-eks';
import { SageMakerModelEndpoint } from '../../constructs/cdk/sagemaker/model-endpoint';
import { clusterServingCapacity } from '../../lib/eks/cluster-fit';
import { gpuNodeRoleName } from '../../lib/eks/names';
import { maxGpuNodes } from '../../lib/eks/sizing';
import { buildGpuNodePoolObjects } from '../../lib/kubernetes/node-pools';
import { describeSageMakerEndpoint } from '../../lib/sagemaker/describe-endpoint';
import { acknowledgeFinding } from '../../lib/validation/cdk-security';
import { ImportedModelPlatform, type PlatformNames } from './model-platform-stack';

export interface ModelStackProps extends StackProps {
  readonly platform: PlatformNames;
  /** The planned deployments this stack holds, in order (targets `sagemaker` or `eks`). */
  readonly deployments: readonly BlueprintContext[];
}

export class ModelStack extends Stack {
  constructor(scope: Construct, id: string, props: ModelStackProps) {
    const { platform: names, deployments, ...stackProps } = props;
    super(scope, id, { ...stackProps, env: { account: names.account, region: names.region } });
    const platform = new ImportedModelPlatform(this, 'Platform', names);
    for (const context of deployments) {
      const scope = new Construct(this, context.name);
      if (context.plan.spec.target.kind === 'eks') addVllmService(scope, context, platform);
      else addSageMakerModel(scope, context, platform);
      for (const [key, value] of Object.entries(context.plan.spec.tags)) Tags.of(scope).add(key, value);
    }
  }
}

/** A SageMaker endpoint with the platform's key, buckets, subnets and alarm topic. */
function addSageMakerModel(scope: Construct, context: BlueprintContext, platform: ImportedModelPlatform): void {
  const description = describeSageMakerEndpoint(context.plan);
  const endpoint = new SageMakerModelEndpoint(scope, 'Endpoint', {
    description,
    storage: platform.sageMakerStorage,
    network: description.vpc ? platform.sageMakerNetwork : undefined,
    alarmTopic: platform.alarmTopic,
  });
  const logGroup = endpoint.node.tryFindChild('LogGroup');
  if (logGroup) {
    acknowledgeFinding(logGroup, 'cdk-validator-cfnguard::cloudwatch_log_group_encrypted_check',
      "The log group is encrypted with the platform stack's SageMaker key, whose ARN arrives through Fn::ImportValue, which the rule cannot resolve.");
  }
  new CfnOutput(scope, 'EndpointName', { value: endpoint.endpointName, description: `SageMaker endpoint of ${context.name}` });
}

/** A vLLM service on the shared cluster, with its own GPU NodePool sized for its plan. */
function addVllmService(scope: Construct, context: BlueprintContext, platform: ImportedModelPlatform): void {
  const config = llmEksDeploymentConfig(context);
  const names = platform.names;
  // Models read their weights from the platform's model bucket, not a bucket of their own.
  const serving = { ...config.serving, modelBucketName: names.modelBucketName };
  const maxReplicas = config.maxReplicas;
  const nodePools = config.capacity === 'managed-nodegroup' ? undefined : new KubeObjects(scope, 'NodePools', {
    cluster: platform.cluster,
    objects: buildGpuNodePoolObjects({
      name: serving.name,
      plan: serving.plan,
      capacity: config.capacity,
      clusterName: names.clusterName,
      nodeRoleName: gpuNodeRoleName(names.clusterName),
      capacityReservationId: config.capacityReservationId,
      amiFamily: config.amiFamily,
      maxNodes: maxGpuNodes(maxReplicas, serving.plan),
    }),
  });
  // The shared cluster as this deployment sees it: the capacity built for it is the NodePool above.
  const cluster: IGpuInferenceCluster = {
    cluster: platform.cluster,
    clusterName: names.clusterName,
    capacity: config.capacity,
    modelBucket: platform.modelBucket,
    alarmTopic: platform.alarmTopic,
    platformReady: nodePools ? [...nodePools.manifests.values()] : [],
    servingCapacity: clusterServingCapacity({
      clusterName: names.clusterName,
      capacity: config.capacity,
      deploymentName: serving.name,
      servingNamespace: serving.namespace,
      modelBucketName: names.modelBucketName,
      plan: serving.plan,
      minReplicas: config.minReplicas,
      maxReplicas,
    }),
  };
  new LlmServingOnEks(scope, 'Serving', { ...serving, cluster });
  new CfnOutput(scope, 'Service', { value: `${serving.namespace}/${serving.name}`, description: `vLLM service of ${context.name} on ${names.clusterName} (namespace/name)` });
}
