/**
 * Text Generation Inference on Kubernetes: every object of one TGI deployment, from a plan. The objects that do
 * not depend on the server (service account, secret sync, Service on port 8000, PDB, NetworkPolicies, exposure,
 * ServiceMonitors) are the shared builders' as-is; TGI brings its container and flags, its autoscaling signals,
 * its alerts and the namespace's Pod Security level.
 */
import { InputValidationError, type InputProblem } from '../../../errors';
import { servingContext, type ServingContext } from '../../context';
import { vllmDisruptionBudget } from '../../disruption-budget';
import { exposureObjects } from '../../exposure';
import { secretSyncObjects } from '../../external-secret';
import { modelPathFor } from '../../model-source';
import { servingServiceAccount } from '../../namespace';
import { servingNetworkPolicies } from '../../network-policy';
import type { LlmServingObjectsOptions } from '../../options';
import { vllmService } from '../../service';
import type { KubeObject } from '../../types';
import { validateLlmServingOptions } from '../../validate-options';
import { tgiAutoscalerObjects } from './autoscaling';
import { tgiLauncherArgs, tgiPlanProblems, tgiTracingArgs } from './launcher-args';
import { tgiMonitoringObjects } from './monitoring';
import { TGI_IMAGE_REPOSITORY, TGI_IMAGE_TAG } from './versions';
import { tgiDeployment, tgiNamespace } from './workload';

/**
 * Every problem of the options for TGI: the shared checks (names, model source, autoscaling, exposure) and what
 * TGI cannot run (multi-node, pipeline parallelism, unmapped quantization, LoRA), thrown together.
 * @throws InputValidationError listing every problem
 */
export function validateTgiServingOptions(options: LlmServingObjectsOptions): void {
  const problems: InputProblem[] = [...tgiPlanProblems(options)];
  try {
    validateLlmServingOptions(options);
  } catch (error) {
    if (!(error instanceof InputValidationError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) throw new InputValidationError('TGI serving objects', problems);
}

/** The shared context with TGI's image and launcher arguments in place of vLLM's. */
export function tgiServingContext(options: LlmServingObjectsOptions): ServingContext {
  const imageTag = options.imageTag ?? TGI_IMAGE_TAG;
  return {
    ...servingContext(options),
    image: `${options.imageRepository ?? TGI_IMAGE_REPOSITORY}:${imageTag}`,
    imageTag,
    serveArgs: [...tgiLauncherArgs(options.plan, options.model, modelPathFor(options.modelSource)), ...tgiTracingArgs(options.tracing, options.name)],
  };
}

/**
 * Namespace (Pod Security baseline enforced, restricted audited), ServiceAccount, secret sync, TGI Deployment,
 * Service, PodDisruptionBudget, NetworkPolicies, KEDA ScaledObject or HPA on `tgi_queue_size` and
 * `tgi_batch_current_max_tokens`, ServiceMonitors, PrometheusRule, Grafana dashboard, and the Ingress or HTTPRoute when exposed.
 * @throws InputValidationError listing every invalid option, or what TGI cannot run
 */
export function buildTgiServingObjects(options: LlmServingObjectsOptions): KubeObject[] {
  validateTgiServingOptions(options);
  const ctx = tgiServingContext(options);
  return [
    ...(options.createNamespace === false ? [] : [tgiNamespace(ctx)]),
    servingServiceAccount(ctx),
    ...secretSyncObjects(ctx),
    tgiDeployment(ctx),
    vllmService(ctx),
    vllmDisruptionBudget(ctx),
    ...servingNetworkPolicies(ctx),
    ...tgiAutoscalerObjects(ctx),
    ...tgiMonitoringObjects(ctx),
    ...exposureObjects(ctx),
  ];
}
