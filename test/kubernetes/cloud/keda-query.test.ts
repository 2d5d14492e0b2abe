/**
 * Where KEDA's Prometheus triggers query the metrics is part of each cloud's metrics binding: EKS keeps the in-cluster
 * kube-prometheus-stack address with no authentication; GKE without a project queries Managed Service for Prometheus
 * through a query frontend in `gmp-public` (with one: the GMP query API, keda-install.test.ts); AKS queries the Azure Monitor workspace's query endpoint, authenticated by a
 * TriggerAuthentication with KEDA's `azure-workload` pod identity provider. Pure tests of the neutral builder.
 */
import {
  awsCloud, azureCloud, buildLlmServingObjects, DEFAULT_PROMETHEUS_ADDRESS, gcpCloud, GMP_FRONTEND_QUERY_ADDRESS, genericCloud,
  PROMETHEUS_QUERY_ENDPOINT_PLACEHOLDER, type ClusterCloud, type KubeObject,
} from '../../../lib/kubernetes';
import { validateKubernetesObjects } from '../../../lib/validation/kubernetes';
import { only, servingOptions, SINGLE_NODE } from '../fixtures';

const AZURE_QUERY_ENDPOINT = 'https://amw-llm-abcd.eastus.prometheus.monitor.azure.com';

function build(cloud: ClusterCloud, autoscaling: Record<string, unknown> = {}): KubeObject[] {
  const base = servingOptions(SINGLE_NODE);
  return buildLlmServingObjects(servingOptions(SINGLE_NODE, {
    cloud,
    serviceAccountRoleArn: undefined,
    autoscaling: { ...base.autoscaling, ...autoscaling },
    ...(cloud === genericCloud ? { modelSource: { huggingFaceId: 'meta-llama/Llama-3.1-8B-Instruct' }, huggingFaceTokenSecret: { secretName: 'hf', key: 'token' } } : {}),
  }));
}

const triggers = (objects: readonly KubeObject[]) => only(objects, 'ScaledObject').spec.triggers as Array<Record<string, any>>;
const addresses = (objects: readonly KubeObject[]) => [...new Set(triggers(objects).map((t) => t.metadata.serverAddress))];
const triggerAuthentications = (objects: readonly KubeObject[]) => objects.filter((o) => o.kind === 'TriggerAuthentication') as Array<Record<string, any>>;

describe('EKS: the in-cluster kube-prometheus-stack, as before', () => {
  const objects = build(awsCloud);

  test('the binding has no query endpoint; every trigger queries the default address with no authentication', () => {
    expect(awsCloud.metrics.query).toBeUndefined();
    expect(addresses(objects)).toEqual([DEFAULT_PROMETHEUS_ADDRESS]);
    expect(DEFAULT_PROMETHEUS_ADDRESS).toBe('http://kube-prometheus-stack-prometheus.monitoring.svc:9090');
    expect(triggers(objects).every((t) => t.authenticationRef === undefined)).toBe(true);
    expect(triggerAuthentications(objects)).toEqual([]);
  });
});

describe('GKE: Managed Service for Prometheus through its query frontend', () => {
  const objects = build(gcpCloud({ serviceAccountEmail: 'llm-reader@my-project.iam.gserviceaccount.com' }));

  test('every trigger queries the frontend Service in gmp-public, which signs queries itself: no TriggerAuthentication', () => {
    expect(GMP_FRONTEND_QUERY_ADDRESS).toBe('http://frontend.gmp-public.svc:9090');
    expect(addresses(objects)).toEqual([GMP_FRONTEND_QUERY_ADDRESS]);
    expect(triggers(objects).map((t) => t.name)).toEqual(['queue-depth', 'kv-cache-usage']);
    expect(triggers(objects).every((t) => t.authenticationRef === undefined)).toBe(true);
    expect(triggerAuthentications(objects)).toEqual([]);
  });

  test('a frontend elsewhere is an option of the binding', () => {
    expect(addresses(build(gcpCloud({ prometheusQueryAddress: 'http://frontend.monitoring.svc:9090' })))).toEqual(['http://frontend.monitoring.svc:9090']);
  });
});

describe('AKS: the Azure Monitor workspace query endpoint with KEDA workload identity', () => {
  const azure = azureCloud({ clientId: '00000000-0000-0000-0000-000000000001', storageAccountName: 'llmweights', prometheusQueryEndpoint: AZURE_QUERY_ENDPOINT });
  const objects = build(azure);

  test('every trigger queries the workspace endpoint and references the deployment\'s TriggerAuthentication', () => {
    expect(addresses(objects)).toEqual([AZURE_QUERY_ENDPOINT]);
    expect(triggers(objects).map((t) => t.authenticationRef)).toEqual([{ name: 'llm-prometheus' }, { name: 'llm-prometheus' }]);
  });

  test('the TriggerAuthentication uses the azure-workload provider (KEDA\'s own identity unless one is named), before the ScaledObject', () => {
    const [auth] = triggerAuthentications(objects);
    expect(auth.metadata).toMatchObject({ name: 'llm-prometheus', namespace: only(objects, 'ScaledObject').metadata.namespace });
    expect(auth.spec).toEqual({ podIdentity: { provider: 'azure-workload' } });
    expect(objects.findIndex((o) => o.kind === 'TriggerAuthentication')).toBeLessThan(objects.findIndex((o) => o.kind === 'ScaledObject'));
    const named = build(azureCloud({ clientId: 'c', storageAccountName: 's', prometheusQueryEndpoint: AZURE_QUERY_ENDPOINT, kedaIdentityClientId: '00000000-0000-0000-0000-00000000000k' }));
    expect(triggerAuthentications(named)[0].spec.podIdentity).toEqual({ provider: 'azure-workload', identityId: '00000000-0000-0000-0000-00000000000k' });
  });

  test('without the endpoint the binding writes the placeholder an engine resolves (Terraform: the workspace\'s query_endpoint)', () => {
    expect(addresses(build(azureCloud({ clientId: 'c', storageAccountName: 's' })))).toEqual([PROMETHEUS_QUERY_ENDPOINT_PLACEHOLDER]);
  });

  test('the ScaledObject and TriggerAuthentication pass the KEDA schemas', () => {
    const keda = objects.filter((o) => o.apiVersion === 'keda.sh/v1alpha1');
    expect(keda.map((o) => o.kind)).toEqual(['TriggerAuthentication', 'ScaledObject']);
    expect(validateKubernetesObjects(keda).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('every cloud', () => {
  test('an explicit autoscaling.prometheusAddress wins over the binding', () => {
    expect(addresses(build(gcpCloud({}), { prometheusAddress: 'http://thanos-query.monitoring.svc:9090' }))).toEqual(['http://thanos-query.monitoring.svc:9090']);
  });

  test('any cluster (generic binding) keeps the in-cluster default', () => {
    expect(addresses(build(genericCloud))).toEqual([DEFAULT_PROMETHEUS_ADDRESS]);
  });
});
