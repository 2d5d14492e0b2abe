/**
 * `llm-gke` rendered once per engine (cdktf, Pulumi under mocks, manifests) and read as a specification: a private
 * GKE cluster with a GPU pool GKE installs the driver on, a CMEK bucket kept on destroy, a reader account bound
 * through Workload Identity, and the serving objects through the GKE binding, with zero findings.
 */
import { LLM_GKE, llmGkeBlueprint } from '../../blueprints/gke/llm-gke';
import { ALL_BLUEPRINTS, rendersOn } from '../../blueprints';
import { blueprintForSpec } from '../../blueprints/from-spec';
import { contextFor } from '../../lib/synth/context';
import { synthKubernetes, synthPulumi, synthTerraform } from '../../lib/synth/engines';
import type { RecordedPulumiResource } from '../../lib/validation/pulumi-mocks';
import type { ValidationFinding } from '../../lib/validation/types';
import type { KubeObject } from '../../lib/kubernetes/types';
import { gkeAlertRouting } from '../../lib/gke/deployment-config';
import { llmGkeDeploymentConfig } from '../../blueprints/gke/deployment-config';

/** llm-gke with recipients and a billing account: what reaches people is rendered and checked on every engine. */
const HEARD = llmGkeBlueprint({
  name: LLM_GKE.name,
  description: LLM_GKE.description,
  spec: { ...LLM_GKE.spec, monitoring: { recipients: { emails: ['ml-oncall@example.com'], pagerDutyIntegrationKeySecret: 'llm-gke-pagerduty' }, budget: { billingAccount: '012345-6789AB-CDEF01' } } },
});

describe('llm-gke', () => {
  const context = contextFor(HEARD);
  let tf: Record<string, any>;
  let tfFindings: ValidationFinding[];
  let pulumi: readonly RecordedPulumiResource[];
  let pulumiFindings: ValidationFinding[];
  let objects: readonly KubeObject[];
  let k8sFindings: ValidationFinding[];

  beforeAll(async () => {
    const terraform = synthTerraform([HEARD], [context]);
    tf = terraform.stacks.get('llm-gke')!;
    tfFindings = terraform.findings.get('llm-gke') ?? [];
    const p = await synthPulumi(HEARD, context);
    pulumi = p.resources;
    pulumiFindings = p.findings;
    const k = synthKubernetes([HEARD], [context]);
    objects = k.objects.get('llm-gke') ?? [];
    k8sFindings = k.findings.get('llm-gke') ?? [];
  }, 120_000);

  const resource = (type: string) => Object.values((tf.resource?.[type] ?? {}) as Record<string, any>);
  const pulumiOf = (type: string) => pulumi.filter((r) => r.type === type);

  test('THEN every engine renders with zero findings', () => {
    expect(tfFindings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(pulumiFindings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(k8sFindings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('THEN CDK refuses with a clear message: CloudFormation deploys to AWS only', () => {
    expect(LLM_GKE.engines).toEqual(['terraform', 'pulumi', 'kubernetes']);
    expect(() => LLM_GKE.renderCdk({} as never, context)).toThrow(/engine \('cdk'\): cannot render on CDK: the blueprint deploys to Google Cloud \(GKE\), and CDK is AWS-only[\s\S]*Fix: use cdktf[\s\S]*Pulumi[\s\S]*plain manifests/);
  });

  test('THEN the cluster is private GKE Standard with Workload Identity, Shielded Nodes, a release channel and Managed Prometheus', () => {
    const [cluster] = resource('google_container_cluster');
    expect(cluster.private_cluster_config).toMatchObject({ enable_private_nodes: true, enable_private_endpoint: true });
    expect(cluster.workload_identity_config).toEqual({ workload_pool: 'aimd-review-project.svc.id.goog' });
    expect(cluster.enable_shielded_nodes).toBe(true);
    expect(cluster.release_channel).toEqual({ channel: 'REGULAR' });
    expect(cluster.monitoring_config).toMatchObject({ managed_prometheus: { enabled: true }, enable_components: expect.arrayContaining(['DCGM']) });
    expect(cluster.datapath_provider).toBe('ADVANCED_DATAPATH');
    expect(cluster.remove_default_node_pool).toBe(true);
  });

  test('THEN the GPU pool has the plan\'s machine type and accelerator, GKE installs the driver, and it scales to the spec\'s bounds', () => {
    const gpu = resource('google_container_node_pool').find((p) => p.name === 'llm-gke-gpu');
    const plan = context.plan.llm!;
    expect(gpu.node_config.machine_type).toBe(plan.instanceType);
    // Planned on Google Cloud's catalogue: a Compute Engine machine type, not an EC2 one.
    expect(plan.instanceType).toMatch(/^(g2|a2|a3|n1)-/);
    expect(gpu.node_config.guest_accelerator).toEqual([{ type: 'nvidia-l4', count: plan.acceleratorCount, gpu_driver_installation_config: { gpu_driver_version: 'LATEST' } }]);
    expect(gpu.node_config.workload_metadata_config).toEqual({ mode: 'GKE_METADATA' });
    // minReplicas 1 .. maxReplicas 4, plus one surge node for a rolling update.
    expect(gpu.autoscaling).toMatchObject({ total_min_node_count: 1, total_max_node_count: 5 });
  });

  test('THEN the weights bucket is private, CMEK-encrypted, versioned and kept on destroy', () => {
    const [bucket] = resource('google_storage_bucket');
    expect(bucket).toMatchObject({ uniform_bucket_level_access: true, public_access_prevention: 'enforced', force_destroy: false, versioning: { enabled: true } });
    expect(bucket.encryption.default_kms_key_name).toMatch(/google_kms_crypto_key\./);
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    const [pulumiBucket] = pulumiOf('gcp:storage/bucket:Bucket');
    expect(pulumiBucket!.inputs).toMatchObject({ publicAccessPrevention: 'enforced', uniformBucketLevelAccess: true, forceDestroy: false });
  });

  test('THEN the reader account may only read that bucket, and only the serving ServiceAccount may act as it', () => {
    const grants = resource('google_storage_bucket_iam_member');
    expect(grants.map((g) => g.role)).toEqual(['roles/storage.objectViewer']);
    const wi = resource('google_service_account_iam_member').find((m) => m.member.includes('[llm-gke/'));
    expect(wi).toMatchObject({ role: 'roles/iam.workloadIdentityUser', member: 'serviceAccount:aimd-review-project.svc.id.goog[llm-gke/llm-gke-vllm]' });
    const sa = objects.find((o) => o.kind === 'ServiceAccount')!;
    expect(sa.metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'llm-gke-reader@aimd-review-project.iam.gserviceaccount.com' });
  });

  test('THEN the serving objects are applied with the kubernetes provider and use the GKE binding', () => {
    const manifests = resource('kubernetes_manifest').map((m) => m.manifest.kind);
    expect(manifests).toEqual(expect.arrayContaining(['Deployment', 'PodMonitoring', 'ScaledObject']));
    expect(manifests).not.toContain('ServiceMonitor');
    // No GMP Rules: its managed Alertmanager reached nobody; the alerts are Cloud Monitoring policies.
    expect(manifests).not.toContain('Rules');
    expect(objects.map((o) => o.kind)).not.toContain('Rules');
    // The policies and KEDA select service="llm-gke": GMP sets no such label unless the PodMonitoring maps it from the pod.
    const podMonitoring = objects.find((o) => o.kind === 'PodMonitoring') as any;
    expect(podMonitoring.spec.targetLabels.fromPod).toContainEqual({ from: 'app.kubernetes.io/instance', to: 'service' });
    const pod = (objects.find((o) => o.kind === 'Deployment') as any).spec.template.spec;
    expect(pod.nodeSelector).toMatchObject({ 'cloud.google.com/gke-nodepool': 'llm-gke-gpu', 'cloud.google.com/gke-accelerator': 'nvidia-l4' });
    expect(pod.initContainers[0].env).toContainEqual({ name: 'MODEL_GCS_URI', value: 'gs://aimd-review-project-llm-gke-weights/models/meta-llama/Llama-3.1-8B-Instruct/' });
  });

  test('THEN KEDA is installed (pinned kedacore/keda) before the serving objects, its operator acting as a metrics reader', () => {
    const keda = resource('helm_release').find((r) => r.chart === 'keda');
    expect(keda).toMatchObject({ repository: 'https://kedacore.github.io/charts', version: '2.21.1', namespace: 'keda', wait: true });
    expect(keda.values[0]).toMatch(/gcpIAMServiceAccount: llm-gke-reader-keda@aimd-review-project\.iam\.gserviceaccount\.com/);
    expect(resource('google_project_iam_member').filter((m) => /google_service_account\.\w*keda\w*\.member/i.test(m.member)).map((m) => m.role)).toEqual(['roles/monitoring.viewer']);
    expect(resource('google_service_account_iam_member').map((m) => m.member)).toContain('serviceAccount:aimd-review-project.svc.id.goog[keda/keda-operator]');
    const scaledObject = resource('kubernetes_manifest').find((m) => m.manifest.kind === 'ScaledObject');
    expect(scaledObject.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^helm_release\.keda$/)]));
  });

  test('THEN the control plane may reach KEDA\'s metrics server (6443) through the firewall, from its own /28 only', () => {
    const rules = resource('google_compute_firewall');
    expect(rules).toEqual([expect.objectContaining({ direction: 'INGRESS', source_ranges: ['172.16.0.0/28'], allow: [{ protocol: 'tcp', ports: ['6443'] }] })]);
  });

  test('THEN the ScaledObject queries the project\'s Managed Prometheus with KEDA\'s Workload Identity, not a frontend nobody runs', () => {
    const scaled = objects.find((o) => o.kind === 'ScaledObject') as any;
    const auth = objects.find((o) => o.kind === 'TriggerAuthentication') as any;
    expect(auth.spec).toEqual({ podIdentity: { provider: 'gcp' } });
    expect(scaled.spec.triggers.map((t: any) => t.metadata.serverAddress)).toEqual(Array(scaled.spec.triggers.length).fill('https://monitoring.googleapis.com/v1/projects/aimd-review-project/location/global/prometheus'));
    expect(JSON.stringify(objects)).not.toContain('gmp-public');
    expect(tfFindings.filter((f) => f.rule === 'deployability/autoscaling')).toEqual([]);
    expect(pulumiFindings.filter((f) => f.rule === 'deployability/autoscaling')).toEqual([]);
  });

  test('THEN Pulumi declares the same cluster, pools, bucket and identity as Terraform', () => {
    expect(pulumiOf('gcp:container/cluster:Cluster')).toHaveLength(1);
    expect(pulumiOf('gcp:container/nodePool:NodePool')).toHaveLength(2);
    expect(pulumiOf('gcp:serviceaccount/iAMMember:IAMMember').map((r) => r.inputs.member).sort()).toEqual([
      'serviceAccount:aimd-review-project.svc.id.goog[keda/keda-operator]', 'serviceAccount:aimd-review-project.svc.id.goog[llm-gke/llm-gke-vllm]',
    ]);
    expect(pulumiOf('kubernetes:helm.sh/v3:Release').map((r) => [r.inputs.chart, r.inputs.version])).toEqual([['keda', '2.21.1']]);
    expect(pulumiOf('gcp:projects/iAMMember:IAMMember').map((r) => r.inputs.role)).toContain('roles/monitoring.viewer');
    expect(pulumiOf('gcp:compute/firewall:Firewall').map((r) => r.inputs.sourceRanges)).toEqual([['172.16.0.0/28']]);
    const [cluster] = pulumiOf('gcp:container/cluster:Cluster');
    expect(cluster!.inputs).toMatchObject({ enableShieldedNodes: true, workloadIdentityConfig: { workloadPool: 'aimd-review-project.svc.id.goog' } });
  });

  const routing = gkeAlertRouting(llmGkeDeploymentConfig(context));

  test('THEN each recipient is a notification channel; the PagerDuty key is read from Secret Manager at plan time', () => {
    const channels = Object.values(tf.resource.google_monitoring_notification_channel as Record<string, any>);
    expect(channels.map((c) => c.type)).toEqual(['email', 'pagerduty']);
    expect(channels[0].labels).toEqual({ email_address: 'ml-oncall@example.com' });
    expect(channels[1].sensitive_labels.service_key).toMatch(/^\$\{data\.google_secret_manager_secret_version\.[\w-]+\.secret_data\}$/);
    expect(Object.values(tf.data.google_secret_manager_secret_version as Record<string, any>)).toEqual([expect.objectContaining({ secret: 'llm-gke-pagerduty' })]);
    expect(pulumi.filter((r) => r.type === 'gcp:monitoring/notificationChannel:NotificationChannel').map((r) => r.inputs.type)).toEqual(['email', 'pagerduty']);
  });

  test('THEN every vLLM alert rule is one PromQL alerting policy that notifies every channel, on both engines', () => {
    const policies = Object.values(tf.resource.google_monitoring_alert_policy as Record<string, any>);
    expect(policies).toHaveLength(routing.policies.length);
    expect(routing.policies.map((p) => p.condition.alertRule)).toEqual(['VllmTimeToFirstTokenP95High', 'VllmInterTokenLatencyP95High', 'VllmQueueDepthHigh', 'VllmKvCacheAlmostFull', 'GpuXidError']);
    for (const policy of policies) {
      const promQl = policy.conditions[0].condition_prometheus_query_language;
      const described = routing.policies.find((p) => p.condition.alertRule === promQl.alert_rule)!;
      expect(promQl).toEqual({ query: described.condition.query, duration: described.condition.duration, evaluation_interval: '30s', alert_rule: described.condition.alertRule, rule_group: 'llm-gke.vllm', labels: described.condition.labels, disable_metric_validation: true });
      expect(policy.notification_channels).toHaveLength(2);
    }
    const pulumiPolicies = pulumi.filter((r) => r.type === 'gcp:monitoring/alertPolicy:AlertPolicy');
    expect(pulumiPolicies.map((r) => (r.inputs as any).conditions[0].conditionPrometheusQueryLanguage.query)).toEqual(routing.policies.map((p) => p.condition.query));
    for (const r of pulumiPolicies) expect(r.inputs.notificationChannels).toHaveLength(2);
  });

  test('THEN the Cloud Billing budget is the plan\'s cost plus 20 %, filtered to the project and the deployment label, notifying the channels', () => {
    const [budget] = Object.values(tf.resource.google_billing_budget as Record<string, any>);
    const limit = Math.ceil(context.plan.summary.monthlyCostUsd! * 1.2);
    expect(budget).toMatchObject({
      billing_account: '012345-6789AB-CDEF01',
      amount: { specified_amount: { currency_code: 'USD', units: String(limit) } },
      budget_filter: { labels: { 'aimd-deployment': 'llm-gke' }, calendar_period: 'MONTH' },
      threshold_rules: [{ threshold_percent: 0.8, spend_basis: 'CURRENT_SPEND' }, { threshold_percent: 1, spend_basis: 'FORECASTED_SPEND' }],
    });
    expect(budget.budget_filter.projects).toEqual([expect.stringMatching(/^projects\/\$\{data\.google_project\.[\w-]+\.number\}$/)]);
    expect(budget.all_updates_rule.monitoring_notification_channels).toHaveLength(2);
    expect(resource('google_container_cluster')[0].resource_labels).toMatchObject({ 'aimd-deployment': 'llm-gke' });
    const [pulumiBudget] = pulumi.filter((r) => r.type === 'gcp:billing/budget:Budget');
    expect(pulumiBudget!.inputs).toMatchObject({ billingAccount: '012345-6789AB-CDEF01', amount: { specifiedAmount: { units: String(limit) } }, budgetFilter: { projects: ['projects/123456789012'] } });
  });

  test('THEN the observability check finds no silent alert and no missing budget on either engine', () => {
    const observability = [...tfFindings, ...pulumiFindings].filter((f) => f.rule === 'deployability/observability');
    expect(observability).toEqual([]);
  });
});

describe('GKE specs and the CDK app', () => {
  test('GIVEN a spec with target.kind gke THEN it renders through llm-gke\'s renderers, vLLM only', () => {
    const spec = { ...LLM_GKE.spec, name: 'chat-gke' };
    expect(blueprintForSpec(spec).engines).toEqual(['terraform', 'pulumi', 'kubernetes']);
    expect(() => blueprintForSpec({ ...spec, runtime: { engine: 'tgi' } })).toThrow(/runtime\.engine.*cannot be served on target 'gke' \(it serves vllm\)/s);
  });

  test('THEN CDK renders every AWS blueprint and none of the other clouds\'', () => {
    const onCdk = ALL_BLUEPRINTS.filter((bp) => rendersOn(bp, 'cdk')).map((bp) => bp.name);
    expect(onCdk).toContain('llm-eks');
    expect(onCdk).not.toContain('llm-gke');
    expect(onCdk).not.toContain('llm-kubernetes');
  });
});
