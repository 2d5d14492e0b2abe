/**
 * The parity rule of issue 14: the Kubernetes objects of one deployment are the same on every cloud except for GPU
 * scheduling, workload identity, the model download and the metrics kinds. Written as: strip exactly those fields,
 * and what remains is equal.
 */
import { awsCloud, azureCloud, buildLlmServingObjects, gcpCloud, genericCloud, type ClusterCloud, type KubeObject } from '../../../lib/kubernetes';
import { validateKubernetesObjects } from '../../../lib/validation/kubernetes';
import { named, only, servingOptions, SINGLE_NODE } from '../fixtures';

const GCP = gcpCloud({ serviceAccountEmail: 'llm-reader@my-project.iam.gserviceaccount.com', acceleratorType: 'nvidia-l40s' });
const AZURE = azureCloud({ clientId: '00000000-0000-0000-0000-000000000001', storageAccountName: 'llmweights' });
const METRICS_KINDS = new Set(['ServiceMonitor', 'PrometheusRule', 'PodMonitoring', 'Rules']);
const POD_TEMPLATE_KINDS = new Set(['Deployment', 'Rollout', 'LeaderWorkerSet']);

function build(cloud: ClusterCloud, huggingFace = false): KubeObject[] {
  return buildLlmServingObjects(servingOptions(SINGLE_NODE, {
    cloud,
    // IRSA's role ARN is an AWS option, not part of the cloud binding: leave it out so identity comes from the cloud alone.
    serviceAccountRoleArn: undefined,
    ...(huggingFace ? { modelSource: { huggingFaceId: 'meta-llama/Llama-3.1-8B-Instruct' }, huggingFaceTokenSecret: { secretName: 'hf', key: 'token' } } : {}),
  }));
}

/** The objects without scheduling, identity, download and metrics: what must not depend on the cloud. */
function cloudNeutral(objects: readonly KubeObject[], cloud: ClusterCloud): unknown[] {
  // TriggerAuthentication: the credentials of the cloud's metrics query endpoint (AKS), see keda-query.test.ts.
  const copy = JSON.parse(JSON.stringify(objects.filter((o) => !METRICS_KINDS.has(o.kind) && o.kind !== 'TriggerAuthentication'))) as Record<string, any>[];
  for (const object of copy) {
    if (object.kind === 'ServiceAccount') delete object.metadata.annotations;
    // Where KEDA queries the metrics, and with which credentials, is the cloud's metrics binding (test/kubernetes/cloud/keda-query.test.ts).
    if (object.kind === 'ScaledObject') {
      for (const trigger of object.spec.triggers) { delete trigger.metadata.serverAddress; delete trigger.authenticationRef; }
    }
    if (POD_TEMPLATE_KINDS.has(object.kind)) {
      const template = object.spec.template;
      delete template.spec.nodeSelector;
      delete template.spec.tolerations;
      delete template.spec.initContainers;
      for (const key of Object.keys(cloud.identity.podLabels)) delete template.metadata.labels[key];
    }
    if (object.kind === 'NetworkPolicy' && object.spec.egress) {
      const identityCidrs = new Set(cloud.identity.egress.map((e) => e.cidr));
      object.spec.egress = object.spec.egress.filter((rule: any) => !rule.to?.some((peer: any) => identityCidrs.has(peer.ipBlock?.cidr)));
    }
  }
  return copy;
}

describe('the same deployment on EKS, GKE and AKS', () => {
  // GIVEN one plan and one set of options, weights in the cloud's object store
  const eks = build(awsCloud);
  const gke = build(GCP);
  const aks = build(AZURE);

  test('THEN the objects are equal once scheduling, identity, download and metrics are set aside', () => {
    expect(cloudNeutral(gke, GCP)).toEqual(cloudNeutral(eks, awsCloud));
    expect(cloudNeutral(aks, AZURE)).toEqual(cloudNeutral(eks, awsCloud));
  });

  test('THEN GKE pods land on the GKE node pool of the machine type, with its accelerator label and GPU taint', () => {
    const pod = only(gke, 'Deployment').spec.template.spec;
    expect(pod.nodeSelector).toEqual({
      'node.kubernetes.io/instance-type': 'g6e.xlarge',
      'cloud.google.com/gke-nodepool': 'llm-gpu',
      'cloud.google.com/gke-accelerator': 'nvidia-l40s',
    });
    expect(pod.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  test('THEN AKS pods select the agent pool and tolerate the sku=gpu taint of the AKS docs', () => {
    const pod = only(aks, 'Deployment').spec.template;
    expect(pod.spec.nodeSelector).toEqual({ 'node.kubernetes.io/instance-type': 'g6e.xlarge', 'kubernetes.azure.com/agentpool': 'llm-gpu' });
    expect(pod.spec.tolerations).toEqual([{ key: 'sku', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }]);
    expect(pod.metadata.labels['azure.workload.identity/use']).toBe('true');
  });

  test('THEN each ServiceAccount carries its cloud\'s workload identity and no static key', () => {
    expect(only(eks, 'ServiceAccount').metadata.annotations).toBeUndefined();
    expect(only(gke, 'ServiceAccount').metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'llm-reader@my-project.iam.gserviceaccount.com' });
    expect(only(aks, 'ServiceAccount').metadata.annotations).toEqual({ 'azure.workload.identity/client-id': '00000000-0000-0000-0000-000000000001' });
  });

  test('THEN the weights come from S3, Cloud Storage or Blob Storage with the cloud\'s own CLI image', () => {
    const init = (objects: KubeObject[]) => only(objects, 'Deployment').spec.template.spec.initContainers[0];
    expect(init(eks).image).toMatch(/^public\.ecr\.aws\/aws-cli\/aws-cli:\d/);
    expect(init(gke).image).toMatch(/^gcr\.io\/google\.com\/cloudsdktool\/google-cloud-cli:\d+\.\d+\.\d+-stable$/);
    expect(init(gke).env).toContainEqual({ name: 'MODEL_GCS_URI', value: 'gs://models-123456789012-us-east-1/meta-llama/model/' });
    expect(init(gke).command[2]).toContain('gcloud storage rsync --recursive "$MODEL_GCS_URI" /models/base');
    expect(init(aks).image).toMatch(/^mcr\.microsoft\.com\/azure-cli:\d/);
    expect(init(aks).command[2]).toContain('az login --service-principal');
    expect(init(aks).command[2]).toContain('download-batch --auth-mode login');
    for (const objects of [eks, gke, aks]) expect(init(objects).securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
  });

  test('THEN the NetworkPolicy opens the identity endpoint of each cloud and nothing else link-local', () => {
    const linkLocal = (objects: KubeObject[]) => named(objects, 'NetworkPolicy', 'llm').spec.egress
      .flatMap((rule: any) => (rule.to ?? []).map((peer: any) => peer.ipBlock?.cidr)).filter((cidr: string | undefined) => cidr?.startsWith('169.254.'));
    expect(linkLocal(eks)).toEqual(['169.254.170.23/32']);
    expect(linkLocal(gke)).toEqual(['169.254.169.254/32', '169.254.169.252/32']);
    expect(linkLocal(aks)).toEqual([]);
  });

  test('THEN GKE is scraped by Managed Prometheus, AKS by Azure Monitor\'s ServiceMonitor group, EKS by the Prometheus Operator', () => {
    const kinds = (objects: KubeObject[]) => objects.filter((o) => METRICS_KINDS.has(o.kind)).map((o) => `${o.apiVersion} ${o.kind}`);
    expect(kinds(eks)).toEqual(['monitoring.coreos.com/v1 ServiceMonitor', 'monitoring.coreos.com/v1 ServiceMonitor', 'monitoring.coreos.com/v1 PrometheusRule']);
    expect(kinds(gke)).toEqual(['monitoring.googleapis.com/v1 PodMonitoring', 'monitoring.googleapis.com/v1 Rules']);
    expect(kinds(aks)).toEqual(['azmonitoring.coreos.com/v1 ServiceMonitor', 'azmonitoring.coreos.com/v1 ServiceMonitor']);
    const rules = only(gke, 'Rules').spec.groups[0].rules.map((r: any) => r.alert);
    expect(rules).toEqual(only(eks, 'PrometheusRule').spec.groups[0].rules.map((r: any) => r.alert));
  });
});

describe('any cluster (generic binding)', () => {
  test('GIVEN a Hub model THEN the objects equal the EKS ones but for scheduling, identity and metrics', () => {
    const generic = build(genericCloud, true);
    expect(cloudNeutral(generic, genericCloud)).toEqual(cloudNeutral(build(awsCloud, true), awsCloud));
    expect(only(generic, 'Deployment').spec.template.spec.nodeSelector).toEqual({ 'nvidia.com/gpu.present': 'true' });
    expect(only(generic, 'Deployment').spec.template.spec.initContainers).toBeUndefined();
  });

  test('GIVEN weights in a bucket THEN validation refuses: there is no object store to read them from', () => {
    expect(() => build(genericCloud)).toThrow(/modelSource[\s\S]*no object store/);
  });
});

describe('schema validation of the cloud-specific kinds', () => {
  test('THEN the GKE and AKS objects pass their CRD schemas (GMP v0.17.2 PodMonitoring/Rules, Azure Monitor ServiceMonitor)', () => {
    const objects = [...build(GCP), ...build(AZURE)].filter((o) => METRICS_KINDS.has(o.kind) || o.kind === 'Deployment' || o.kind === 'ServiceAccount');
    expect(validateKubernetesObjects(objects).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
