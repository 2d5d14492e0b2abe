/**
 * KEDA where the clouds need it, as pure descriptions: one `kedacore/keda` release for EKS and GKE; on GKE, the
 * operator's Workload Identity, its Google service account, the monitoring.viewer role and the control plane's
 * firewall rule to KEDA's metrics server; on AKS, the identity the KEDA add-on queries the Monitor workspace as and
 * the workspace's query private endpoint; and the GKE binding's triggers on the GMP query API with the `gcp` provider.
 */
import { CHART_VERSIONS, gpuClusterComponents } from '../../../lib/eks/components';
import { KEDA_CHART_REPOSITORY, KEDA_CHART_VERSION, KEDA_NAMESPACE, KEDA_OPERATOR_SERVICE_ACCOUNT, kedaComponent } from '../../../lib/eks/keda-component';
import { GMP_READER_ROLE, gkeKedaComponent, kedaControlPlaneFirewall, kedaServiceAccountEmail, kedaServiceAccountId, kedaWorkloadIdentityMember } from '../../../lib/gke/keda';
import { DEFAULT_GKE_NETWORK } from '../../../lib/gke/deployment-config';
import { AKS_KEDA_OPERATOR, aksKedaDesign, MONITORING_DATA_READER, PROMETHEUS_PRIVATE_LINK_SUBRESOURCE } from '../../../lib/azure/llm-aks-keda';
import { buildLlmServingObjects, gcpCloud } from '../../../lib/kubernetes';
import { validateKubernetesObjects } from '../../../lib/validation/kubernetes';
import { servingOptions, SINGLE_NODE } from '../fixtures';

const GKE = { name: 'llm-gke', project: 'my-project', serviceAccountId: 'llm-gke-reader', network: DEFAULT_GKE_NETWORK };

describe('the KEDA release', () => {
  test('is the pinned kedacore/keda chart in namespace keda, the same description EKS installs', () => {
    expect(kedaComponent([])).toMatchObject({ id: 'Keda', release: 'keda', chart: 'keda', repository: KEDA_CHART_REPOSITORY, version: KEDA_CHART_VERSION, namespace: KEDA_NAMESPACE, values: {} });
    expect(KEDA_CHART_REPOSITORY).toBe('https://kedacore.github.io/charts');
    expect(CHART_VERSIONS.keda).toBe(KEDA_CHART_VERSION);
    const eks = gpuClusterComponents({ clusterName: 'c', capacity: 'auto-mode', keda: true, leaderWorkerSet: false }).find((c) => c.id === 'Keda');
    expect(eks).toEqual(kedaComponent([]));
  });
});

describe('GKE: KEDA queries Managed Prometheus as its own Workload Identity', () => {
  test('the chart annotates keda/keda-operator with the KEDA Google service account', () => {
    expect(kedaServiceAccountId(GKE)).toBe('llm-gke-reader-keda');
    expect(kedaServiceAccountId({ serviceAccountId: 'a-very-long-account-id-of-30c' }).length).toBeLessThanOrEqual(30);
    expect(gkeKedaComponent(GKE).values).toEqual({ podIdentity: { gcp: { enabled: true, gcpIAMServiceAccount: 'llm-gke-reader-keda@my-project.iam.gserviceaccount.com' } } });
    expect(kedaServiceAccountEmail(GKE)).toBe('llm-gke-reader-keda@my-project.iam.gserviceaccount.com');
  });

  test('only KEDA\'s operator ServiceAccount may act as it, and it may only read monitoring data', () => {
    expect([KEDA_NAMESPACE, KEDA_OPERATOR_SERVICE_ACCOUNT]).toEqual(['keda', 'keda-operator']);
    expect(kedaWorkloadIdentityMember(GKE)).toBe('serviceAccount:my-project.svc.id.goog[keda/keda-operator]');
    expect(GMP_READER_ROLE).toBe('roles/monitoring.viewer');
  });

  test('the private control plane may reach KEDA\'s metrics API server on 6443, and nothing else opens', () => {
    expect(kedaControlPlaneFirewall(GKE)).toEqual({ name: 'llm-gke-cp-to-keda', sourceRanges: ['172.16.0.0/28'], ports: ['6443'] });
  });

  test('with a project, the triggers query the GMP query API through a TriggerAuthentication with the gcp provider', () => {
    const objects = buildLlmServingObjects(servingOptions(SINGLE_NODE, { cloud: gcpCloud({ project: 'my-project' }), serviceAccountRoleArn: undefined }));
    const scaled = objects.find((o) => o.kind === 'ScaledObject') as Record<string, any>;
    const auth = objects.find((o) => o.kind === 'TriggerAuthentication') as Record<string, any>;
    expect(auth.spec).toEqual({ podIdentity: { provider: 'gcp' } });
    for (const trigger of scaled.spec.triggers) {
      expect(trigger.metadata.serverAddress).toBe('https://monitoring.googleapis.com/v1/projects/my-project/location/global/prometheus');
      expect(trigger.authenticationRef).toEqual({ name: auth.metadata.name });
    }
    expect(validateKubernetesObjects([auth, scaled] as never).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('AKS: the identity the KEDA add-on queries the workspace as', () => {
  const keda = aksKedaDesign({ name: 'llm-aks', location: 'eastus', monitorWorkspaceName: 'amw-llm-aks' });

  test('is federated with kube-system/keda-operator, where the add-on runs its operator', () => {
    expect(AKS_KEDA_OPERATOR).toEqual({ namespace: 'kube-system', serviceAccount: 'keda-operator' });
    expect(keda).toMatchObject({ identityName: 'id-llm-aks-keda', subject: 'system:serviceaccount:kube-system:keda-operator' });
    expect(MONITORING_DATA_READER).toEqual({ name: 'Monitoring Data Reader', id: 'b0d8363b-8ddd-447d-831f-62ca05bff136' });
  });

  test('reaches the private workspace through its prometheusMetrics private endpoint and the regional private DNS zone', () => {
    expect(PROMETHEUS_PRIVATE_LINK_SUBRESOURCE).toBe('prometheusMetrics');
    expect(keda).toMatchObject({ privateEndpointName: 'pe-amw-llm-aks-query', privateDnsZone: 'privatelink.eastus.prometheus.monitor.azure.com' });
  });
});
