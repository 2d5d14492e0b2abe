/**
 * What a Kubernetes serving runtime is planned with: the LLM planner's plan (vLLM, TGI, Ray Serve) or a classic
 * model-server plan (Triton, and next TorchServe, TF Serving, BentoML). Both size GPU capacity the same way.
 */
import type { LlmServingPlan } from '../planner/types';
import type { ModelServerPlan } from './model-server-plan';

export type ServingPlan = LlmServingPlan | ModelServerPlan;
