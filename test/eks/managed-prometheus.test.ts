/**
 * Amazon Managed Service for Prometheus export through the in-cluster collector: federation of the cluster's
 * Prometheus, `prometheusremotewrite` signed by `sigv4auth`, `aps:RemoteWrite` on the one workspace, and the spec field.
 */
import { gpuClusterComponents, PROMETHEUS_HOST_PORT } from '../../lib/eks/components';
import { ampRemoteWriteUrl, existingWorkspaceTarget, managedPrometheusSettings, remoteWriteUrlOfEndpoint } from '../../lib/eks/managed-prometheus';
import { otelCollectorComponent } from '../../lib/eks/otel-collector-component';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';

const scope = { partition: 'aws', region: 'eu-west-1', accountId: '111122223333' };
const WORKSPACE = 'arn:aws:aps:eu-west-1:111122223333:workspace/ws-1a2b3c4d-5e6f-7a8b-9c0d-ef1234567890';
const URL = 'https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-1a2b3c4d-5e6f-7a8b-9c0d-ef1234567890/api/v1/remote_write';

describe('AMP remote write from the collector', () => {
  // GIVEN a collector that writes to an existing workspace
  const collector = otelCollectorComponent({
    clusterName: 'gpu', region: 'eu-west-1', managedPrometheus: existingWorkspaceTarget(WORKSPACE), prometheusHostPort: PROMETHEUS_HOST_PORT,
  }, []);
  const config = (collector.values as Record<string, any>).config;

  it('federates the cluster Prometheus and OTLP metrics into a metrics pipeline that remote-writes to the workspace', () => {
    expect(config.service.pipelines['metrics/amp']).toEqual({
      receivers: ['otlp', 'prometheus/federate'], processors: ['memory_limiter', 'batch'], exporters: ['prometheusremotewrite/amp'],
    });
    const scrape = config.receivers['prometheus/federate'].config.scrape_configs[0];
    expect(scrape).toMatchObject({
      honor_labels: true, metrics_path: '/federate', params: { 'match[]': ['{job!=""}'] },
      static_configs: [{ targets: ['kube-prometheus-stack-prometheus.monitoring.svc:9090'] }],
    });
    // The X-Ray traces pipeline is untouched.
    expect(config.service.pipelines.traces.exporters).toEqual(['awsxray']);
  });

  it('signs remote write with sigv4 for the aps service of the region, keeping the chart health_check extension', () => {
    expect(config.exporters['prometheusremotewrite/amp']).toMatchObject({ endpoint: URL, auth: { authenticator: 'sigv4auth/amp' } });
    expect(config.extensions).toEqual({ 'sigv4auth/amp': { region: 'eu-west-1', service: 'aps' } });
    expect(config.service.extensions).toEqual(['health_check', 'sigv4auth/amp']);
  });

  it('may remote-write to that workspace only, besides the X-Ray trace actions', () => {
    const statements = collector.podIdentity!.policy(scope).Statement as Array<Record<string, unknown>>;
    expect(statements.map((s) => s.Sid)).toEqual(['WriteTraces', 'RemoteWriteMetrics']);
    expect(statements[1]).toEqual({ Sid: 'RemoteWriteMetrics', Effect: 'Allow', Action: ['aps:RemoteWrite'], Resource: WORKSPACE });
  });

  it('adds nothing without a workspace', () => {
    const plain = gpuClusterComponents({ clusterName: 'gpu', capacity: 'auto-mode', keda: false, leaderWorkerSet: false, region: 'eu-west-1' })
      .find((c) => c.id === 'OtelCollector')!;
    const plainConfig = (plain.values as Record<string, any>).config;
    expect(plainConfig.extensions).toBeUndefined();
    expect(Object.keys(plainConfig.service.pipelines)).toEqual(['traces']);
    expect(JSON.stringify(plain.podIdentity!.policy(scope))).not.toContain('aps:');
  });

  it('is passed through by gpuClusterComponents', () => {
    const components = gpuClusterComponents({
      clusterName: 'gpu', capacity: 'auto-mode', keda: false, leaderWorkerSet: false, region: 'eu-west-1', managedPrometheus: existingWorkspaceTarget(WORKSPACE),
    });
    const otel = components.find((c) => c.id === 'OtelCollector')!;
    expect((otel.values as any).config.exporters['prometheusremotewrite/amp'].endpoint).toBe(URL);
  });

  it('derives the remote-write URL from a workspace ARN or a created workspace endpoint', () => {
    expect(ampRemoteWriteUrl(WORKSPACE)).toBe(URL);
    expect(remoteWriteUrlOfEndpoint('https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-1/')).toBe('https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-1/api/v1/remote_write');
    expect(() => ampRemoteWriteUrl('arn:aws:s3:::bucket')).toThrow(/not an AMP workspace ARN/);
  });
});

describe('monitoring.managedPrometheus in the spec', () => {
  const spec = (managedPrometheus: unknown, target: Record<string, unknown> = { kind: 'eks' }) => resolveDeploymentSpec({
    name: 'chat', region: 'eu-west-1', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine: 'vllm' }, target, monitoring: { managedPrometheus },
  });

  it('is off by default, creates a workspace for true or {}, and uses a given workspace', () => {
    expect(managedPrometheusSettings(spec(undefined))).toBeUndefined();
    expect(managedPrometheusSettings(spec(true))).toEqual({});
    expect(managedPrometheusSettings(spec({}))).toEqual({});
    expect(managedPrometheusSettings(spec({ workspaceArn: WORKSPACE }))).toEqual({ workspaceArn: WORKSPACE });
  });

  it('rejects a non-ARN, a workspace of another region and unknown keys, naming each field', () => {
    expect(() => spec({ workspaceArn: 'ws-123' })).toThrow(/monitoring\.managedPrometheus\.workspaceArn[\s\S]*must be an AMP workspace ARN/);
    expect(() => spec({ workspaceArn: WORKSPACE.replace('eu-west-1', 'us-east-1') })).toThrow(/must be in the deployment's region eu-west-1/);
    expect(() => spec({ workspace: WORKSPACE })).toThrow(/monitoring\.managedPrometheus\.workspace/);
    expect(() => spec('yes')).toThrow(/monitoring\.managedPrometheus[\s\S]*must be true or an object/);
  });

  it('is refused outside EKS, where no collector exports it', () => {
    expect(() => resolveDeploymentSpec({
      name: 'clf', region: 'eu-west-1', model: { configPath: 'models/clf.onnx', task: 'tabular' }, runtime: { engine: 'onnxruntime' }, target: { kind: 'lambda' },
      monitoring: { managedPrometheus: true },
    })).toThrow(/monitoring\.managedPrometheus[\s\S]*EKS cluster's OpenTelemetry collector only/);
  });
});
