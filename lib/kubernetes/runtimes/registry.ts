/**
 * The serving runtimes that run on Kubernetes, registered in one place. A runtime is one engine-neutral builder:
 * given the deployment's options (plan, model source, identity, scaling, exposure, monitoring) it returns every
 * Kubernetes object of the deployment, in apply order. The CDK, cdktf and Pulumi constructs and the plain
 * manifests apply whatever it returns and never name a runtime; the cluster installs the operators it lists.
 *
 * To add a runtime: write its builder under this folder (container, real health and metrics endpoints, the
 * autoscaling signal it exports, its flags from the plan), add one entry to {@link KUBERNETES_RUNTIMES}, and add
 * it to `RUNTIMES_BY_TARGET.eks` in lib/spec/targets.ts.
 */
import { withOffHoursFloor } from '../scheduled-capacity';
import { InputValidationError } from '../../errors';
import type { RuntimeEngine } from '../../spec/types';
import { buildLlmServingObjects } from '../llm-serving';
import type { LlmServingObjectsOptions } from '../options';
import type { KubeObject } from '../types';
import { buildTgiServingObjects } from './tgi';
import { buildKserveObjects } from './kserve/objects';
import { ROLLOUT_SURGE_REPLICAS } from '../vllm-deployment';
import { RAY_SERVE_RUNTIME } from './ray-serve';
import { isModelServerOptions, type ServingObjectsOptions } from './model-server-options';
import { buildTritonObjects } from './triton/objects';
import { buildTorchServeObjects } from './torchserve/objects';
import { buildTfServingObjects } from './tensorflow-serving/objects';
import { buildSeldonObjects } from './seldon/objects';
import { buildContainerObjects } from './container/objects';

/**
 * Cluster software (operators with their CRDs) a runtime's objects need. Cloud-neutral names; each cloud maps
 * them to pinned Helm releases (lib/eks/operators.ts on EKS).
 */
export type ClusterOperator = 'argo-rollouts' | 'kserve' | 'kuberay' | 'seldon-core';

/**
 * How a runtime's endpoint authenticates callers with the deployment's API key:
 * - `engine-api-key`: the server itself checks it (vLLM's `VLLM_API_KEY`, TGI's `API_KEY`, Triton's restricted
 *   APIs, a custom container that declares `checksBearerApiKey`);
 * - `auth-proxy`: the server checks nothing and the shared NGINX auth proxy (auth-proxy.ts) stands in front of it;
 * - `none`: nothing checks a key, so the endpoint must not be exposed (gateway or ALB).
 */
export type EndpointProtection = 'engine-api-key' | 'auth-proxy' | 'none';

/** One serving runtime on Kubernetes. */
export interface KubernetesRuntime {
  /** The spec's `runtime.engine`. */
  readonly engine: RuntimeEngine;
  /** How its endpoint checks the API key; `none` refuses any exposure. */
  readonly endpointProtection: EndpointProtection;
  /** Product name in descriptions, e.g. `vLLM`. @default - the engine */
  readonly title?: string;
  /**
   * Every object of one deployment, in apply order (namespace and identity first). Pure. LLM runtimes are given
   * LLM options, classic model servers (Triton...) model-server options: whichever plan the engine is planned with.
   * (Method syntax: a builder typed for one kind of options registers without a cast.)
   */
  objects(options: ServingObjectsOptions): KubeObject[];
  /**
   * Operators the cluster must run before the objects apply (their CRDs and controllers).
   * @default - none
   */
  operators?(options: ServingObjectsOptions): readonly ClusterOperator[];
  /**
   * Replicas an update runs on top of `maxReplicas` (GPU capacity the node pools must hold for it).
   * @default ROLLOUT_SURGE_REPLICAS - one, the surge of vLLM's rolling update
   */
  updateSurgeReplicas?(options: ServingObjectsOptions): number;
}

/** vLLM's OpenAI-compatible server: a Deployment, or a LeaderWorkerSet when the plan spans nodes. */
const VLLM: KubernetesRuntime = { engine: 'vllm', title: 'vLLM', endpointProtection: 'engine-api-key', objects: (options) => buildLlmServingObjects(requireLlmOptions('vllm', options)) };

/** NVIDIA Triton Inference Server for classic models (ONNX, PyTorch, Python backends, ensembles): lib/kubernetes/runtimes/triton. */
const TRITON: KubernetesRuntime = { engine: 'triton', title: 'Triton Inference Server', endpointProtection: 'engine-api-key', objects: buildTritonObjects };

/** The options of an LLM runtime. @throws Error when given a classic model-server plan */
export function requireLlmOptions(engine: RuntimeEngine, options: ServingObjectsOptions): LlmServingObjectsOptions {
  if (isModelServerOptions(options)) throw new Error(`runtime.engine '${engine}' serves LLMs and needs an LLM serving plan, not a model-server plan`);
  return options;
}

/** Hugging Face Text Generation Inference: a Deployment sharding the model over one node's GPUs (docs/runtimes/tgi.md). */
const TGI: KubernetesRuntime = { engine: 'tgi', title: 'Text Generation Inference', endpointProtection: 'engine-api-key', objects: buildTgiServingObjects };
/**
 * KServe in raw (`Standard`) mode: an InferenceService on its Hugging Face runtime (vLLM inside) for the LLM, one per
 * classic model on its built-in runtimes; KServe's controller, CRDs and runtimes come with the `kserve` operator. Its
 * server checks no key: the LLM predictor pod carries the auth proxy (kserve/auth-proxy.ts).
 */
const KSERVE: KubernetesRuntime = { engine: 'kserve', title: 'KServe', endpointProtection: 'auth-proxy', objects: buildKserveObjects, operators: () => ['kserve'] };

/** TorchServe for PyTorch `.mar` archives, behind a key-checking proxy (docs/runtimes/torchserve.md): lib/kubernetes/runtimes/torchserve. */
const TORCHSERVE: KubernetesRuntime = { engine: 'torchserve', title: 'TorchServe', endpointProtection: 'auth-proxy', objects: buildTorchServeObjects };
/** TensorFlow Serving for SavedModels, behind a key-checking proxy (docs/runtimes/tensorflow-serving.md). */
const TF_SERVING: KubernetesRuntime = { engine: 'tensorflow-serving', title: 'TensorFlow Serving', endpointProtection: 'auth-proxy', objects: buildTfServingObjects };
/**
 * Seldon Core v2: a Server (Triton server type) and a Model loaded on it from S3, in the namespace's own
 * SeldonRuntime; the controller, CRDs and ServerConfigs come with the `seldon-core` operator (docs/runtimes/seldon.md).
 */
const SELDON: KubernetesRuntime = { engine: 'seldon', title: 'Seldon Core v2', endpointProtection: 'none', objects: buildSeldonObjects, operators: () => ['seldon-core'] };
/** A BentoML Bento image from the user's registry, on BentoML's port, health and metrics (docs/runtimes/bentoml.md). */
const BENTOML: KubernetesRuntime = { engine: 'bentoml', title: 'BentoML', endpointProtection: 'engine-api-key', objects: buildContainerObjects };
/** A FastAPI-style service image under the container contract (docs/runtimes/custom.md). */
const CUSTOM: KubernetesRuntime = { engine: 'custom', title: 'custom container', endpointProtection: 'engine-api-key', objects: buildContainerObjects };

/** Every runtime that deploys on Kubernetes, by `runtime.engine`. */
export const KUBERNETES_RUNTIMES: Readonly<Partial<Record<RuntimeEngine, KubernetesRuntime>>> = {
  vllm: VLLM,
  tgi: TGI,
  kserve: KSERVE,
  'ray-serve': RAY_SERVE_RUNTIME,
  triton: TRITON,
  torchserve: TORCHSERVE,
  'tensorflow-serving': TF_SERVING,
  seldon: SELDON,
  bentoml: BENTOML,
  custom: CUSTOM,
};

/** The runtimes that deploy on Kubernetes. */
export function kubernetesRuntimeEngines(): RuntimeEngine[] {
  return Object.keys(KUBERNETES_RUNTIMES) as RuntimeEngine[];
}

/** The registered runtime of an engine. @throws Error naming the runtimes there are */
export function kubernetesRuntime(engine: RuntimeEngine = 'vllm'): KubernetesRuntime {
  const runtime = KUBERNETES_RUNTIMES[engine];
  if (runtime === undefined) {
    throw new Error(`runtime.engine '${engine}' has no Kubernetes builder; use one of ${kubernetesRuntimeEngines().join(', ')}`);
  }
  return runtime;
}

/** The product name of a runtime for descriptions (`vLLM`, `Triton Inference Server`). */
export function runtimeTitle(engine: RuntimeEngine = 'vllm'): string {
  const runtime = kubernetesRuntime(engine);
  return runtime.title ?? runtime.engine;
}

/** Every Kubernetes object of a deployment, built by its runtime (`options.runtime`, vLLM by default). */
export function buildServingObjects(options: ServingObjectsOptions): KubeObject[] {
  const runtime = kubernetesRuntime(options.runtime);
  refuseUnprotectedExposure(runtime, options);
  // Scheduled capacity for every runtime scaled by KEDA (vLLM's builder applies it too: the step is idempotent).
  return withOffHoursFloor(runtime.objects(options), options.autoscaling.offHours);
}

/** The runtimes whose endpoint checks an API key (itself or through the auth proxy). */
export function protectedRuntimeEngines(): RuntimeEngine[] {
  return kubernetesRuntimeEngines().filter((engine) => kubernetesRuntime(engine).endpointProtection !== 'none');
}

/**
 * An endpoint that nothing authenticates is never exposed: refused here, once for every runtime, from what the
 * runtime declares. @throws InputValidationError naming the runtimes that can be exposed
 */
export function refuseUnprotectedExposure(runtime: KubernetesRuntime, options: ServingObjectsOptions): void {
  if (runtime.endpointProtection !== 'none' || options.exposure === undefined) return;
  throw new InputValidationError(`${runtimeTitle(runtime.engine)} deployment '${options.name}'`, [{
    field: 'exposure',
    value: options.exposure.kind,
    message: `runtime.engine '${runtime.engine}' does not authenticate callers (neither the server nor an auth proxy checks the API key), so it cannot be exposed`,
    fix: `leave exposure unset and call it from inside the cluster, or use a runtime that checks the key: ${protectedRuntimeEngines().join(', ')}`,
  }]);
}

/** Replicas a deployment's update adds on top of its autoscaler's maximum. */
export function servingUpdateSurgeReplicas(options: ServingObjectsOptions): number {
  return kubernetesRuntime(options.runtime).updateSurgeReplicas?.(options) ?? ROLLOUT_SURGE_REPLICAS;
}

/** The operators a deployment's objects need on the cluster. */
export function servingOperators(options: ServingObjectsOptions): readonly ClusterOperator[] {
  return kubernetesRuntime(options.runtime).operators?.(options) ?? [];
}
