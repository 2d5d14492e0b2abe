/**
 * Everything the builders of a contract runtime (`custom`, `bentoml`) share, resolved once: names, labels, the
 * user's image and contract, and the autoscaling query.
 */
import { InputValidationError, type InputProblem } from '../../../errors';
import type { ContainerContract } from '../../../spec/container-contract';
import { gpuNodePoolName } from '../../labels';
import { DEFAULT_ALB_SOURCE_CIDRS, DEFAULT_GATEWAY, DEFAULT_PROMETHEUS_ADDRESS, DEFAULT_PROMETHEUS_NAMESPACE, DEFAULT_PROMETHEUS_SELECTOR_LABELS } from '../../options';
import type { KubeObjectMeta } from '../../types';
import { MANAGED_BY } from '../../versions';
import { isModelServerOptions, type ModelServerObjectsOptions, type ServingObjectsOptions } from '../model-server-options';

/** Seconds the pod keeps serving after SIGTERM is due, while endpoints drop it. */
export const PRE_STOP_SLEEP_SECONDS = 10;
/** Seconds a service gets to finish in-flight requests after SIGTERM (uvicorn and BentoML drain on SIGTERM). */
export const DRAIN_SECONDS = 30;
/** A non-root UID for the `restricted` Pod Security Standard (examples/fastapi-service runs as it). */
export const CONTAINER_USER_ID = 10001;

export interface ContainerContext {
  readonly options: ModelServerObjectsOptions;
  readonly contract: ContainerContract;
  readonly name: string;
  readonly namespace: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly nodePoolName: string;
  readonly prometheusAddress: string;
  readonly prometheusNamespace: string;
  readonly prometheusSelectorLabels: Readonly<Record<string, string>>;
  readonly gateway: { readonly name: string; readonly namespace: string; readonly sectionName?: string };
  readonly albSourceCidrs: readonly string[];
}

/** The options of a contract runtime. @throws InputValidationError listing every option it cannot honour */
export function containerContext(given: ServingObjectsOptions): ContainerContext {
  const problems: InputProblem[] = [];
  if (!isModelServerOptions(given)) {
    throw new InputValidationError(`${given.runtime ?? 'custom'} deployment`, [{ field: 'plan', value: 'LLM serving plan', message: 'a contract container runs from a model-server plan', fix: "plan the spec with planDeployment (runtime.engine 'custom' or 'bentoml' on eks)" }]);
  }
  const options = given;
  const contract = options.container;
  if (contract === undefined) problems.push({ field: 'container', value: undefined, message: `runtime '${options.runtime}' runs the user's image under a container contract`, fix: 'set runtime.image and runtime.container' });
  const a = options.autoscaling;
  if (a.engine !== 'keda') problems.push({ field: 'autoscaling.engine', value: a.engine, message: 'contract containers scale with KEDA on their metric', fix: "use 'keda'" });
  if (a.scaleToZero) problems.push({ field: 'autoscaling.scaleToZero', value: true, message: 'a service at zero replicas exports no metric to wake on', fix: 'keep at least one replica' });
  if (!Number.isInteger(a.minReplicas) || a.minReplicas < 1 || a.maxReplicas < a.minReplicas) {
    problems.push({ field: 'autoscaling.maxReplicas', value: a.maxReplicas, message: `must be at least minReplicas (${a.minReplicas}), which must be at least 1`, fix: 'raise maxReplicas' });
  }
  if (options.apiKeySecret !== undefined && contract !== undefined && !contract.checksBearerApiKey) {
    problems.push({ field: 'container.checksBearerApiKey', value: false, message: 'the service does not declare that it checks the API key', fix: 'check Authorization: Bearer $API_KEY in the service and declare checksBearerApiKey: true' });
  }
  if (problems.length > 0 || contract === undefined) throw new InputValidationError(`${options.runtime} deployment '${options.name}'`, problems);
  const selector = { 'app.kubernetes.io/name': options.runtime, 'app.kubernetes.io/instance': options.name };
  const version = contract.image.includes('@') ? contract.image.slice(contract.image.indexOf('@') + 8, contract.image.indexOf('@') + 20) : contract.image.slice(contract.image.lastIndexOf(':') + 1);
  const m = options.monitoring;
  return {
    options,
    contract,
    name: options.name,
    namespace: options.namespace,
    selector,
    labels: { ...selector, 'app.kubernetes.io/version': version, 'app.kubernetes.io/part-of': 'model-serving', 'app.kubernetes.io/managed-by': MANAGED_BY },
    nodePoolName: options.nodePoolName ?? gpuNodePoolName(options.name),
    prometheusAddress: a.prometheusAddress ?? DEFAULT_PROMETHEUS_ADDRESS,
    prometheusNamespace: m.prometheusNamespace ?? DEFAULT_PROMETHEUS_NAMESPACE,
    prometheusSelectorLabels: m.prometheusSelectorLabels ?? DEFAULT_PROMETHEUS_SELECTOR_LABELS,
    gateway: options.exposure?.gateway ?? DEFAULT_GATEWAY,
    albSourceCidrs: options.exposure?.sourceCidrs ?? DEFAULT_ALB_SOURCE_CIDRS,
  };
}

export function containerMetadata(ctx: ContainerContext, name = ctx.name): KubeObjectMeta {
  return { name, namespace: ctx.namespace, labels: { ...ctx.labels } };
}

/** The KEDA query: the contract's metric over this deployment's series (`or vector(0)` before the first request). */
export function scaleQuery(ctx: ContainerContext): string {
  const selector = `{namespace="${ctx.namespace}",service="${ctx.name}"}`;
  return `(${ctx.contract.scaleMetric.split('$SELECTOR').join(selector)}) or vector(0)`;
}
