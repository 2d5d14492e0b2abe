/**
 * Exposure: every model endpoint authenticates callers; every namespace with workloads denies by default, with
 * policies the cluster enforces; no node hands its role to pods.
 */
import { llmPlatformKubeObjects } from '../../../blueprints/eks/llm-platform-eks';
import { generatedApiKeySecret } from '../../../lib/eks/serving';
import { VPC_CNI_NETWORK_POLICY_ADDON } from '../../../lib/eks/network-policy-enforcement';
import { buildGpuNodePoolObjects, buildLlmServingObjects } from '../../../lib/kubernetes';
import { buildServingObjects } from '../../../lib/kubernetes/runtimes/registry';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { checkExposure } from '../../../lib/validation/deployability';
import { handPlan, servingOptions } from '../../kubernetes/fixtures';
import { facts, gpuNodeGroup, plannedObjects } from './support';

const rule = 'deployability/exposure';
const SINGLE = handPlan({ modelId: 'meta-llama/Llama-3.1-8B-Instruct', instanceType: 'g6e.xlarge', tensorParallelSize: 1, weightsGiB: 15 });
const apiKeySecret = generatedApiKeySecret('llm', 'us-east-1');
const serving = (extra: Record<string, unknown> = {}) => buildLlmServingObjects(servingOptions(SINGLE, extra));
const withoutKind = (objects: readonly KubeObject[], name: string) => objects.filter((o) => !(o.kind === 'NetworkPolicy' && o.metadata.name.endsWith(name)));

describe('default deny', () => {
  test('GIVEN only the ingress policy of the serving pods (the review finding) THEN the namespace is open', () => {
    const objects = withoutKind(serving({ apiKeySecret }), '-default-deny');
    const found = checkExposure(facts({ kubeObjects: objects }, 'kubernetes'));
    expect(found).toEqual([expect.objectContaining({ rule, resource: expect.stringMatching(/^Namespace\//), message: expect.stringMatching(/without a default-deny NetworkPolicy/) })]);
  });

  test('GIVEN the serving objects THEN the namespace denies all, allows DNS, and the server reaches only HTTPS and Pod Identity', () => {
    const objects = serving({ apiKeySecret });
    expect(checkExposure(facts({ kubeObjects: objects }, 'kubernetes'))).toEqual([]);
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy') as any[];
    expect(policies.map((p) => p.spec.policyTypes)).toEqual([['Ingress', 'Egress'], ['Egress'], ['Ingress', 'Egress']]);
    expect(policies[2].spec.egress).toEqual([
      { ports: [{ protocol: 'TCP', port: 443 }] },
      { to: [{ ipBlock: { cidr: '169.254.170.23/32' } }], ports: [{ protocol: 'TCP', port: 80 }] },
    ]);
  });
});

describe('enforcement', () => {
  const cluster = { resource: 'Cluster', name: 'llm', logTypes: [], autoMode: false };

  test('GIVEN NetworkPolicies on a cluster whose VPC CNI does not enforce them (the review finding) THEN they are reported as decoration', () => {
    const found = checkExposure(facts({ kubeObjects: serving({ apiKeySecret }), clusters: [cluster] }));
    expect(found[0]!.message).toMatch(/VPC CNI does not enforce them/);
  });

  test('GIVEN the vpc-cni add-on we install THEN they are enforced', () => {
    const addon = { resource: 'VpcCni', name: 'vpc-cni', configuration: JSON.parse(VPC_CNI_NETWORK_POLICY_ADDON.configurationValues) };
    expect(checkExposure(facts({ kubeObjects: serving({ apiKeySecret }), clusters: [cluster], addons: [addon] }))).toEqual([]);
  });

  test('GIVEN EKS Auto Mode THEN the controller ConfigMap and the NodeClass setting are both needed, and the node pools bring them', () => {
    const pools = buildGpuNodePoolObjects({ name: 'llm', plan: SINGLE.plan, capacity: 'auto-mode', clusterName: 'llm', nodeRoleName: 'node' });
    const objects = [...pools, ...serving({ apiKeySecret, capacity: 'auto-mode' })];
    expect(checkExposure(facts({ kubeObjects: objects }, 'kubernetes'))).toEqual([]);
    const bare = objects.filter((o) => o.kind !== 'ConfigMap' || o.metadata.name !== 'amazon-vpc-cni').map((o) => (o.kind === 'NodeClass' ? { ...o, spec: { ...(o.spec as object), networkPolicy: undefined } } : o));
    expect(checkExposure(facts({ kubeObjects: bare }, 'kubernetes')).map((f) => f.resource)).toEqual(['ConfigMap/kube-system/amazon-vpc-cni', 'NodeClass/llm-gpu']);
  });
});

describe('authentication', () => {
  describe('behind the model gateway (llm-platform-eks: the models carry no key, the gateway checks each tenant\'s)', () => {
    const platform = llmPlatformKubeObjects({ account: '123456789012', region: 'us-east-1' });
    const endpointFindings = (objects: readonly KubeObject[]) => checkExposure(facts({ kubeObjects: objects }, 'kubernetes')).filter((f) => /without authentication/.test(f.message));

    test('GIVEN the Gateway with its API key SecurityPolicy and NetworkPolicies admitting only its proxies THEN the keyless models are protected', () => {
      expect(endpointFindings(platform)).toEqual([]);
    });

    test('GIVEN no SecurityPolicy on the Gateway THEN every keyless model is reported', () => {
      const found = endpointFindings(platform.filter((o) => o.kind !== 'SecurityPolicy'));
      expect(found.map((f) => f.resource)).toEqual(['Service/chat-8b/chat-8b', 'Service/chat-8b/chat-8b-candidate', 'Service/chat-70b/chat-70b', 'Service/chat-3b/chat-3b']);
    });

    test('GIVEN a policy that also admits an IP block to a model THEN that model is reported', () => {
      const widened = platform.map((o) => (o.kind === 'NetworkPolicy' && o.metadata.name === 'chat-70b-from-gateway'
        ? { ...o, spec: { ...(o as any).spec, ingress: [...(o as any).spec.ingress, { from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] } } as KubeObject
        : o));
      expect(endpointFindings(widened).map((f) => f.resource)).toEqual(['Service/chat-70b/chat-70b']);
    });
  });

  test('GIVEN vLLM without an API key (the review finding) THEN any pod could call the model', () => {
    expect(checkExposure(facts({ kubeObjects: serving() }, 'kubernetes'))[0]!.message).toMatch(/accept requests without authentication/);
  });

  test('GIVEN the generated key THEN vLLM reads VLLM_API_KEY from the Secret the External Secrets Operator syncs', () => {
    const objects = serving({ apiKeySecret }) as any[];
    const env = objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'VLLM_API_KEY', valueFrom: { secretKeyRef: { name: 'llm-api-key', key: 'api-key' } } });
    expect(objects.find((o) => o.kind === 'ExternalSecret' && o.metadata.name === 'llm-api-key').spec.data).toEqual([{ secretKey: 'api-key', remoteRef: { key: 'aimd/llm/api-key' } }]);
  });

  describe('runtimes whose server checks no key (KServe, Ray Serve) are protected by the auth proxy the Service targets', () => {
    const gateway = { kind: 'gateway-api' as const, host: 'llm.example.com' };
    const kserve = (extra: Record<string, unknown>) => buildServingObjects(servingOptions(SINGLE, { runtime: 'kserve', exposure: gateway, ...extra }));
    const findings = (objects: readonly KubeObject[]) => checkExposure(facts({ kubeObjects: objects }, 'kubernetes')).map((f) => f.resource);

    test('GIVEN KServe without a key (its Hugging Face server ignores VLLM_API_KEY) THEN its Service is unauthenticated', () => {
      expect(findings(kserve({}))).toEqual(['Service/llm-serving/llm']);
    });

    test('GIVEN KServe with the key THEN the proxy in the predictor pod checks it and the check passes', () => {
      expect(findings(kserve({ apiKeySecret }))).toEqual([]);
    });

    test('GIVEN the proxy in the pod but a Service that targets the server\'s own port THEN the proxy is bypassed and reported', () => {
      const bypassed = kserve({ apiKeySecret }).map((o: any) => (o.kind === 'Service' ? { ...o, spec: { ...o.spec, ports: [{ ...o.spec.ports[0], targetPort: 8080 }] } } : o));
      expect(findings(bypassed)).toEqual(['Service/llm-serving/llm']);
    });

    test('GIVEN a metrics port straight to the server (Prometheus reads it, as TorchServe\'s) THEN only the serving ports must check the key', () => {
      const withMetrics = kserve({ apiKeySecret }).map((o: any) => (o.kind === 'Service' ? { ...o, spec: { ...o.spec, ports: [...o.spec.ports, { name: 'metrics', port: 8080, targetPort: 8080 }] } } : o));
      expect(findings(withMetrics)).toEqual([]);
    });

    test('GIVEN Ray Serve with the key THEN its Service sends callers to the proxy pods, which check it', () => {
      expect(findings(buildServingObjects(servingOptions(SINGLE, { runtime: 'ray-serve', exposure: gateway, apiKeySecret })))).toEqual([]);
    });
  });

  test('GIVEN an HTTP API route without authorization THEN it is reported', () => {
    expect(checkExposure(facts({ apiRoutes: [{ resource: 'Route', authorizationType: 'NONE' }, { resource: 'Iam', authorizationType: 'AWS_IAM' }] })).map((f) => f.resource)).toEqual(['Route']);
  });
});

test('GIVEN a node group on EKS\'s default launch template (the review finding on CDK\'s system nodes) THEN pods could use the node role', () => {
  expect(checkExposure(facts({ nodeGroups: [gpuNodeGroup('m7i.large', 2, 4, false)] }))[0]!.message).toMatch(/hop limit 2/);
  expect(checkExposure(facts({ nodeGroups: [gpuNodeGroup('m7i.large', 2, 4, true)] }))).toEqual([]);
});

describe('GIVEN every blueprint as planned', () => {
  test.each(plannedObjects())('THEN %s authenticates its endpoints and denies by default', (_name, objects) => {
    expect(checkExposure(facts({ kubeObjects: objects }, 'kubernetes'))).toEqual([]);
  });
});
