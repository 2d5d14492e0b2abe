/**
 * The `graph` section of a spec (docs/inference-graphs.md): several classic models chained, fanned out or chosen
 * between, described once and rendered as a KServe InferenceGraph on EKS (lib/kubernetes/runtimes/kserve/
 * inference-graph.ts) or as a SageMaker serial inference pipeline (lib/sagemaker/serial-pipeline.ts, sequences only).
 */
import { type Check, checkUnknownKeys, isPlainObject, oneOf, optionalTypes } from './field-checks';

/** How the steps are combined. */
export type InferenceGraphKind = 'sequence' | 'ensemble' | 'switch';
export const INFERENCE_GRAPH_KINDS: readonly InferenceGraphKind[] = ['sequence', 'ensemble', 'switch'];

/** Formats of the classic models a step serves (KServe's built-in runtimes; SageMaker's framework images). */
export type GraphModelFormat = 'sklearn' | 'xgboost' | 'onnx';
export const GRAPH_MODEL_FORMATS: readonly GraphModelFormat[] = ['sklearn', 'xgboost', 'onnx'];

/**
 * Most containers one SageMaker inference pipeline runs ("two to fifteen containers",
 * https://docs.aws.amazon.com/sagemaker/latest/dg/inference-pipelines.html, read 2026-12-03). KServe has no such
 * limit; the spec keeps one for both so a graph renders on either.
 */
export const MAX_GRAPH_STEPS = 15;

/** The classic model one step serves. */
export interface GraphStepModelSpec {
  readonly format: GraphModelFormat;
  /** `s3://bucket/prefix/` of the model (a model.tar.gz on SageMaker, the model's files on KServe). */
  readonly uri: string;
  /** CPU request (and limit) on Kubernetes. @default '250m' */
  readonly cpu?: string;
  /** Memory request (and limit) on Kubernetes. @default '512Mi' */
  readonly memory?: string;
}

export interface InferenceGraphStepSpec {
  /** DNS-1035 label of at most 40 characters: the step's InferenceService, or its container's hostname on SageMaker. */
  readonly name: string;
  readonly model: GraphStepModelSpec;
  /**
   * `switch`: a GJSON path that exists in the request when this step should take it (KServe's router:
   * `gjson.GetBytes(input, route.Condition).Exists()`, cmd/router/main.go at v0.20.0), e.g. `instances.#(kind=="image")`.
   * Required on every step of a switch; not allowed elsewhere.
   * @default - none
   */
  readonly condition?: string;
}

/** A graph of classic models behind one endpoint. */
export interface InferenceGraphSpec {
  /**
   * `sequence`: each step gets the previous step's response (preprocess → classifier → postprocess).
   * `ensemble`: every step gets the request; the responses are merged under the step names.
   * `switch`: the first step whose `condition` matches takes the request.
   */
  readonly kind: InferenceGraphKind;
  /** One to fifteen steps, in order. */
  readonly steps: readonly InferenceGraphStepSpec[];
}

const STEP_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;

/** Targets that render a graph: EKS (KServe InferenceGraph) and SageMaker (serial inference pipeline). */
export const GRAPH_TARGET_KINDS = ['eks', 'sagemaker'];

/**
 * Records every problem of `graph`: kind, one to fifteen uniquely named steps, their models and conditions, and
 * whether the target renders it (SageMaker runs a pipeline's containers one after the other: sequences only).
 */
export function checkInferenceGraph(p: Check, value: unknown, target: Record<string, unknown>, engine: unknown): void {
  const targetKind = target.kind;
  if (value === undefined) return;
  if (!p.check(isPlainObject(value), 'graph', value, 'must be an object', "e.g. { kind: 'sequence', steps: [...] }")) return;
  const graph = value as Record<string, unknown>;
  checkUnknownKeys(p, 'graph', graph, ['kind', 'steps']);
  const kindOk = oneOf(p, 'graph.kind', graph.kind, INFERENCE_GRAPH_KINDS);
  p.check(GRAPH_TARGET_KINDS.includes(targetKind as string), 'graph', `target.kind ${String(targetKind)}`,
    `is rendered on ${GRAPH_TARGET_KINDS.join(' and ')} only`, "use target.kind 'eks' (KServe InferenceGraph) or 'sagemaker' (serial inference pipeline)");
  if (kindOk && targetKind === 'sagemaker') {
    // Source: https://docs.aws.amazon.com/sagemaker/latest/dg/inference-pipelines.html (read 2026-12-03): the
    // containers of a pipeline run in a linear sequence; nothing fans a request out or picks one container.
    p.check(graph.kind === 'sequence', 'graph.kind', graph.kind, 'SageMaker inference pipelines run their containers in a linear sequence: an ensemble or a switch has no SageMaker rendering',
      "use graph.kind 'sequence' on SageMaker, or target.kind 'eks' (KServe InferenceGraph) for an ensemble or a switch");
  }
  if (targetKind === 'sagemaker') {
    // Serverless endpoints do not run inference pipelines ("Feature exclusions",
    // https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html, read 2026-12-03); rendered on real-time only.
    p.check(target.mode === undefined || target.mode === 'realtime', 'target.mode', target.mode, 'an inference pipeline is rendered on a real-time endpoint only',
      "set target.mode: 'realtime'");
  }
  if (targetKind === 'eks') {
    p.check(engine === 'kserve', 'runtime.engine', engine, "renders a graph as a KServe InferenceGraph, which needs KServe's controller",
      "set runtime.engine: 'kserve' (the graph's models run beside the spec's LLM)");
  }
  const steps = graph.steps;
  if (!p.check(Array.isArray(steps) && steps.length >= 1 && steps.length <= MAX_GRAPH_STEPS, 'graph.steps', Array.isArray(steps) ? `${steps.length} steps` : steps,
    `must list 1 to ${MAX_GRAPH_STEPS} steps`, 'give each model of the graph a step, in order')) return;
  const names = new Set<string>();
  (steps as unknown[]).forEach((item, i) => {
    const f = `graph.steps[${i}]`;
    if (!p.check(isPlainObject(item), f, item, 'must be an object', "e.g. { name: 'classifier', model: { format: 'sklearn', uri: 's3://...' } }")) return;
    const step = item as Record<string, unknown>;
    checkUnknownKeys(p, f, step, ['name', 'model', 'condition']);
    optionalTypes(p, f, step, { condition: 'string' });
    if (p.check(typeof step.name === 'string' && STEP_NAME.test(step.name) && step.name.length <= 40, `${f}.name`, step.name,
      'must be a DNS-1035 label of at most 40 characters', "e.g. 'preprocess'")) {
      p.check(!names.has(step.name as string), `${f}.name`, step.name, 'is the name of another step', 'give every step its own name');
      names.add(step.name as string);
    }
    checkStepModel(p, `${f}.model`, step.model);
    if (!kindOk) return;
    if (graph.kind === 'switch') {
      p.check(typeof step.condition === 'string' && step.condition.trim() !== '', `${f}.condition`, step.condition,
        'is required on every step of a switch', 'give a GJSON path that exists in the requests this step takes, e.g. instances.#(kind=="image")');
    } else {
      p.check(step.condition === undefined, `${f}.condition`, step.condition, `only applies to a switch (this graph is a ${String(graph.kind)})`, "remove it, or set graph.kind: 'switch'");
    }
  });
}

function checkStepModel(p: Check, f: string, value: unknown): void {
  if (!p.check(isPlainObject(value), f, value, 'must be an object', "e.g. { format: 'sklearn', uri: 's3://bucket/models/classifier/' }")) return;
  const model = value as Record<string, unknown>;
  checkUnknownKeys(p, f, model, ['format', 'uri', 'cpu', 'memory']);
  optionalTypes(p, f, model, { cpu: 'string', memory: 'string' });
  oneOf(p, `${f}.format`, model.format, GRAPH_MODEL_FORMATS);
  p.check(typeof model.uri === 'string' && S3_URI.test(model.uri), `${f}.uri`, model.uri, 'must be an s3:// URI', "e.g. 's3://my-models/models/classifier/'");
}
