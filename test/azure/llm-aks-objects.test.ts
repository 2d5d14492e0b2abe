/**
 * The Kubernetes objects of `llm-aks`: the shared vLLM builder bound to AKS (cheap: no engine runs).
 */
import { LLM_AKS } from '../../blueprints/aks/llm-aks';
import { llmAksDesign } from '../../lib/azure/llm-aks-design';
import { llmAksKubeObjects, MODEL_READER_CLIENT_ID_PLACEHOLDER } from '../../lib/azure/llm-aks-objects';
import { contextFor } from '../../lib/synth/context';
import { validateKubernetesObjects } from '../../lib/validation/kubernetes';
import { errorsOf, formatFindings } from '../../lib/validation/types';

const context = contextFor(LLM_AKS);
const design = llmAksDesign(context);
const objects = llmAksKubeObjects(design, context.plan);
const find = (kind: string, name?: string) => objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name)) as Record<string, any>;

describe('llm-aks Kubernetes objects', () => {
  test('validate against the Kubernetes and CRD schemas', () => {
    expect(formatFindings(errorsOf(validateKubernetesObjects(objects)))).toBe('');
  });

  test("vLLM pods land on the design's GPU agent pool, tolerate sku=gpu and use workload identity", () => {
    const pod = (find('Rollout') ?? find('Deployment', 'llm-aks')).spec.template;
    expect(pod.spec.nodeSelector).toMatchObject({ 'kubernetes.azure.com/agentpool': design.gpuPool.name, 'node.kubernetes.io/instance-type': design.gpuPool.vmSize });
    expect(pod.spec.tolerations).toEqual([{ key: 'sku', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }]);
    expect(pod.metadata.labels['azure.workload.identity/use']).toBe('true');
    expect(JSON.stringify(pod.spec.initContainers)).toContain(design.storage.accountName);
  });

  test('the ServiceAccount is the federated subject and carries the client id (a placeholder in plain manifests)', () => {
    const account = find('ServiceAccount', design.workloadIdentity.serviceAccount);
    expect(`system:serviceaccount:${account.metadata.namespace}:${account.metadata.name}`).toBe(design.workloadIdentity.subject);
    expect(account.metadata.annotations['azure.workload.identity/client-id']).toBe(MODEL_READER_CLIENT_ID_PLACEHOLDER);
  });

  test('the NVIDIA device plugin runs on the GPU pool only, tolerating its taint', () => {
    const plugin = find('DaemonSet', 'nvidia-device-plugin').spec.template.spec;
    expect(plugin.nodeSelector).toEqual({ 'kubernetes.azure.com/agentpool': design.gpuPool.name });
    expect(plugin.tolerations).toEqual([{ key: 'sku', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }]);
  });

  test('metrics go to Azure Monitor managed Prometheus (azmonitoring ServiceMonitor), no PrometheusRule', () => {
    expect(objects.filter((o) => o.kind === 'ServiceMonitor').map((o) => o.apiVersion)).toContain('azmonitoring.coreos.com/v1');
    expect(objects.some((o) => o.kind === 'PrometheusRule')).toBe(false);
  });
});
