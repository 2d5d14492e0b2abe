/**
 * The runtime registry: one place decides which builder renders a deployment's Kubernetes objects and which
 * operators the cluster installs for them; every engine goes through it.
 */
import { gpuClusterComponents } from '../../lib/eks/components';
import { operatorComponents } from '../../lib/eks/operators';
import { buildLlmServingObjects } from '../../lib/kubernetes/llm-serving';
import { buildServingObjects, kubernetesRuntimeEngines, servingOperators } from '../../lib/kubernetes/runtimes/registry';
import { SINGLE_NODE, servingOptions } from './fixtures';

describe('Kubernetes runtime registry', () => {
  test('vLLM is the default runtime and renders exactly the vLLM builder objects', () => {
    const options = servingOptions(SINGLE_NODE);
    expect(buildServingObjects(options)).toEqual(buildLlmServingObjects(options));
    expect(buildServingObjects({ ...options, runtime: 'vllm' })).toEqual(buildLlmServingObjects(options));
    expect(kubernetesRuntimeEngines()).toContain('vllm');
  });

  test('a runtime without a Kubernetes builder is refused with the runtimes that have one', () => {
    expect(() => buildServingObjects({ ...servingOptions(SINGLE_NODE), runtime: 'lmi' }))
      .toThrow(/runtime.engine 'lmi' has no Kubernetes builder; use one of .*vllm/);
  });

  test('vLLM needs no operator, so the cluster components are unchanged', () => {
    expect(servingOperators(servingOptions(SINGLE_NODE))).toEqual([]);
    const base = { clusterName: 'c', capacity: 'auto-mode' as const, keda: true, leaderWorkerSet: false };
    expect(gpuClusterComponents({ ...base, operators: [] })).toEqual(gpuClusterComponents(base));
  });

  test('an operator with no Helm release fails with its name', () => {
    expect(() => operatorComponents(['argo-rollouts'], 'c', [])).toThrow(/'argo-rollouts' has no Helm release/);
  });
});
