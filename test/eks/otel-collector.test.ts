import { gpuClusterComponents } from '../../lib/eks/components';
import { otelCollectorComponent, XRAY_WRITE_ACTIONS } from '../../lib/eks/otel-collector-component';
import { PLATFORM_TRACING } from '../../lib/eks/serving';
import { vllmDeploymentArgs } from '../../lib/kubernetes/serving-args';

const scope = { partition: 'aws', region: 'us-east-1', accountId: '111122223333' };

describe('OpenTelemetry Collector component', () => {
  const collector = otelCollectorComponent({ clusterName: 'gpu', region: 'eu-west-1' }, ['Karpenter']);
  const values = collector.values as Record<string, any>;

  it('installs the pinned upstream chart with the contrib image, whose distribution has the awsxray exporter', () => {
    expect(collector).toMatchObject({
      release: 'otel-collector',
      chart: 'opentelemetry-collector',
      repository: 'https://open-telemetry.github.io/opentelemetry-helm-charts',
      version: '0.158.3',
      namespace: 'opentelemetry',
      dependsOn: ['Karpenter'],
    });
    expect(values).toMatchObject({
      mode: 'deployment',
      fullnameOverride: 'otel-collector',
      image: { repository: 'otel/opentelemetry-collector-contrib', tag: '0.153.0' },
      command: { name: 'otelcol-contrib' },
      serviceAccount: { create: true, name: 'otel-collector' },
    });
  });

  it('receives OTLP on gRPC 4317 and HTTP 4318 and exports traces to X-Ray in the cluster region', () => {
    expect(values.config.receivers.otlp.protocols).toEqual({ grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } });
    expect(values.config.exporters).toEqual({ awsxray: { region: 'eu-west-1' } });
    expect(values.config.service.pipelines.traces).toEqual({ receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['awsxray'] });
    expect(values.ports).toMatchObject({ 'otlp': { enabled: true }, 'otlp-http': { enabled: true }, 'zipkin': { enabled: false }, 'jaeger-grpc': { enabled: false } });
  });

  it('may only write trace segments and read sampling rules, through Pod Identity on its own service account', () => {
    const grant = collector.podIdentity!;
    expect(grant.serviceAccount).toBe('otel-collector');
    expect(grant.roleName).toBe('gpu-otel-collector');
    const statements = grant.policy(scope).Statement as Array<Record<string, unknown>>;
    expect(statements).toEqual([{ Sid: 'WriteTraces', Effect: 'Allow', Action: [...XRAY_WRITE_ACTIONS], Resource: '*' }]);
    expect(XRAY_WRITE_ACTIONS).toEqual(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets']);
    expect(grant.wildcardReason).toMatch(/resource-level/);
  });

  it('keeps the role name within the 64 characters IAM allows', () => {
    expect(otelCollectorComponent({ clusterName: 'c'.repeat(80), region: 'us-east-1' }, []).podIdentity!.roleName).toHaveLength(64);
  });
});

describe('gpuClusterComponents with tracing', () => {
  const base = { clusterName: 'gpu', capacity: 'auto-mode' as const, keda: true, leaderWorkerSet: false };

  it('installs the collector where the region is known, unless turned off', () => {
    expect(gpuClusterComponents({ ...base, region: 'us-east-1' }).map((c) => c.id)).toContain('OtelCollector');
    expect(gpuClusterComponents({ ...base, region: 'us-east-1', otelCollector: false }).map((c) => c.id)).not.toContain('OtelCollector');
    expect(gpuClusterComponents(base).map((c) => c.id)).not.toContain('OtelCollector');
  });
});

describe('vLLM deployment arguments', () => {
  it('point --otlp-traces-endpoint at the platform collector, and add nothing without tracing', () => {
    expect(vllmDeploymentArgs(PLATFORM_TRACING)).toEqual(['--otlp-traces-endpoint', 'http://otel-collector.opentelemetry.svc:4317']);
    expect(vllmDeploymentArgs(undefined)).toEqual([]);
  });
});
