/**
 * The deployment spec: one engine-neutral description of a model deployment.
 *
 * A spec says *what* is wanted (model, runtime, target, traffic, SLO, scaling, rollout, monitoring,
 * security); the planner decides *how* (instance type, parallelism, engine flags, replicas) and the
 * engine renderers (CDK, cdktf, Pulumi) turn the plan into resources. Users write a
 * {@link DeploymentSpecInput} (most fields optional); {@link resolveDeploymentSpec} validates it, reports
 * every problem at once, and fills the defaults into a {@link DeploymentSpec}.
 */
import type { GpuCapacityType, KvCacheDtype, Quantization, ServingDtype } from '../planner/types';
import type { InferenceGraphSpec } from './graph';
import type { TargetSpec } from './target-types';
import type { AlarmRecipientsSpec, MonitoringSpec } from './monitoring-types';
import type { OffHoursSpec, ResolvedOffHours } from './off-hours-types';

/** Where the model artifacts live. */
export interface ModelArtifactSpec {
  /**
   * `s3://bucket/prefix/` (weights or a model.tar.gz / .onnx object) or `hf://org/name` (pulled from the
   * Hugging Face Hub at start-up, token from Secrets Manager).
   * @default - a prefix in the blueprint's own model bucket, named after the model
   */
  readonly uri?: string;
  /**
   * S3 object version to pin (for single-object artifacts such as an ONNX file). A production environment
   * needs this or `sha256` for an `s3://` artifact (docs/environments.md).
   * @default - latest
   */
  readonly version?: string;
  /** Expected SHA-256 of a single-object artifact (hex), verified before the model is loaded. @default - not verified */
  readonly sha256?: string;
  /**
   * Hugging Face commit (40 hex characters) of an `hf://` artifact. Branches and tags such as `main` move,
   * so a production environment refuses them (docs/environments.md).
   * @default - the repository's default branch (refused in production)
   */
  readonly revision?: string;
  /** Secrets Manager secret name or ARN holding the Hugging Face token for gated models. @default - none */
  readonly huggingFaceTokenSecret?: string;
}

export interface ModelSpec {
  /** Catalogue id or alias (e.g. `meta-llama/Llama-3.1-8B-Instruct`). Exactly one of `id` / `configPath`. */
  readonly id?: string;
  /** Path of a Hugging Face `config.json` for a model that is not in the catalogue. */
  readonly configPath?: string;
  /** Name the endpoint serves the model under (`--served-model-name`). @default - the model id */
  readonly servedName?: string;
  /** Task of classical/small models. @default 'text-generation' for LLM runtimes, else 'tabular' */
  readonly task?: 'text-generation' | 'embedding' | 'classification' | 'tabular' | 'image' | 'speech' | 'anomaly-detection';
  readonly artifact?: ModelArtifactSpec;
}

/** Serving engines the library knows how to run. */
export type RuntimeEngine =
  | 'vllm'
  | 'lmi'
  | 'tgi'
  | 'triton'
  | 'torchserve'
  | 'tensorflow-serving'
  | 'huggingface'
  | 'sklearn'
  | 'xgboost'
  | 'onnxruntime'
  | 'custom'
  | 'bentoml'
  | 'kserve'
  | 'ray-serve'
  | 'seldon';

/** The LLM runtimes: served by vLLM (directly or inside LMI) and sized by the planner. */
export const LLM_ENGINES: readonly RuntimeEngine[] = ['vllm', 'lmi', 'tgi', 'ray-serve'];

export interface LoraAdapterSpec {
  /** Adapter name clients ask for in the `model` field. */
  readonly name: string;
  /** `s3://...` location of the adapter weights. */
  readonly uri: string;
  /** Tenant that owns the adapter (for routing and cost reports). @default - the adapter name */
  readonly tenant?: string;
}

/**
 * The contract a `custom` (FastAPI-style) or `bentoml` container keeps on EKS: where it listens, where its health
 * and metrics are, what it reads from its environment. The model is synced from S3 into the directory named by
 * `MODEL_DIR`; the API key arrives in `API_KEY` and the service must require `Authorization: Bearer <key>` on
 * every route but health and metrics.
 */
export interface ContainerContractSpec {
  /** TCP port of the HTTP server. @default 3000 for bentoml */
  readonly port?: number;
  /** Liveness path: 200 while the process works. @default '/livez' for bentoml */
  readonly healthPath?: string;
  /** Readiness path: 200 once the model is loaded. @default - the health path ('/readyz' for bentoml) */
  readonly readinessPath?: string;
  /** Prometheus metrics path, on the same port. @default '/metrics' */
  readonly metricsPath?: string;
  /** Extra environment variables (names in upper snake case; MODEL_DIR and API_KEY are the platform's). @default - none */
  readonly env?: Readonly<Record<string, string>>;
  /** Arguments replacing the image's CMD. @default - the image's CMD */
  readonly args?: readonly string[];
  /**
   * PromQL that KEDA scales on, summed over the deployment's pods (`$SELECTOR` is replaced with the pods' series
   * selector). @default - in-flight requests for bentoml, request rate (`http_requests_total`) for custom
   */
  readonly scaleMetric?: string;
  /** Value of `scaleMetric` per replica that adds a replica. @default 4 in-flight requests (bentoml), 20 requests/s (custom) */
  readonly scaleThreshold?: number;
  /**
   * The service checks `Authorization: Bearer $API_KEY` (the platform sets `API_KEY` from the synced Secret). Must be
   * true: an endpoint without a key is refused. @default - required for custom; required for bentoml and custom alike (BentoML checks no key by itself)
   */
  readonly checksBearerApiKey?: boolean;
}

export interface RuntimeSpec {
  readonly engine: RuntimeEngine;
  /** Engine version / image tag (never `latest`). @default - the version pinned by the library */
  readonly version?: string;
  /**
   * Container image for `custom` (an ECR URI) and `bentoml` (the Bento's image in your registry). Required for both;
   * pinned by digest (`@sha256:...`) or by a tag other than `latest`.
   */
  readonly image?: string;
  /**
   * How the platform talks to a `custom` or `bentoml` container on EKS (docs/runtimes/custom.md).
   * @default - BentoML's defaults for `bentoml`; required for `custom`
   */
  readonly container?: ContainerContractSpec;
  /**
   * What a classic model server on EKS (Triton, TorchServe, TF Serving, BentoML, custom, Seldon) runs the model on:
   * `cpu` plans CPU nodes (c7i/m7i, no `nvidia.com/gpu` request, no GPU taint) for models that need no GPU, such as
   * tabular sklearn/XGBoost models exported to ONNX. LLM engines always run on GPUs.
   * @default - `cpu` when `target.instanceType` has no GPU, else `gpu`
   */
  readonly accelerator?: 'gpu' | 'cpu';
  /** @default 'auto' */
  readonly dtype?: ServingDtype;
  /** @default 'none' */
  readonly quantization?: Quantization;
  /** @default 'auto' */
  readonly kvCacheDtype?: KvCacheDtype;
  /** @default - the traffic's prompt + output tokens rounded up to a power of two, capped at the model's context */
  readonly maxModelLen?: number;
  /** @default 0.9 */
  readonly gpuMemoryUtilization?: number;
  /** @default - vLLM's default for the GPU class */
  readonly maxNumSeqs?: number;
  /** @default - vLLM's default for the GPU class */
  readonly maxNumBatchedTokens?: number;
  /** Fix the tensor-parallel degree instead of letting the planner choose. @default - planner's choice */
  readonly tensorParallelSize?: number;
  /** Fix the pipeline-parallel degree. @default - planner's choice */
  readonly pipelineParallelSize?: number;
  /** LoRA adapters to serve on top of the base model. @default - none */
  readonly lora?: {
    readonly adapters: readonly LoraAdapterSpec[];
    /** @default 16 */
    readonly maxLoraRank?: number;
    /** @default - number of adapters, at most 8 */
    readonly maxLoras?: number;
  };
}

export type { CloudProvider, EksCapacity, SageMakerMode, TargetKind, TargetSpec } from './target-types';

/** Expected traffic and the service-level objective. */
export interface TrafficSpec {
  /** Peak requests per second the deployment must sustain. @default 1 */
  readonly requestsPerSecond?: number;
  /** Typical prompt length (LLMs). @default 1024 */
  readonly promptTokens?: number;
  /** Typical output length (LLMs). @default 256 */
  readonly outputTokens?: number;
  /** p95 end-to-end latency objective, ms. @default - none */
  readonly p95LatencyMs?: number;
  /** p95 time to first token objective (LLMs), ms. @default - none */
  readonly timeToFirstTokenMs?: number;
  /** Payload size upper bound, KB (classical models). @default 256 */
  readonly maxPayloadKb?: number;
}

export interface ScalingSpec {
  /** @default 1 */ readonly minReplicas?: number;
  /** @default - replicas needed for the traffic, at least minReplicas, times 2 for headroom */
  readonly maxReplicas?: number;
  /** Allow zero replicas when idle (async, KEDA). @default false */
  readonly scaleToZero?: boolean;
  /** Seconds to wait before scaling in. @default 300 */
  readonly scaleInCooldownSeconds?: number;
  /**
   * How GPU nodes are bought (EKS with Karpenter). `spot-with-fallback`: the NodePool may launch Spot or On-Demand
   * nodes and a topology spread over `karpenter.sh/capacity-type` keeps at least half the replicas (rounded down)
   * On-Demand, so a Spot reclaim never takes every replica; needs minReplicas >= 2. `spot`: every replica may be
   * on Spot (cheapest, and the whole service can be interrupted at once). Spot nodes are drained on Karpenter's
   * interruption queue. See docs/gpu-scheduling.md.
   * @default 'on-demand'
   */
  readonly capacityType?: GpuCapacityType;
  /**
   * A lower floor outside working hours (nights, weekends): `minReplicas` stays the working-hours floor. Rendered
   * for eks, gke, aks, kubernetes (KEDA cron trigger) and sagemaker realtime/async/multi-model (scheduled actions).
   * Cannot be combined with `scaleToZero` (the floor is already zero at all hours).
   * @default - the same floor at all hours
   */
  readonly offHours?: OffHoursSpec;
}

export type { GpuCapacityType } from '../planner/types';
export type { OffHoursSpec, ResolvedOffHours } from './off-hours-types';

export type RolloutStrategy = 'all-at-once' | 'canary' | 'linear' | 'shadow' | 'ab';
export type RollbackAlarm = 'latency-p95' | 'errors-5xx' | 'model-errors';

export interface RolloutSpec {
  /** @default 'canary' */
  readonly strategy?: RolloutStrategy;
  /** Canary traffic share, percent. @default 10 */
  readonly canaryPercent?: number;
  /** Linear step, percent. @default 20 */
  readonly linearStepPercent?: number;
  /** Minutes between steps (and canary bake time). @default 10 */
  readonly intervalMinutes?: number;
  /** Shadow sampling, percent (strategy `shadow`). @default 20 */
  readonly shadowSamplingPercent?: number;
  /** Alarms that roll a release back automatically. @default ['latency-p95', 'errors-5xx', 'model-errors'] */
  readonly rollbackAlarms?: readonly RollbackAlarm[];
  /**
   * The arms of an A/B test (strategy `ab`: SageMaker real-time endpoints, or vLLM on EKS behind the platform's model
   * gateway, one deployment per arm): two or more variants whose weights sum to 100. Required with `ab`; cannot be
   * given with another strategy. See docs/ab-testing.md.
   * @default - none
   */
  readonly variants?: readonly AbVariantSpec[];
}

/** One arm of an A/B test: a model version and its share of the requests. */
export interface AbVariantSpec {
  /**
   * Variant name (SageMaker VariantName): letters, digits and `-`, e.g. `control`, `candidate`. On EKS a lowercase
   * DNS label of at most 20 characters: later arms run as the deployment `<spec name>-<name>`.
   */
  readonly name: string;
  /** Percent of requests this variant answers (integer 1-99; the variants' weights sum to 100). */
  readonly weight: number;
  /**
   * Version label of the model this variant serves, e.g. `v2`: its artifacts default to
   * `models/<model id>/<version>/` in the artifacts bucket.
   * @default - the spec's own model (`model.artifact.uri`, or the artifacts bucket's default key)
   */
  readonly version?: string;
  /**
   * `s3://bucket/key` of this variant's model (same format as `model.artifact.uri`); on EKS also `hf://org/name`, and an
   * S3 checkpoint must be in the platform's model bucket.
   * @default - from `version`, else the spec's own model
   */
  readonly artifactUri?: string;
}

export type { SlackChannelRecipient, TeamsChannelRecipient, AlarmRecipientsSpec, MonitoringSpec, ManagedPrometheusSpec, BudgetSpec, QualitySpec, DriftSpec } from './monitoring-types';

export interface SecuritySpec {
  /** `create` a new VPC (private subnets across 3 AZs) or use an existing one. @default { create: true } */
  readonly vpc?: { readonly create: true } | { readonly vpcId: string; readonly privateSubnetIds: readonly string[] };
  /** `create` a customer-managed KMS key, or use the given key ARN. @default 'create' */
  readonly kmsKey?: 'create' | { readonly keyArn: string };
  /** No outbound network from the model container (SageMaker network isolation). @default true */
  readonly networkIsolation?: boolean;
  /** CIDRs allowed to reach a private endpoint. @default - the VPC CIDR only */
  readonly allowedCidrs?: readonly string[];
}

/** Route 53 failover between the primary and the standby deployment. */
export interface FailoverSpec {
  /** DNS name clients call (e.g. `predict.example.com`), inside `hostedZoneId`. */
  readonly domainName: string;
  /** Route 53 hosted zone that holds `domainName`. */
  readonly hostedZoneId: string;
}

/** A second region the deployment can fail over to (docs/disaster-recovery.md). */
export interface DisasterRecoverySpec {
  /** Region of the standby deployment and the bucket replicas: a supported region other than `region`. */
  readonly standbyRegion: string;
  /** Replicate the model, artifact and capture buckets to the standby region (KMS re-encrypted). @default true */
  readonly replicateBuckets?: boolean;
  /**
   * Route 53 failover: each region's HTTP API gets a custom domain `domainName`, a health check and a PRIMARY or
   * SECONDARY record (real-time Lambda only; refused on batch, stream and SageMaker targets: SageMaker calls are signed for a regional host). @default - no DNS failover
   */
  readonly failover?: FailoverSpec;
  /**
   * Instances the standby SageMaker endpoint keeps running (a warm standby; its autoscaling maximum is the
   * primary's). SageMaker real-time targets only: a Lambda standby keeps the primary's concurrency settings.
   * @default 1
   */
  readonly standbyMinReplicas?: number;
}

/**
 * What one environment changes in the spec (docs/environments.md). The model, runtime and target are
 * never overridden: promotion deploys the same spec and model version to the next environment.
 */
export interface EnvironmentSpec {
  /**
   * A production environment refuses floating model references (an unpinned S3 object, a Hugging Face
   * branch, an image without a digest).
   * @default - true for an environment named `prod` or `production`, else false
   */
  readonly production?: boolean;
  /** @default - the spec's region */
  readonly region?: string;
  /** AWS account id (12 digits) the environment deploys to. @default - the spec's account */
  readonly account?: string;
  /** Replica bounds of this environment, merged over the spec's scaling. @default - the spec's scaling */
  readonly scaling?: ScalingSpec;
  /** Expected traffic of this environment, merged over the spec's traffic. @default - the spec's traffic */
  readonly traffic?: TrafficSpec;
  /** Who hears this environment's alarms: replaces the spec's recipients (and alarmEmail). @default - the spec's */
  readonly monitoring?: Pick<MonitoringSpec, 'alarmEmail' | 'recipients'>;
  /** Tags merged over the spec's tags (every environment also gets `aimd:environment`). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What users write: everything except name, model, runtime and target has a default. */
export interface DeploymentSpecInput {
  /** DNS-compatible name (lower-case letters, digits, '-'), 1–40 characters: prefixes every resource. */
  readonly name: string;
  readonly description?: string;
  /** AWS region. @default 'us-east-1' */
  readonly region?: string;
  /** AWS account id (12 digits). @default - the account of the credentials (or the engine's review account offline) */
  readonly account?: string;
  readonly model: ModelSpec;
  readonly runtime: RuntimeSpec;
  readonly target: TargetSpec;
  readonly traffic?: TrafficSpec;
  readonly scaling?: ScalingSpec;
  readonly rollout?: RolloutSpec;
  readonly monitoring?: MonitoringSpec;
  readonly security?: SecuritySpec;
  /** A standby region: bucket replication, the deployment rendered there, optional DNS failover. @default - single region */
  readonly disasterRecovery?: DisasterRecoverySpec;
  /**
   * Classic models chained (`sequence`), fanned out (`ensemble`) or chosen between (`switch`) behind one endpoint: a
   * KServe InferenceGraph beside the LLM on EKS, a serial inference pipeline on SageMaker (docs/inference-graphs.md).
   * @default - no graph
   */
  readonly graph?: InferenceGraphSpec;
  /** Tags on every resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Environments in promotion order (e.g. `staging`, then `prod`), each a set of overrides of this spec.
   * `--environment <name>` (`-c environment=`, Pulumi `aimd:environment`) deploys one, as `<name>-<environment>`.
   * @default - none: the spec deploys as written
   */
  readonly environments?: Readonly<Record<string, EnvironmentSpec>>;
}

/** The environment a resolved spec was deployed for. */
export interface ResolvedEnvironment {
  readonly name: string;
  readonly production: boolean;
}

type Required2<T> = { readonly [K in keyof T]-?: T[K] };

/** A validated spec with every default filled in. */
export interface DeploymentSpec {
  readonly name: string;
  readonly description: string;
  readonly region: string;
  readonly account?: string;
  /** The environment whose overrides were applied. @default - none */
  readonly environment?: ResolvedEnvironment;
  readonly model: ModelSpec & { readonly task: NonNullable<ModelSpec['task']> };
  readonly runtime: RuntimeSpec &
    Required2<Pick<RuntimeSpec, 'dtype' | 'quantization' | 'kvCacheDtype' | 'gpuMemoryUtilization'>>;
  readonly target: TargetSpec;
  readonly traffic: Required2<Omit<TrafficSpec, 'p95LatencyMs' | 'timeToFirstTokenMs'>> &
    Pick<TrafficSpec, 'p95LatencyMs' | 'timeToFirstTokenMs'>;
  readonly scaling: Required2<Omit<ScalingSpec, 'maxReplicas' | 'capacityType' | 'offHours'>> & Pick<ScalingSpec, 'maxReplicas' | 'capacityType'> & { readonly offHours?: ResolvedOffHours };
  readonly rollout: Required2<Omit<RolloutSpec, 'variants'>> & Pick<RolloutSpec, 'variants'>;
  readonly monitoring: Required2<Omit<MonitoringSpec, 'alarmEmail' | 'dataCapture' | 'drift' | 'recipients' | 'quality' | 'managedPrometheus' | 'budget'>> &
    Pick<MonitoringSpec, 'alarmEmail' | 'drift' | 'quality' | 'managedPrometheus' | 'budget'> & { readonly dataCapture: { readonly enabled: boolean; readonly samplingPercent: number } } & {
      /** Every recipient, with `alarmEmail` folded into `emails`. */
      readonly recipients: AlarmRecipientsSpec;
    };
  readonly security: Required2<Omit<SecuritySpec, 'allowedCidrs'>> & Pick<SecuritySpec, 'allowedCidrs'>;
  /** @default - single region */
  readonly disasterRecovery?: Required2<Omit<DisasterRecoverySpec, 'failover' | 'standbyMinReplicas'>> & Pick<DisasterRecoverySpec, 'failover' | 'standbyMinReplicas'>;
  /** @default - no graph */
  readonly graph?: InferenceGraphSpec;
  readonly tags: Readonly<Record<string, string>>;
}
