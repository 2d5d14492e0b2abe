/**
 * The Pulumi program of the `hf-inference-endpoint` blueprint: the same endpoint body the CDK custom resource
 * sends, through a dynamic resource.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { HuggingFaceInferenceEndpoint } from '../../constructs/pulumi/huggingface/inference-endpoint';
import { huggingFaceEndpointDefinition, type HuggingFaceEndpointOptions } from '../../lib/huggingface-endpoints/endpoint-definition';

/** Registers the blueprint's Inference Endpoint in the running Pulumi program. */
export function renderHuggingFaceEndpointPulumi(context: BlueprintContext, options: HuggingFaceEndpointOptions = {}, opts: pulumi.CustomResourceOptions = {}): HuggingFaceInferenceEndpoint {
  const definition = huggingFaceEndpointDefinition(context.plan, options);
  return new HuggingFaceInferenceEndpoint(context.name, { definition, secretRegion: context.env.region }, opts);
}
