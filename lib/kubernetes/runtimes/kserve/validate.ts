/**
 * The options KServe needs besides the shared ones (lib/kubernetes/validate-options.ts): what this builder renders
 * (one node per replica, no LoRA, KEDA) and the classic models. Every problem, shared or KServe's, is thrown at once.
 */
import { InputValidationError, type InputProblem, ProblemCollector } from '../../../errors';
import type { LlmServingObjectsOptions } from '../../options';
import { isUnresolved } from '../../tokens';
import { validateLlmServingOptions } from '../../validate-options';
import { checkInferenceGraph } from '../../../spec/graph';

const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const FORMATS = ['sklearn', 'xgboost', 'onnx'];

export function validateKserveOptions(options: LlmServingObjectsOptions): void {
  const p = new ProblemCollector();
  p.check(options.plan.nodes === 1, 'plan.nodes', options.plan.nodes, "KServe's Hugging Face runtime is rendered here on one node per replica",
    'plan with runtime.engine kserve (the planner then keeps a replica on one node), or use runtime.engine vllm for multi-node');
  p.check((options.loraAdapters ?? []).length === 0, 'loraAdapters', options.loraAdapters?.map((a) => a.name), 'LoRA adapters are not rendered for KServe', 'serve adapters with runtime.engine vllm');
  p.check(options.autoscaling.engine === 'keda', 'autoscaling.engine', options.autoscaling.engine,
    "KServe's HPA class scales on CPU or memory only, which says nothing about an LLM's load", "use engine 'keda' (KServe creates the ScaledObject)");
  const names = new Set([options.name]);
  if (options.inferenceGraph !== undefined) {
    // The spec's own checks, with the graph on EKS; its step names share the namespace with the other models.
    checkInferenceGraph(p, options.inferenceGraph, { kind: 'eks' }, 'kserve');
    const taken = new Set([options.name, ...(options.classicModels ?? []).map((m) => m.name)]);
    (options.inferenceGraph.steps ?? []).forEach((step, i) => {
      p.check(!taken.has(step.name), `graph.steps[${i}].name`, step.name, 'is already the name of another InferenceService of this deployment', 'give every step its own name');
    });
  }
  (options.classicModels ?? []).forEach((model, i) => {
    const f = `classicModels[${i}]`;
    p.check(DNS_1035_LABEL.test(model.name) && model.name.length <= 40, `${f}.name`, model.name, 'must be a DNS-1035 label of at most 40 characters', "e.g. 'iris'");
    p.check(!names.has(model.name), `${f}.name`, model.name, 'is already the name of another InferenceService of this deployment', 'give every model its own name');
    names.add(model.name);
    p.check(FORMATS.includes(model.format), `${f}.format`, model.format, `is not one of KServe's built-in classic runtimes (${FORMATS.join(', ')})`, 'use sklearn, xgboost or onnx');
    if (!isUnresolved(model.uri)) p.check(S3_URI.test(model.uri), `${f}.uri`, model.uri, 'must be an s3:// URI', "e.g. 's3://<model bucket>/models/sklearn-iris/'");
  });
  const problems: InputProblem[] = [...p.list()];
  try {
    validateLlmServingOptions(options);
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    problems.unshift(...error.problems);
  }
  if (problems.length > 0) throw new InputValidationError('KServe serving objects', problems);
}
