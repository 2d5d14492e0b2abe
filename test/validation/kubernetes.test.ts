import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateKubernetesObjects } from '../../lib/validation/kubernetes';
import { ValidationFinding } from '../../lib/validation/types';

const labels = { 'app.kubernetes.io/name': 'vllm' };

/** A minimal valid Deployment; tests break one field at a time. */
function deployment(spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'vllm', namespace: 'serving', labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'server', image: 'vllm/vllm-openai:v0.11.0', ...container }] } },
      ...spec,
    },
  };
}

const validObjects: object[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'serving' } },
  deployment({}, { env: [{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } }, { name: 'TOKENIZER_MODE', value: 'auto' }], resources: { limits: { 'nvidia.com/gpu': '1' } } }),
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'vllm', namespace: 'serving' }, spec: { selector: labels, ports: [{ port: 8000, targetPort: 'http' }] } },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'vllm', namespace: 'serving' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'vllm' }, minReplicas: 1, maxReplicas: 4 } },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'vllm', namespace: 'serving' }, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:aimd:metrics-reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
  { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'gpu' }, spec: { template: { spec: { nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'gpu' }, requirements: [{ key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['g5'] }] } } } },
  { apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass', metadata: { name: 'gpu' }, spec: { role: 'KarpenterNodeRole', amiSelectorTerms: [{ alias: 'al2023@latest' }], subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'c' } }], securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'c' } }] } },
  { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'vllm', namespace: 'serving' }, spec: { scaleTargetRef: { name: 'vllm' }, triggers: [{ type: 'prometheus', metadata: { serverAddress: 'http://prometheus:9090', query: 'sum(vllm:num_requests_waiting)', threshold: '5' } }] } },
  { apiVersion: 'keda.sh/v1alpha1', kind: 'TriggerAuthentication', metadata: { name: 'aws', namespace: 'serving' }, spec: { podIdentity: { provider: 'aws' } } },
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'vllm', namespace: 'serving' }, spec: { selector: { matchLabels: labels }, endpoints: [{ port: 'http', path: '/metrics' }] } },
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata: { name: 'vllm', namespace: 'serving' }, spec: { selector: { matchLabels: labels }, podMetricsEndpoints: [{ port: 'http' }] } },
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'vllm', namespace: 'serving' }, spec: { groups: [{ name: 'vllm', rules: [{ alert: 'QueueDeep', expr: 'vllm:num_requests_waiting > 10', for: '5m' }] }] } },
];

function summary(findings: readonly ValidationFinding[]): string[] {
  return findings.map((f) => `[${f.severity}] ${f.resource} ${f.rule}: ${f.message}`);
}

describe('validateKubernetesObjects', () => {
  test('accepts valid built-in, Karpenter, KEDA and Prometheus Operator objects in one call', () => {
    // WHEN
    const findings = validateKubernetesObjects(validObjects);

    // THEN
    expect(summary(findings)).toEqual([]);
  });

  test('reports every broken object at once, naming the field path and the value', () => {
    // GIVEN one object per kind of mistake
    const broken: object[] = [
      deployment({ replicas: 'two' }),
      deployment({}, { imagePullPolicy: 'Sometimes', resources: { limits: { 'nvidia.com/gpu': 'one' } } }),
      deployment({ selector: undefined }),
      { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'gpu' }, spec: { template: { spec: { nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'gpu' }, requirements: [{ key: 'k', operator: 'Equals', values: [] }] } } } },
      { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'so' }, spec: { scaleTargetRef: { name: 'vllm' }, triggers: [{ type: 'prometheus', metadata: { threshold: 5 } }] } },
    ];

    // WHEN
    const findings = validateKubernetesObjects(broken);

    // THEN
    expect(summary(findings)).toEqual([
      '[error] Deployment/serving/vllm k8s-schema: spec.replicas: must be integer (got "two")',
      '[error] Deployment/serving/vllm k8s-schema: spec.template.spec.containers[0].imagePullPolicy: "Sometimes" is not one of "Always", "IfNotPresent", "Never"',
      '[error] Deployment/serving/vllm k8s-schema: spec.template.spec.containers[0].resources.limits["nvidia.com/gpu"]: "one" is not a valid quantity',
      '[error] Deployment/serving/vllm k8s-schema: spec.selector: required but missing',
      '[error] NodePool/gpu k8s-schema: spec.template.spec.requirements[0].operator: "Equals" is not one of "DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"',
      '[error] ScaledObject/so k8s-schema: spec.triggers[0].metadata.threshold: must be string (got 5)',
    ]);
  });

  test('reports names, labels and annotations Kubernetes would reject', () => {
    // GIVEN
    const objects = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'vllm.serving' }, spec: { ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Model_Config', namespace: 'Serving', labels: { tier: 'gpu serving' } } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { annotations: { replicas: 3 } } },
    ];

    // WHEN
    const findings = validateKubernetesObjects(objects);

    // THEN
    expect(summary(findings)).toEqual([
      "[error] Service/vllm.serving k8s-metadata: metadata.name: \"vllm.serving\" is not a DNS-1123 label (lowercase letters, digits and '-', at most 63)",
      "[error] ConfigMap/Serving/Model_Config k8s-metadata: metadata.name: \"Model_Config\" is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most 253)",
      "[error] ConfigMap/Serving/Model_Config k8s-metadata: metadata.namespace: \"Serving\" is not a DNS-1123 label (lowercase letters, digits and '-', at most 63)",
      "[error] ConfigMap/Serving/Model_Config k8s-metadata: metadata.labels.tier: \"gpu serving\" is not a valid label value (at most 63 characters, alphanumeric at both ends, '-', '_', '.' inside)",
      '[error] Widget/(no name) k8s-schema/unknown-kind: no schema for example.com/v1 Widget; register one (see docs/validation.md, "Registering a CRD schema")',
      '[error] Widget/(no name) k8s-metadata: metadata.name: required, got undefined',
      '[error] Widget/(no name) k8s-metadata: metadata.annotations.replicas: 3 must be a string (quote numbers and booleans)',
    ]);
  });

  test('refuses secret values written into manifests', () => {
    // GIVEN a literal token in a container env and a Secret with data
    const objects = [
      deployment({}, { env: [{ name: 'HF_TOKEN', value: 'hf_live_abc' }, { name: 'MAX_TOKENS', value: '4096' }] }),
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'hf', namespace: 'serving' }, stringData: { token: 'hf_live_abc' } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'warmup' }, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', initContainers: [{ name: 'fetch', image: 'busybox', env: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'x' }] }], containers: [{ name: 'run', image: 'busybox' }] } } } } } },
    ];

    // WHEN
    const findings = validateKubernetesObjects(objects);

    // THEN
    expect(summary(findings)).toEqual([
      '[error] Deployment/serving/vllm k8s-secret-env: spec.template.spec.containers[0].env[0] (HF_TOKEN): secret value in manifest; use valueFrom.secretKeyRef',
      '[warning] Secret/serving/hf k8s-secret-data: Secret carries data (token) in a plain manifest; create it from a secret store (External Secrets, Secrets Manager CSI) instead',
      '[error] CronJob/warmup k8s-secret-env: spec.jobTemplate.spec.template.spec.initContainers[0].env[0] (AWS_SECRET_ACCESS_KEY): secret value in manifest; use valueFrom.secretKeyRef',
    ]);
  });

  describe('with a CRD schema registered from its YAML', () => {
    const schemaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aimd-crds-'));
    afterAll(() => fs.rmSync(schemaDir, { recursive: true, force: true }));

    test('validates objects of that kind, unknown fields included', () => {
      // GIVEN a CRD turned into a registration by the documented script
      const crdFile = path.join(schemaDir, 'widget-crd.yaml');
      fs.writeFileSync(crdFile, WIDGET_CRD);
      const script = path.join(__dirname, '..', '..', 'lib', 'validation', 'register-crd-schema.mjs');
      const run = spawnSync(process.execPath, [script, crdFile, '--source', 'test fixture', '--out', schemaDir], { encoding: 'utf-8' });
      expect(run.stderr).toBe('');
      expect(fs.readdirSync(schemaDir).filter((f) => f.endsWith('.json'))).toEqual(['example.com_v1_Widget.json']);
      const widget = (spec: object) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec });

      // WHEN
      const findings = validateKubernetesObjects(
        [widget({ size: 3, port: 'http' }), widget({ size: 'big', colour: 'red', port: 8080, extra: { free: 'form' } })],
        { schemaDirectories: [schemaDir] },
      );

      // THEN the first is valid; the second has a wrong type and a misspelt field; int-or-string and
      // preserve-unknown-fields are honoured
      expect(summary(findings)).toEqual([
        '[error] Widget/w k8s-schema: spec.colour: unknown field',
        '[error] Widget/w k8s-schema: spec.size: must be integer (got "big")',
      ]);
    });
  });
});

const WIDGET_CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: { type: integer, format: int32 }
                color: { type: string }
                port: { x-kubernetes-int-or-string: true }
                extra: { type: object, x-kubernetes-preserve-unknown-fields: true }
`;
