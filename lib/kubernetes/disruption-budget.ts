/**
 * PodDisruptionBudget: drains and upgrades take serving pods one at a time. With one replica this still lets a
 * node drain (the alternative, `minAvailable: 1`, blocks cluster upgrades forever); Karpenter
 * consolidates only empty GPU nodes and replaces drifted ones inside the NodePool's maintenance window. In a
 * LeaderWorkerSet losing any pod restarts its group, so the budget covers leaders and workers together.
 */
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { ServingContext } from './context';
import { toKubeObject } from './kube-object';
import { commonLabels, instanceSelector } from './labels';
import type { KubeObject } from './types';

export function vllmDisruptionBudget(ctx: ServingContext): KubeObject {
  const pdb: IPodDisruptionBudget = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: {
      maxUnavailable: 1,
      selector: { matchLabels: instanceSelector(ctx.name) },
      // A pod still loading its model is not serving anyone: let it go rather than block a drain.
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    },
  };
  return toKubeObject(pdb);
}
