/**
 * Upper-bound estimates of what one model deployment adds to a CDK model stack of the multi-model app,
 * for `layoutModelStacks`. Measured, not derived: test/synth/multi-model-app.test.ts synthesizes each
 * kind and fails when a deployment outgrows its estimate, so the numbers cannot silently fall behind.
 */
import type { BlueprintContext } from '../../blueprints/blueprint';
import type { DeploymentFootprint } from './stack-layout';

/**
 * Per target kind: resources, outputs and template bytes of one deployment, about 25 % above what the
 * example fleet measured on 2026-12-03 (aws-cdk-lib 2.276): a SageMaker real-time endpoint with canary,
 * data capture and autoscaling 16 resources / 18.3 kB; a vLLM service with its NodePool, Pod Identity role,
 * API key and 15 Kubernetes objects 20 resources / 40.1 kB. Features beyond those (shadow variants, Model
 * Monitor, LoRA adapters) add a few resources; the budget's 20 % margin and the post-synth quota check
 * (`templateLimitFindings`) cover them.
 */
export const MODEL_FOOTPRINTS = {
  sagemaker: { resources: 20, outputs: 1, templateBytes: 24_000 },
  eks: { resources: 25, outputs: 1, templateBytes: 50_000 },
} as const;

/** The estimate for one planned deployment (SageMaker endpoint or vLLM service on EKS). */
export function estimatedModelFootprint(context: BlueprintContext): DeploymentFootprint {
  const kind = context.plan.spec.target.kind === 'eks' ? 'eks' : 'sagemaker';
  return { name: context.name, ...MODEL_FOOTPRINTS[kind] };
}
