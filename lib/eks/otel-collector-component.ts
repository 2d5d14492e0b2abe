/**
 * The OpenTelemetry Collector of a GPU inference cluster, as a Helm component: it receives OTLP traces (vLLM's
 * `--otlp-traces-endpoint`, any instrumented client) on gRPC 4317 and HTTP 4318 and exports them to AWS X-Ray with
 * the `awsxray` exporter, under a Pod Identity role that may only put trace segments and read sampling rules.
 * Metrics stay with Prometheus (kube-prometheus-stack scrapes the runtimes); with `managedPrometheus` the collector
 * also federates them and remote-writes them to Amazon Managed Service for Prometheus (managed-prometheus.ts).
 * Engine-free.
 */
import type { PodIdentityGrant } from './add-on-components';
import type { HelmComponent } from './components';
import { ampRemoteWriteStatement, managedPrometheusCollectorConfig, type ManagedPrometheusTarget } from './managed-prometheus';
import { llmCaptureCollectorConfig, llmCaptureStatements, type LlmCaptureOptions } from './llm-capture';

/**
 * Chart `opentelemetry-collector` of open-telemetry/opentelemetry-helm-charts: 0.158.3 ships appVersion 0.153.0
 * (charts/opentelemetry-collector/Chart.yaml, read 2026-12-03).
 */
export const OTEL_COLLECTOR_CHART_VERSION = '0.158.3';
/**
 * The contrib distribution: the only upstream image whose build manifest (opentelemetry-collector-releases
 * distributions/otelcol-contrib/manifest.yaml) includes `awsxrayexporter`; the core and k8s distributions do not.
 * Tag = the chart's appVersion (read 2026-12-03); its binary is `otelcol-contrib`.
 */
export const OTEL_COLLECTOR_IMAGE_REPOSITORY = 'otel/opentelemetry-collector-contrib';
export const OTEL_COLLECTOR_IMAGE_TAG = '0.153.0';
export const OTEL_COLLECTOR_NAMESPACE = 'opentelemetry';
/** Release name, also the chart's `fullnameOverride`: the collector's Service and service account carry it. */
export const OTEL_COLLECTOR_SERVICE = 'otel-collector';
/** OTLP ports (OpenTelemetry specification, "OTLP/gRPC default port 4317, OTLP/HTTP 4318"). */
export const OTLP_GRPC_PORT = 4317;
export const OTLP_HTTP_PORT = 4318;
/** In-cluster OTLP/gRPC endpoint of the collector installed here, for `vllm serve --otlp-traces-endpoint`. */
export const OTEL_COLLECTOR_OTLP_GRPC_ENDPOINT = `http://${OTEL_COLLECTOR_SERVICE}.${OTEL_COLLECTOR_NAMESPACE}.svc:${OTLP_GRPC_PORT}`;

export interface OtelCollectorComponentOptions {
  readonly clusterName: string;
  /** Region X-Ray receives the segments in (pods cannot reach IMDS to look it up through a hop limit of 1). */
  readonly region: string;
  /**
   * Also write sampled summaries of vLLM's requests to S3 for the LLM drift job (lib/eks/llm-capture.ts).
   * @default - no capture
   */
  readonly llmCapture?: LlmCaptureOptions;
  /**
   * Federate the cluster's Prometheus and remote-write its series (and OTLP metrics) to this AMP workspace.
   * @default - metrics stay in the cluster
   */
  readonly managedPrometheus?: ManagedPrometheusTarget;
  /** `host:port` of the cluster's Prometheus, federated for `managedPrometheus`. Required with it. */
  readonly prometheusHostPort?: string;
}

/**
 * X-Ray's `AWSXRayDaemonWriteAccess` managed policy, written out: exactly the four actions the awsxray exporter calls
 * (PutTraceSegments, PutTelemetryRecords) and the sampling lookups. X-Ray has no resource-level permissions for them
 * ("Actions, resources, and condition keys for AWS X-Ray": resource type `*`, read 2026-12-03).
 */
export const XRAY_WRITE_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'] as const;

export function otelCollectorGrant(clusterName: string, llmCapture?: LlmCaptureOptions, managedPrometheus?: ManagedPrometheusTarget): PodIdentityGrant {
  const suffix = 'otel-collector';
  return {
    serviceAccount: OTEL_COLLECTOR_SERVICE,
    roleName: `${clusterName.slice(0, 64 - suffix.length - 1)}-${suffix}`,
    description: `OpenTelemetry Collector of ${clusterName}: writes traces to X-Ray${llmCapture ? ', LLM request summaries to S3' : ''}${managedPrometheus ? ', metrics to Amazon Managed Service for Prometheus' : ''} (EKS Pod Identity)`,
    policy: (scope) => ({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'WriteTraces', Effect: 'Allow', Action: [...XRAY_WRITE_ACTIONS], Resource: '*' },
        ...(llmCapture ? llmCaptureStatements(llmCapture, scope) : []),
        ...(managedPrometheus ? [ampRemoteWriteStatement(managedPrometheus)] : []),
      ],
    }),
    wildcardReason: 'X-Ray trace and sampling actions support no resource-level permissions (resource type *); only the four write/sampling actions are granted.'
      + (llmCapture ? ' LLM capture: s3:PutObject is limited to the capture prefix; KMS keys of the account only via S3 for objects of the capture bucket (kms:ViaService, aws:s3:arn encryption context).' : ''),
  };
}

/**
 * The collector pipeline: OTLP in, batched, to X-Ray out (and the LLM capture and AMP pipelines). Merged by the chart
 * over its defaults. Exported for engines that must set it from deploy-time values (Pulumi outputs).
 */
export function otelCollectorConfig(options: OtelCollectorComponentOptions): Record<string, unknown> {
  const { region, llmCapture, managedPrometheus } = options;
  const capture = llmCapture ? llmCaptureCollectorConfig(llmCapture, region) : undefined;
  if (managedPrometheus && !options.prometheusHostPort) throw new Error('otelCollectorConfig: managedPrometheus needs prometheusHostPort');
  const amp = managedPrometheus ? managedPrometheusCollectorConfig(managedPrometheus, region, options.prometheusHostPort!) : undefined;
  return {
    ...(amp && { extensions: amp.extensions }),
    receivers: {
      otlp: { protocols: { grpc: { endpoint: `0.0.0.0:${OTLP_GRPC_PORT}` }, http: { endpoint: `0.0.0.0:${OTLP_HTTP_PORT}` } } },
      ...amp?.receivers,
    },
    processors: { batch: {}, ...capture?.processors },
    // awsxrayexporter README: `region` and `indexed_attributes`; everything else keeps its default.
    exporters: { awsxray: { region }, ...capture?.exporters, ...amp?.exporters },
    service: {
      // Helm replaces lists: the chart's own `health_check` (its default service.extensions) is kept by naming it.
      ...(amp && { extensions: ['health_check', ...Object.keys(amp.extensions)] }),
      pipelines: {
        traces: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['awsxray'] },
        ...(capture ? { 'traces/llm-capture': capture.pipeline } : {}),
        ...(amp ? { 'metrics/amp': amp.pipeline } : {}),
        // The chart's default metrics and logs pipelines export to `debug`; nothing of ours is sent there.
      },
    },
  };
}

export function otelCollectorComponent(options: OtelCollectorComponentOptions, dependsOn: readonly string[]): HelmComponent {
  return {
    id: 'OtelCollector',
    release: OTEL_COLLECTOR_SERVICE,
    chart: 'opentelemetry-collector',
    repository: 'https://open-telemetry.github.io/opentelemetry-helm-charts',
    version: OTEL_COLLECTOR_CHART_VERSION,
    namespace: OTEL_COLLECTOR_NAMESPACE,
    values: {
      // The chart requires `mode` and `image.repository` (its values.schema.json has no defaults for them).
      mode: 'deployment',
      fullnameOverride: OTEL_COLLECTOR_SERVICE,
      replicaCount: 2,
      image: { repository: OTEL_COLLECTOR_IMAGE_REPOSITORY, tag: OTEL_COLLECTOR_IMAGE_TAG },
      command: { name: 'otelcol-contrib' },
      serviceAccount: { create: true, name: OTEL_COLLECTOR_SERVICE },
      resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } },
      // Only the OTLP ports: the chart's Jaeger and Zipkin receivers are not in our pipeline.
      ports: {
        'otlp': { enabled: true },
        'otlp-http': { enabled: true },
        'jaeger-compact': { enabled: false },
        'jaeger-thrift': { enabled: false },
        'jaeger-grpc': { enabled: false },
        'zipkin': { enabled: false },
      },
      config: otelCollectorConfig(options),
    },
    dependsOn: [...dependsOn],
    source: 'opentelemetry.io "Install the Collector with Helm": helm install my-opentelemetry-collector open-telemetry/opentelemetry-collector --set mode=deployment --set image.repository=otel/opentelemetry-collector-k8s (contrib image for awsxray)',
    podIdentity: otelCollectorGrant(options.clusterName, options.llmCapture, options.managedPrometheus),
  };
}
