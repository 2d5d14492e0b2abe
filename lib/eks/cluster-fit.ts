/**
 * The values a GPU inference cluster and the serving deployment on it must agree on, and the one check
 * every engine runs when a serving construct is placed on a cluster. The cluster sizes its GPU capacity
 * (NodePool limits, node group max size) for `maxReplicas` of one plan, labels that capacity for one
 * deployment, grants its model bucket and watches one namespace: serving that disagrees synthesizes
 * cleanly and then fails in the cloud (pods that never schedule, a bucket nobody can read).
 */
import { InputValidationError, type InputProblem } from '../errors';
import type { GpuCapacityPlan } from '../plan/gpu-capacity-plan';
import type { EksCapacity } from '../spec/types';
import { ROLLOUT_SURGE_REPLICAS } from '../kubernetes/vllm-deployment';
import { type LlmServingInputs, servingRolloutSurgeReplicas } from './serving';

/** What a GPU inference cluster was built for (every engine's `GpuInferenceCluster` exposes it). */
export interface ClusterServingCapacity {
  readonly clusterName: string;
  readonly capacity: EksCapacity;
  /** Deployment whose GPU capacity the cluster created (NodePool `<name>-gpu`). */
  readonly deploymentName: string;
  readonly servingNamespace: string;
  readonly modelBucketName: string;
  /** The plan the GPU capacity is sized for. */
  readonly plan: Pick<GpuCapacityPlan, 'instanceType' | 'nodes' | 'acceleratorCount'>;
  /** Replicas the GPU capacity holds at most. */
  readonly maxReplicas: number;
  /** Extra replicas a rollout may add on top of maxReplicas (sized into the GPU capacity). */
  readonly rolloutSurgeReplicas: number;
}

/** The cluster's view of its own props, resolved with the same defaults the cluster constructs apply. */
export function clusterServingCapacity(props: {
  readonly clusterName: string;
  readonly capacity?: EksCapacity;
  readonly deploymentName?: string;
  readonly servingNamespace: string;
  readonly modelBucketName: string;
  readonly plan: GpuCapacityPlan;
  readonly minReplicas?: number;
  readonly maxReplicas?: number;
  readonly rolloutSurgeReplicas?: number;
}): ClusterServingCapacity {
  return {
    clusterName: props.clusterName,
    capacity: props.capacity ?? 'karpenter',
    deploymentName: props.deploymentName ?? props.clusterName,
    servingNamespace: props.servingNamespace,
    modelBucketName: props.modelBucketName,
    plan: props.plan,
    maxReplicas: props.maxReplicas ?? Math.max(props.plan.replicas * 2, props.minReplicas ?? 1),
    rolloutSurgeReplicas: props.rolloutSurgeReplicas ?? ROLLOUT_SURGE_REPLICAS,
  };
}

/** Every disagreement between a cluster and the serving placed on it, each with both values and the fix. */
export function clusterFitProblems(cluster: ClusterServingCapacity, serving: LlmServingInputs): InputProblem[] {
  const problems: InputProblem[] = [];
  const differ = (field: string, servingValue: unknown, clusterField: string, clusterValue: unknown, fix: string) => {
    if (servingValue !== clusterValue) {
      problems.push({ field, value: servingValue, message: `differs from the cluster's ${clusterField} (${JSON.stringify(clusterValue)})`, fix });
    }
  };
  differ('capacity', serving.capacity, 'capacity', cluster.capacity, `use the same capacity on both, e.g. '${cluster.capacity}'`);
  // Karpenter and Auto Mode pods select the NodePool `<name>-gpu` the cluster created for its deployment.
  if (cluster.capacity !== 'managed-nodegroup') {
    differ('name', serving.name, 'deploymentName', cluster.deploymentName,
      `the cluster created GPU capacity for deployment '${cluster.deploymentName}': name the serving '${cluster.deploymentName}' or set the cluster's deploymentName to '${serving.name}'`);
  }
  differ('namespace', serving.namespace, 'servingNamespace', cluster.servingNamespace,
    `set both to the same namespace (the cluster's alarms watch '${cluster.servingNamespace}')`);
  differ('modelBucketName', serving.modelBucketName, 'modelBucketName', cluster.modelBucketName,
    `read the model from the cluster's bucket: modelBucketName '${cluster.modelBucketName}'`);
  differ('plan.instanceType', serving.plan.instanceType, 'plan.instanceType', cluster.plan.instanceType,
    'give the cluster and the serving the same plan (its GPU nodes are of the planned instance type)');
  const servingMax = serving.autoscaling.maxReplicas;
  if (servingMax > cluster.maxReplicas) {
    problems.push({
      field: 'autoscaling.maxReplicas',
      value: servingMax,
      message: `is more than the ${cluster.maxReplicas} replicas the cluster's GPU capacity holds (its maxReplicas): replicas ${cluster.maxReplicas + 1}..${servingMax} could never schedule`,
      fix: `raise the cluster's maxReplicas to at least ${servingMax}, or lower autoscaling.maxReplicas to ${cluster.maxReplicas}`,
    });
  }
  // A canary's extra pods must fit what the cluster sized on top of its maxReplicas.
  const surge = servingRolloutSurgeReplicas(serving, servingMax);
  const room = cluster.maxReplicas + cluster.rolloutSurgeReplicas;
  if (servingMax <= cluster.maxReplicas && servingMax + surge > room) {
    problems.push({
      field: 'rollout',
      value: serving.rollout,
      message: `needs ${servingMax} + ${surge} replicas at once during a rollout at maxReplicas, but the cluster's GPU capacity holds ${room} (maxReplicas ${cluster.maxReplicas} + rolloutSurgeReplicas ${cluster.rolloutSurgeReplicas}): canary pods would stay Pending`,
      fix: `give the cluster rolloutSurgeReplicas ${servingMax + surge - cluster.maxReplicas} (servingRolloutSurgeReplicas of this serving), or use a linear rollout / smaller steps`,
    });
  }
  return problems;
}

/** @throws InputValidationError naming the serving construct when it does not fit its cluster. */
export function assertServingFitsCluster(servingPath: string, cluster: ClusterServingCapacity, serving: LlmServingInputs): void {
  const problems = clusterFitProblems(cluster, serving);
  if (problems.length > 0) throw new InputValidationError(`${servingPath} on cluster '${cluster.clusterName}'`, problems);
}
