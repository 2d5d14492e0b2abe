/**
 * The container contract of the `custom` and `bentoml` runtimes on EKS: the spec's `runtime.container` checked
 * (every problem with field, value and fix) and resolved with BentoML's defaults. The Kubernetes builder
 * (lib/kubernetes/runtimes/container) only reads the resolved form.
 */
import type { ContainerContractSpec, RuntimeEngine } from './types';
import { checkUnknownKeys, integerIn, isPlainObject, numberIn, type Check } from './field-checks';

/** The engines that run a user's image under the contract. */
export const CONTRACT_ENGINES: readonly RuntimeEngine[] = ['bentoml', 'custom'];

/** Environment variable naming the directory the model is synced into. */
export const MODEL_DIR_ENV = 'MODEL_DIR';
/** Environment variable carrying the API key (from the synced Secret); the exposure check recognises this name. */
export const API_KEY_ENV = 'API_KEY';
/** Names the platform sets itself: a contract's `env` may not override them. */
export const RESERVED_ENV_NAMES: readonly string[] = [MODEL_DIR_ENV, API_KEY_ENV, 'AWS_REGION', 'HOME'];

/**
 * BentoML 1.x serves on port 3000, with `/livez`, `/readyz` (and `/healthz`) and Prometheus `/metrics` on the same
 * port; `bentoml_service_request_in_progress` is its gauge of requests being processed (docs.bentoml.com,
 * build-with-bentoml/observability/metrics.html "Default metrics", and the Datadog BentoML integration reading the
 * health endpoints and /metrics; read 2026-12-03).
 */
export const BENTOML_DEFAULTS = {
  port: 3000,
  healthPath: '/livez',
  readinessPath: '/readyz',
  metricsPath: '/metrics',
  scaleMetric: 'sum(bentoml_service_request_in_progress$SELECTOR)',
  scaleThreshold: 4,
} as const;

/**
 * A custom service scales on its request rate: `http_requests_total` is the counter prometheus-fastapi-instrumentator
 * exports and examples/fastapi-service exports under the same name with prometheus_client (read 2026-12-03).
 */
export const CUSTOM_DEFAULT_SCALE_METRIC = 'sum(rate(http_requests_total$SELECTOR[1m]))';
export const CUSTOM_DEFAULT_SCALE_THRESHOLD = 20;

/** The contract with every default applied. */
export interface ContainerContract {
  readonly image: string;
  readonly port: number;
  readonly healthPath: string;
  readonly readinessPath: string;
  readonly metricsPath: string;
  readonly env: Readonly<Record<string, string>>;
  readonly args?: readonly string[];
  /** PromQL with `$SELECTOR` where the pods' series selector goes. */
  readonly scaleMetric: string;
  readonly scaleThreshold: number;
  /** The service requires `Authorization: Bearer $API_KEY`: the platform then sets API_KEY from the Secret. */
  readonly checksBearerApiKey: boolean;
}

const PATH = /^\/[A-Za-z0-9._~\-/]*$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
/** `repo@sha256:<64 hex>` or `repo:tag` with a tag other than latest (a `:` after the last `/`). */
export function isPinnedImage(image: string): boolean {
  if (/@sha256:[a-f0-9]{64}$/.test(image)) return true;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  if (colon < 0) return false;
  const tag = last.slice(colon + 1);
  return /^[\w][\w.-]{0,127}$/.test(tag) && tag !== 'latest';
}

/** Checks `runtime.image` and `runtime.container` of a contract engine. */
export function checkContainerContract(p: Check, engine: RuntimeEngine, runtime: Record<string, unknown>): void {
  const image = runtime.image;
  if (p.check(typeof image === 'string' && image.length > 0, 'runtime.image', image, `is required for the ${engine} engine`, 'set runtime.image to <registry>/<repo>:<tag> or <registry>/<repo>@sha256:<digest>')) {
    p.check(isPinnedImage(image as string), 'runtime.image', image, 'must be pinned: a digest or a tag other than latest (a floating tag redeploys whatever was pushed last)', 'append @sha256:<digest> or a version tag such as :1.4.2');
  }
  const given = runtime.container;
  if (given === undefined) {
    p.check(engine !== 'custom', 'runtime.container', given, 'is required for the custom engine: the platform must know the port, health path and whether the service checks its API key', 'set runtime.container: { port, healthPath, metricsPath, checksBearerApiKey: true }');
    p.check(engine === 'custom', 'runtime.container.checksBearerApiKey', given, 'must be declared: BentoML checks no API key by itself, and an endpoint without one is refused', 'check Authorization: Bearer $API_KEY in the service, then set runtime.container.checksBearerApiKey: true');
    return;
  }
  if (!p.check(isPlainObject(given), 'runtime.container', given, 'must be an object', 'give { port, healthPath, ... }')) return;
  const c = given as Record<string, unknown>;
  checkUnknownKeys(p, 'runtime.container', c, ['port', 'healthPath', 'readinessPath', 'metricsPath', 'env', 'args', 'scaleMetric', 'scaleThreshold', 'checksBearerApiKey']);
  if (engine === 'custom' || c.port !== undefined) integerIn(p, 'runtime.container.port', c.port, 1024, 65535);
  for (const key of ['healthPath', 'readinessPath', 'metricsPath']) {
    const value = c[key];
    if (value === undefined && !(key === 'healthPath' && engine === 'custom')) continue;
    p.check(typeof value === 'string' && PATH.test(value), `runtime.container.${key}`, value, 'must be an absolute URL path', `set runtime.container.${key} to a path such as /healthz`);
  }
  if (c.env !== undefined && p.check(isPlainObject(c.env), 'runtime.container.env', c.env, 'must map names to strings', 'give { NAME: "value" }')) {
    for (const [name, value] of Object.entries(c.env as Record<string, unknown>)) {
      p.check(ENV_NAME.test(name) && !RESERVED_ENV_NAMES.includes(name), `runtime.container.env.${name}`, value, `must be an upper-case name other than ${RESERVED_ENV_NAMES.join(', ')}`, 'rename it; the platform sets the reserved ones');
      p.check(typeof value === 'string', `runtime.container.env.${name}`, value, 'must be a string (secrets belong in Secrets Manager, not here)', 'quote the value');
    }
  }
  if (c.args !== undefined) p.check(Array.isArray(c.args) && c.args.every((a) => typeof a === 'string'), 'runtime.container.args', c.args, 'must be a list of strings', 'give ["--workers", "2"]');
  if (c.scaleMetric !== undefined) {
    p.check(typeof c.scaleMetric === 'string' && c.scaleMetric.includes('$SELECTOR'), 'runtime.container.scaleMetric', c.scaleMetric, 'must be PromQL naming $SELECTOR, where the selector of this deployment\'s series goes', 'e.g. sum(rate(http_requests_total$SELECTOR[1m]))');
  }
  if (c.scaleThreshold !== undefined) numberIn(p, 'runtime.container.scaleThreshold', c.scaleThreshold, 0, 1e6, true);
  p.check(c.checksBearerApiKey === true, 'runtime.container.checksBearerApiKey', c.checksBearerApiKey, 'must be true: the service must require Authorization: Bearer $API_KEY (health and metrics stay open), or any pod could call the model', 'implement the check (examples/fastapi-service/main.py) and set it to true');
}

/** The contract of a checked spec, with the engine's defaults. */
export function resolveContainerContract(engine: RuntimeEngine, image: string, given: ContainerContractSpec = {}): ContainerContract {
  const bento = engine === 'bentoml';
  const healthPath = given.healthPath ?? BENTOML_DEFAULTS.healthPath;
  return {
    image,
    port: given.port ?? BENTOML_DEFAULTS.port,
    healthPath,
    readinessPath: given.readinessPath ?? (bento ? BENTOML_DEFAULTS.readinessPath : healthPath),
    metricsPath: given.metricsPath ?? BENTOML_DEFAULTS.metricsPath,
    env: { ...(given.env ?? {}) },
    ...(given.args !== undefined && { args: [...given.args] }),
    scaleMetric: given.scaleMetric ?? (bento ? BENTOML_DEFAULTS.scaleMetric : CUSTOM_DEFAULT_SCALE_METRIC),
    scaleThreshold: given.scaleThreshold ?? (bento ? BENTOML_DEFAULTS.scaleThreshold : CUSTOM_DEFAULT_SCALE_THRESHOLD),
    checksBearerApiKey: given.checksBearerApiKey === true,
  };
}
