/**
 * deployability/autoscaling: a ScaledObject is only rendered where the output's cluster runs KEDA, and a Prometheus
 * trigger that names an in-cluster Service finds that Service. Pure facts, built with the real neutral builders:
 * `llm-gke` as main rendered it (no KEDA, the GMP frontend nobody deployed) fails; as it renders now, it passes.
 */
import { buildLlmServingObjects, gcpCloud, azureCloud, type KubeObject } from '../../../lib/kubernetes';
import { kedaComponent } from '../../../lib/eks/keda-component';
import { checkAutoscaling, emptyFacts, type DeploymentFacts } from '../../../lib/validation/deployability';
import { inClusterService } from '../../../lib/validation/deployability/autoscaling';
import { servingOptions, SINGLE_NODE } from '../../kubernetes/fixtures';

const GKE_CLUSTER = { resource: 'google_container_cluster.gke', addons: [] };
const serving = (cloud: ReturnType<typeof gcpCloud>): KubeObject[] => buildLlmServingObjects(servingOptions(SINGLE_NODE, { cloud, serviceAccountRoleArn: undefined }));
const kedaRelease = { resource: 'helm_release.keda', chart: kedaComponent([]).chart, namespace: 'keda', release: 'keda' };
const facts = (extra: Partial<DeploymentFacts>): DeploymentFacts => ({ ...emptyFacts('terraform'), managedClusters: [GKE_CLUSTER], ...extra });

describe('GIVEN llm-gke as main rendered it: a ScaledObject on the GMP query frontend, no KEDA installed', () => {
  const objects = serving(gcpCloud({ serviceAccountEmail: 'llm-gke-reader@p.iam.gserviceaccount.com' }));
  const findings = checkAutoscaling(facts({ kubeObjects: objects }));

  test('THEN the missing KEDA is an error naming the ScaledObject and the fix', () => {
    const keda = findings.filter((f) => /needs KEDA/.test(f.message));
    expect(keda).toHaveLength(1);
    expect(keda[0]).toMatchObject({ rule: 'deployability/autoscaling', severity: 'error', resource: expect.stringMatching(/^ScaledObject\//) });
    expect(keda[0]!.message).toMatch(/Fix: install the kedacore\/keda chart/);
  });

  test('THEN each Prometheus trigger on frontend.gmp-public, which nothing deploys, is an error', () => {
    const frontend = findings.filter((f) => /frontend\.gmp-public/.test(f.message));
    expect(frontend.map((f) => f.message.match(/trigger '([^']+)'/)?.[1])).toEqual(['queue-depth', 'kv-cache-usage']);
    expect(frontend[0]!.message).toMatch(/no Service 'frontend' in namespace 'gmp-public'/);
  });
});

describe('GIVEN llm-gke as it renders now: KEDA released, triggers on the GMP query API', () => {
  test('THEN there is nothing to report', () => {
    const objects = serving(gcpCloud({ project: 'p', serviceAccountEmail: 'llm-gke-reader@p.iam.gserviceaccount.com' }));
    expect(checkAutoscaling(facts({ kubeObjects: objects, helmReleases: [kedaRelease] }))).toEqual([]);
  });
});

describe('what provides KEDA and the Service', () => {
  const onFrontend = serving(gcpCloud({}));
  const frontendService: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'frontend', namespace: 'gmp-public' } };

  test('the AKS KEDA add-on, an OCI keda chart, or KEDA\'s CRD among the objects', () => {
    const aks = serving(azureCloud({ clientId: 'c', storageAccountName: 's', prometheusQueryEndpoint: 'https://amw.eastus.prometheus.monitor.azure.com' }));
    expect(checkAutoscaling({ ...emptyFacts('pulumi'), kubeObjects: aks, managedClusters: [{ resource: 'aks', addons: ['keda'] }] })).toEqual([]);
    expect(checkAutoscaling({ ...emptyFacts('pulumi'), kubeObjects: aks, managedClusters: [{ resource: 'aks', addons: [] }] }).map((f) => f.message)).toEqual([expect.stringMatching(/needs KEDA/)]);
    const oci = { ...kedaRelease, chart: 'oci://ghcr.io/kedacore/charts/keda' };
    expect(checkAutoscaling(facts({ kubeObjects: [...onFrontend, frontendService], helmReleases: [oci] }))).toEqual([]);
    const crd: KubeObject = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'scaledobjects.keda.sh' } };
    expect(checkAutoscaling(facts({ kubeObjects: [...onFrontend, frontendService, crd] }))).toEqual([]);
  });

  test('a Helm release in the Service\'s namespace whose release name the Service starts with (kube-prometheus-stack-prometheus)', () => {
    const eks = buildLlmServingObjects(servingOptions(SINGLE_NODE));
    const stack = { resource: 'helm_release.kube-prometheus-stack', chart: 'kube-prometheus-stack', namespace: 'monitoring', release: 'kube-prometheus-stack' };
    const cluster = { resource: 'aws_eks_cluster.c', logTypes: [], autoMode: false };
    expect(checkAutoscaling({ ...emptyFacts('terraform'), kubeObjects: eks, clusters: [cluster], helmReleases: [kedaRelease, stack] })).toEqual([]);
    expect(checkAutoscaling({ ...emptyFacts('terraform'), kubeObjects: eks, clusters: [cluster], helmReleases: [kedaRelease, { ...stack, namespace: 'observability' }] })).toHaveLength(2);
  });

  test('plain manifests onto an existing cluster are not checked: its software is not in the output', () => {
    expect(checkAutoscaling({ ...emptyFacts('kubernetes'), kubeObjects: onFrontend })).toEqual([]);
  });

  test('only cluster Service URLs are in-cluster; cloud query APIs and bare names are not checked', () => {
    expect(inClusterService('http://frontend.gmp-public.svc:9090')).toEqual({ service: 'frontend', namespace: 'gmp-public' });
    expect(inClusterService('http://prometheus.monitoring.svc.cluster.local:9090/')).toEqual({ service: 'prometheus', namespace: 'monitoring' });
    expect(inClusterService('https://monitoring.googleapis.com/v1/projects/p/location/global/prometheus')).toBeUndefined();
    expect(inClusterService('http://prometheus:9090')).toBeUndefined();
    expect(inClusterService('${PROMETHEUS_QUERY_ENDPOINT}')).toBeUndefined();
  });
});
