/**
 * GPU capacity for a canary: Argo Rollouts runs more pods than maxReplicas while a traffic-routed canary shifts
 * weight (canary pods scale with the weight, the stable scales down only after traffic left it, an abort scales
 * the stable back up first). The node pools are sized for that peak, and the schedulability check counts it.
 */
import { llmEksBlueprint } from '../../../blueprints/eks/llm-eks-blueprint';
import { LLM_EKS } from '../../../blueprints/eks/llm-eks';
import { canaryPeakPods, canarySurgeReplicas } from '../../../lib/kubernetes/rollout-capacity';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { contextFor } from '../../../lib/synth/context';
import { checkSchedulability } from '../../../lib/validation/deployability';
import { facts } from './support';

const routed = (weights: number[]) => ({ weights, trafficRouted: true, dynamicStableScale: true, maxSurgeReplicas: 1 });

describe('the pods a canary runs at once follow the Argo Rollouts controller arithmetic', () => {
  test('GIVEN a traffic-routed 10 % canary of 4 replicas THEN the promotion to 100 % peaks at 4 canary + ceil(90 % × 4) stable pods', () => {
    expect(canaryPeakPods(routed([10]), 4)).toBe(8);
    expect(canarySurgeReplicas(routed([10]), 4)).toBe(4);
  });

  test('GIVEN linear 20 % steps THEN an abort at 80 % (stable back to 100 % before the canary shrinks) is the peak', () => {
    expect(canaryPeakPods(routed([20, 40, 60, 80]), 4)).toBe(4 + 4);
    expect(canaryPeakPods(routed([20, 40, 60, 80]), 10)).toBe(10 + 8);
  });

  test('GIVEN a replica-based canary (no router) THEN it never runs more than replicas + maxSurge', () => {
    expect(canarySurgeReplicas({ ...routed([10]), trafficRouted: false }, 4)).toBe(1);
  });

  test('GIVEN a router without dynamicStableScale THEN the stable stays whole and the promotion runs twice the replicas', () => {
    expect(canaryPeakPods({ ...routed([10]), dynamicStableScale: false }, 3)).toBe(6);
  });
});

describe('GIVEN llm-eks exposed through a Gateway API HTTPRoute with a 10 % canary, KEDA max 4', () => {
  const blueprint = llmEksBlueprint({
    name: 'llm-eks',
    description: LLM_EKS.description,
    spec: { ...LLM_EKS.spec, rollout: { strategy: 'canary', canaryPercent: 10 } },
    exposure: { kind: 'gateway-api', host: 'llm.internal.example.com' },
  });
  const objects = blueprint.kubernetesObjects!(contextFor(blueprint));
  const pool = objects.find((o) => o.kind === 'NodePool') as Record<string, any>;

  test('THEN the GPU NodePool holds max replicas plus every canary pod (8 single-GPU nodes), and the check finds nothing', () => {
    expect(objects.find((o) => o.kind === 'Rollout')).toBeDefined();
    expect(pool.spec.limits['nvidia.com/gpu']).toBe('8');
    expect(checkSchedulability(facts({ kubeObjects: objects }, 'kubernetes'))).toEqual([]);
  });

  test('WHEN the NodePool only holds max replicas + one surge pod THEN the canary pods are reported Pending', () => {
    const undersized = objects.map((o): KubeObject => (o === pool ? { ...pool, spec: { ...pool.spec, limits: { ...pool.spec.limits, 'nvidia.com/gpu': '5' } } } as unknown as KubeObject : o));
    const found = checkSchedulability(facts({ kubeObjects: undersized }, 'kubernetes'));
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/maxReplicas 4 plus a rollout surge of 4 .*need 8 × .*allows 5/)]);
  });
});
