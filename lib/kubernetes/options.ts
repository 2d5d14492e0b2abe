/**
 * What `buildLlmServingObjects` is given. The plan decides the engine (flags, GPUs, nodes); these options say
 * where the model lives, who may read it, how the deployment scales, is reached and is watched.
 */
import type { ModelArchitecture } from '../catalogue/types';
import type { LlmServingPlan } from '../planner/types';
import type { InferenceGraphSpec } from '../spec/graph';
import type { ResolvedOffHours, RuntimeEngine } from '../spec/types';
import type { ClusterCloud } from './cloud/types';

/** Weights in the blueprint's versioned S3 bucket, synced to local NVMe by an init container. */
export interface S3ModelSource {
  /** Bucket name (may be an engine token). */
  readonly bucketName: string;
  /** Key prefix of the Hugging Face-layout checkpoint (config.json, *.safetensors, tokenizer files), no leading `/`. */
  readonly prefix: string;
}

/** Weights pulled by vLLM from the Hugging Face Hub at start-up (gated models need `huggingFaceTokenSecret`). */
export interface HuggingFaceModelSource {
  /** Repository id, e.g. `meta-llama/Llama-3.1-8B-Instruct`. */
  readonly huggingFaceId: string;
  /** Commit (or branch/tag) vLLM downloads (`--revision`; `model.artifact.revision`). @default - the repository's default branch */
  readonly revision?: string;
}

export type ModelSource = S3ModelSource | HuggingFaceModelSource;

/** A LoRA adapter served on top of the base model. */
export interface LoraAdapterSource {
  /** Name clients put in the request's `model` field (`--lora-modules name=path`). */
  readonly name: string;
  /** `s3://bucket/prefix` of the adapter (adapter_config.json + weights). */
  readonly uri: string;
  /** Tenant owning the adapter; recorded as an annotation for cost reports. @default - the adapter name */
  readonly tenant?: string;
}

/** A classic (non-LLM) model served next to the LLM by a runtime that serves both (KServe), on CPU nodes. */
export interface ClassicModelSource {
  /** Name of its InferenceService (DNS-1035 label, at most 40 characters, unlike the deployment's name). */
  readonly name: string;
  /** Model format, served by the runtime's built-in server for it (KServe: sklearn, xgboost, or Triton for onnx). */
  readonly format: 'sklearn' | 'xgboost' | 'onnx';
  /** `s3://bucket/prefix/` of the model file(s), readable by the deployment's service account. */
  readonly uri: string;
  /** CPU request (and limit). @default '250m' */
  readonly cpu?: string;
  /** Memory request (and limit). @default '512Mi' */
  readonly memory?: string;
}

export interface AutoscalingOptions {
  /** Replicas (pods, or LeaderWorkerSet groups) never fewer than this while not scaled to zero. */
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /**
   * Let KEDA scale to zero replicas when idle (`minReplicaCount: 0`, replacing `minReplicas`).
   * Needs `engine: 'keda'` and `wakeUpQuery`: with no pod running, vLLM exports no metric to wake on.
   */
  readonly scaleToZero: boolean;
  /** `keda`: ScaledObject on vLLM's Prometheus metrics. `hpa`: autoscaling/v2 on Pods metrics (needs prometheus-adapter). */
  readonly engine: 'keda' | 'hpa';
  /** Prometheus KEDA queries. @default - the cloud binding's query endpoint (`cloud.metrics.query`), else DEFAULT_PROMETHEUS_ADDRESS */
  readonly prometheusAddress?: string;
  /** Waiting requests per replica that adds a replica. @default DEFAULT_TARGET_QUEUE_DEPTH */
  readonly targetQueueDepth?: number;
  /** KV-cache usage (0–1) per replica that adds a replica. @default DEFAULT_TARGET_KV_CACHE_USAGE */
  readonly targetKvCacheUsage?: number;
  /**
   * PromQL returning a positive number while requests for this model arrive and no vLLM pod runs (e.g. the
   * gateway's request counter for this route). Required with `scaleToZero`. @default - none
   */
  readonly wakeUpQuery?: string;
  /**
   * A lower floor outside working hours (the spec's `scaling.offHours`): the ScaledObject's `minReplicaCount` becomes
   * its `minReplicas` and a `cron` trigger holds `minReplicas` (the working-hours floor) from its `end` to its `start`
   * (lib/kubernetes/scheduled-capacity.ts). Needs `engine: 'keda'`.
   * @default - the same floor at all hours
   */
  readonly offHours?: ResolvedOffHours;
}

export interface ExposureOptions {
  /** `alb-ingress`: internal ALB (AWS Load Balancer Controller). `gateway-api`: HTTPRoute on an existing Gateway. */
  readonly kind: 'alb-ingress' | 'gateway-api';
  /** Host name clients call. */
  readonly host: string;
  /** ACM certificate for the ALB's HTTPS listener. Required for `alb-ingress`. @default - none */
  readonly certificateArn?: string;
  /** Gateway the HTTPRoute attaches to (TLS terminates on its listener). @default DEFAULT_GATEWAY */
  readonly gateway?: { readonly name: string; readonly namespace: string; readonly sectionName?: string };
  /**
   * Namespace whose pods forward traffic to vLLM (the gateway's data plane), allowed by the NetworkPolicy.
   * @default - the Gateway's namespace
   */
  readonly trafficSourceNamespace?: string;
  /**
   * CIDRs the ALB reaches pods from (ALB `target-type: ip` sends from its own ENIs, not from a namespace).
   * Narrow them to the ALB's subnets. @default DEFAULT_ALB_SOURCE_CIDRS
   */
  readonly sourceCidrs?: readonly string[];
}

export interface MonitoringOptions {
  /** PrometheusRule with TTFT, inter-token latency, queue depth, KV-cache and GPU XID alerts. */
  readonly prometheusRules: boolean;
  /** Grafana dashboard ConfigMap for the Grafana sidecar. */
  readonly dashboard: boolean;
  /** Namespace of Prometheus (allowed to scrape port 8000). @default DEFAULT_PROMETHEUS_NAMESPACE */
  readonly prometheusNamespace?: string;
  /** Labels Prometheus selects ServiceMonitors and rules by. @default DEFAULT_PROMETHEUS_SELECTOR_LABELS */
  readonly prometheusSelectorLabels?: Readonly<Record<string, string>>;
  /** Namespace of the NVIDIA DCGM exporter to scrape, or `false` for none. @default DEFAULT_DCGM_EXPORTER_NAMESPACE */
  readonly dcgmExporterNamespace?: string | false;
  /** p95 TTFT alert threshold, seconds. @default - max(2, 5 × the plan's unloaded TTFT estimate) */
  readonly ttftP95Seconds?: number;
  /** p95 inter-token latency alert threshold, seconds. @default - max(0.05, 2 × the plan's estimate) */
  readonly interTokenLatencyP95Seconds?: number;
}

/**
 * Progressive delivery with Argo Rollouts: the single-node workload becomes a `Rollout` whose canary steps shift
 * traffic through the exposure (Gateway API plugin, or ALB weighted target groups; replica-based without exposure)
 * while an AnalysisTemplate on vLLM's own metrics aborts and rolls back a canary that misses the thresholds.
 * Multi-node plans (LeaderWorkerSet) keep LWS's rolling update: Argo Rollouts manages ReplicaSets only.
 */
export interface ProgressiveRolloutOptions {
  /** `canary`: one canary weight, then everything. `linear`: equal steps of `linearStepPercent`. */
  readonly strategy: 'canary' | 'linear';
  /** Traffic share of the canary step, percent (1–99). @default 10 */
  readonly canaryPercent?: number;
  /** Step of a linear rollout, percent (1–50). @default 20 */
  readonly linearStepPercent?: number;
  /** Bake time of each step, minutes, while the analysis runs. @default 10 */
  readonly intervalMinutes?: number;
  /** What the analysis checks; a failed measurement aborts the rollout. @default - {@link RolloutAnalysisOptions} defaults */
  readonly analysis?: RolloutAnalysisOptions;
}

/** Thresholds of the canary analysis, measured on the canary pods only. */
export interface RolloutAnalysisOptions {
  /** Check the 5xx share of the canary's HTTP responses. @default true */
  readonly errors?: boolean;
  /** Check the canary's latency (TTFT, inter-token, end-to-end when set) and queue depth. @default true */
  readonly latency?: boolean;
  /** Highest 5xx share of responses (0–1). @default DEFAULT_MAX_5XX_RATIO */
  readonly max5xxRatio?: number;
  /** Highest p95 time to first token, seconds. @default - the TTFT alert threshold (monitoring.ttftP95Seconds) */
  readonly ttftP95Seconds?: number;
  /** Highest p95 inter-token latency, seconds. @default - the inter-token latency alert threshold */
  readonly interTokenLatencyP95Seconds?: number;
  /** Highest p95 end-to-end request latency, seconds (the spec's traffic.p95LatencyMs). @default - not checked */
  readonly e2eLatencyP95Seconds?: number;
  /** Most requests waiting on one canary pod. @default - twice the autoscaling target (the queue alert's limit) */
  readonly maxQueueDepth?: number;
}

/** The 5xx share that fails a canary: 1 %, our choice (the spec has no error objective); override per service. */
export const DEFAULT_MAX_5XX_RATIO = 0.01;

/** The Kubernetes Secret the vLLM pods read the Hugging Face token from. */
export interface HuggingFaceTokenSecret {
  readonly secretName: string;
  readonly key: string;
  /**
   * Sync the Secret from AWS Secrets Manager with the External Secrets Operator: a SecretStore and an ExternalSecret
   * are emitted (the operator reads the secret with its own Pod Identity role). Only the secret's name or ARN appears
   * in the objects, never its value.
   * @default - the Secret is created outside these objects
   */
  readonly fromSecretsManager?: { readonly secretId: string; readonly region: string };
}

/** Options of {@link buildLlmServingObjects}. Strings may be engine tokens. */
export interface LlmServingObjectsOptions {
  /** DNS-1035 label, at most 40 characters: names every object. */
  readonly name: string;
  /**
   * The serving runtime whose builder renders the objects (lib/kubernetes/runtimes/registry.ts).
   * @default 'vllm'
   */
  readonly runtime?: RuntimeEngine;
  readonly namespace: string;
  readonly plan: LlmServingPlan;
  readonly model: ModelArchitecture;
  readonly modelSource: ModelSource;
  /** Service account bound to the IRSA / Pod Identity role (least-privilege read of the model prefix). */
  readonly serviceAccountName: string;
  /** IAM role ARN written as the IRSA annotation. @default - none (Pod Identity association) */
  readonly serviceAccountRoleArn?: string;
  /** Kubernetes Secret synced from Secrets Manager holding the Hugging Face token; never a literal. @default - none */
  readonly huggingFaceTokenSecret?: HuggingFaceTokenSecret;
  /**
   * Kubernetes Secret (synced from Secrets Manager) holding the API key clients must send as
   * `Authorization: Bearer <key>`: vLLM reads it from `VLLM_API_KEY` and then refuses unauthenticated calls to /v1
   * (health and metrics stay open for probes and Prometheus). Same shape as the Hugging Face token secret.
   * @default - no key: only for deployments behind a gateway that authenticates callers
   */
  readonly apiKeySecret?: HuggingFaceTokenSecret;
  readonly capacity: 'karpenter' | 'auto-mode' | 'managed-nodegroup';
  /** Adapters loaded at start-up; the plan must enable LoRA. @default - none */
  readonly loraAdapters?: readonly LoraAdapterSource[];
  readonly autoscaling: AutoscalingOptions;
  /** @default - ClusterIP Service only */
  readonly exposure?: ExposureOptions;
  readonly monitoring: MonitoringOptions;
  /** Tag of the vLLM image; never `latest`. @default VLLM_IMAGE_TAG */
  readonly imageTag?: string;
  /** vLLM image repository, e.g. an ECR mirror or an image with the aws-ofi-nccl plugin. @default VLLM_IMAGE_REPOSITORY */
  readonly imageRepository?: string;
  /** NodePool the pods are pinned to (Karpenter, Auto Mode). @default gpuNodePoolName(name) */
  readonly nodePoolName?: string;
  /**
   * Roll new versions out progressively with Argo Rollouts (single-node plans; needs the Argo Rollouts controller,
   * see `gpuClusterComponents`). `all-at-once` is this option left out.
   * @default - a Deployment rolling update with one surge replica
   */
  readonly rollout?: ProgressiveRolloutOptions;
  /** Emit the Namespace object (false when the infrastructure layer owns it). @default true */
  readonly createNamespace?: boolean;
  /**
   * Classic models served in the same namespace, each from its own S3 prefix on CPU. Only runtimes that serve classic
   * models read them (KServe); the vLLM runtime serves the LLM alone.
   * @default - none
   */
  readonly classicModels?: readonly ClassicModelSource[];
  /**
   * Classic models chained, fanned out or chosen between behind one KServe InferenceGraph (the spec's `graph`): an
   * InferenceService per step plus the graph. KServe runtime only.
   * @default - no graph
   */
  readonly inferenceGraph?: InferenceGraphSpec;
  /**
   * Send request traces to an OpenTelemetry collector: vLLM gets `--otlp-traces-endpoint` after the plan's flags (a
   * deployment option, not a sizing decision, so the plan stays the only source of the engine flags) and
   * `OTEL_SERVICE_NAME`; the NetworkPolicy opens egress to the collector.
   * @default - no traces
   */
  readonly tracing?: TracingOptions;
  /**
   * The cloud running the cluster: how pods reach the GPU nodes, bind to a cloud identity, download the weights and
   * are scraped (lib/kubernetes/cloud: `awsCloud`, `gcpCloud(...)`, `azureCloud(...)`, `genericCloud`).
   * @default awsCloud
   */
  readonly cloud?: ClusterCloud;
}

/** Where the model server sends its OpenTelemetry traces (an OTLP/gRPC collector in the cluster). */
export interface TracingOptions {
  /** OTLP/gRPC endpoint, `http://<service>.<namespace>.svc:4317`; plain text inside the cluster. */
  readonly otlpEndpoint: string;
  /** Namespace of the collector: the NetworkPolicy lets the serving pods reach it on `port`. */
  readonly collectorNamespace: string;
  /** Port of `otlpEndpoint`. @default 4317 */
  readonly port?: number;
  /** `OTEL_SERVICE_NAME` of the spans. @default the deployment name */
  readonly serviceName?: string;
}

/** kube-prometheus-stack's Prometheus service (AWS EKS user guide, "Autoscale AI inference with HPA and KEDA", read 2026-11-24). */
export const DEFAULT_PROMETHEUS_ADDRESS = 'http://kube-prometheus-stack-prometheus.monitoring.svc:9090';
export const DEFAULT_PROMETHEUS_NAMESPACE = 'monitoring';
/** kube-prometheus-stack selects ServiceMonitors and PrometheusRules by its Helm release label. */
export const DEFAULT_PROMETHEUS_SELECTOR_LABELS: Readonly<Record<string, string>> = { release: 'kube-prometheus-stack' };
export const DEFAULT_DCGM_EXPORTER_NAMESPACE = 'gpu-monitoring';
/**
 * Waiting requests per replica before KEDA adds one: the example threshold of the AWS EKS user guide
 * ("scale up when average queue depth exceeds 25 waiting requests per pod", read 2026-11-24); measure your own.
 */
export const DEFAULT_TARGET_QUEUE_DEPTH = 25;
/** Average KV-cache usage that adds a replica: our choice, 10 points below the 90 % alert. */
export const DEFAULT_TARGET_KV_CACHE_USAGE = 0.8;
export const DEFAULT_GATEWAY = { name: 'inference-gateway', namespace: 'gateway-system', sectionName: 'https' } as const;
/** RFC 1918 ranges: everything an internal ALB can send from. Narrow to the ALB subnets where you can. */
export const DEFAULT_ALB_SOURCE_CIDRS: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
