/**
 * The runtime registry: one place decides which builder renders a deployment's Kubernetes objects and which
 * operators the cluster installs for them; every engine goes through it.
 */
import { gpuClusterComponents } from '../../lib/eks/components';
import { operatorComponents } from '../../lib/eks/operators';
import { buildLlmServingObjects } from '../../lib/kubernetes/llm-serving';
import { InputValidationError } from '../../lib/errors';
import { buildServingObjects, kubernetesRuntime, kubernetesRuntimeEngines, protectedRuntimeEngines, refuseUnprotectedExposure, servingOperators } from '../../lib/kubernetes/runtimes/registry';
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

  describe('endpoint protection', () => {
    test('every runtime declares how its endpoint checks the API key; the servers that check none are behind the auth proxy', () => {
      const protection = Object.fromEntries(kubernetesRuntimeEngines().map((engine) => [engine, kubernetesRuntime(engine).endpointProtection]));
      expect(protection).toMatchObject({ vllm: 'engine-api-key', tgi: 'engine-api-key', kserve: 'auth-proxy', 'ray-serve': 'auth-proxy', torchserve: 'auth-proxy', seldon: 'none' });
    });

    test('GIVEN a runtime that nothing protects and an exposure THEN it is refused on the exposure field, naming the runtimes that can be exposed', () => {
      const seldon = kubernetesRuntime('seldon');
      const exposed = { ...servingOptions(SINGLE_NODE), runtime: 'seldon' as const, exposure: { kind: 'gateway-api' as const, host: 'm.example.com' } };
      let error: unknown;
      try {
        refuseUnprotectedExposure(seldon, exposed);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).problems).toEqual([expect.objectContaining({ field: 'exposure', value: 'gateway-api', fix: expect.stringContaining('kserve, ray-serve') })]);
      expect(protectedRuntimeEngines()).not.toContain('seldon');
      // In-cluster only is fine, and a protected runtime may be exposed.
      expect(() => refuseUnprotectedExposure(seldon, { ...exposed, exposure: undefined })).not.toThrow();
      expect(() => refuseUnprotectedExposure(kubernetesRuntime('kserve'), exposed)).not.toThrow();
    });
  });
});
