/**
 * `hf-inference-endpoint`: Llama 3.1 8B Instruct on a Hugging Face Inference Endpoint (the hosted option):
 * TGI with the plan's flags on an L4 instance in AWS us-east-1, protected by a Hugging Face token, scaled to
 * zero after 30 idle minutes. CDK (custom resource) and Pulumi (dynamic resource) create and update it through
 * the Endpoints API with the token read from Secrets Manager; Terraform is not rendered (docs/clouds/huggingface-endpoints.md).
 */
import type { App as CdkApp } from 'aws-cdk-lib';
import type { HuggingFaceEndpointOptions } from '../../lib/huggingface-endpoints/endpoint-definition';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import type { Blueprint, BlueprintContext } from '../blueprint';
import { engineModule } from '../engine-modules';

/** Why Terraform renders no Inference Endpoint (shown when a Terraform render is asked for). */
export const HF_TERRAFORM_UNAVAILABLE = 'Hugging Face Inference Endpoints have no maintained Terraform provider: Hugging Face publishes none, '
  + 'and the registry only has individual community providers (none with a cdktf binding); deploy this blueprint with CDK or Pulumi';

export interface HuggingFaceEndpointBlueprintDefinition {
  readonly name: string;
  readonly description: string;
  readonly spec: DeploymentSpecInput;
  /** Overrides of the spec's target settings. @default {} */
  readonly endpointOptions?: HuggingFaceEndpointOptions;
}

/** A blueprint whose CDK and Pulumi renderers create one Inference Endpoint through the API. */
export function huggingFaceEndpointBlueprint(definition: HuggingFaceEndpointBlueprintDefinition): Blueprint & { readonly endpointOptions: HuggingFaceEndpointOptions } {
  const endpointOptions = definition.endpointOptions ?? {};
  return {
    name: definition.name,
    description: definition.description,
    spec: definition.spec,
    endpointOptions,
    // No maintained Terraform provider for the Endpoints API: renderTerraform says so.
    engines: ['cdk', 'pulumi'],
    renderCdk: (app: CdkApp, context: BlueprintContext) => {
      const { HuggingFaceEndpointStack } = engineModule('cdk/huggingface-endpoint-stack');
      return new HuggingFaceEndpointStack(app, context.name, { context, endpointOptions });
    },
    renderTerraform: () => {
      throw new Error(`Blueprint '${definition.name}' cannot be rendered on Terraform: ${HF_TERRAFORM_UNAVAILABLE}.`);
    },
    renderPulumi: (context: BlueprintContext) => {
      const { renderHuggingFaceEndpointPulumi } = engineModule('pulumi/huggingface-endpoint');
      renderHuggingFaceEndpointPulumi(context, endpointOptions);
    },
  };
}

export const HF_INFERENCE_ENDPOINT = huggingFaceEndpointBlueprint({
  name: 'hf-inference-endpoint',
  description: 'Llama 3.1 8B on Hugging Face Inference Endpoints: TGI on nvidia-l4, protected, scale-to-zero, token from Secrets Manager (CDK, Pulumi)',
  spec: {
    name: 'hf-inference-endpoint',
    description: 'Llama 3.1 8B Instruct on a Hugging Face Inference Endpoint (TGI)',
    region: 'us-east-1',
    model: {
      id: 'meta-llama/Llama-3.1-8B-Instruct',
      servedName: 'llama-3.1-8b-instruct',
      // A token with write access to the namespace's endpoints (and read access to the gated model).
      artifact: { huggingFaceTokenSecret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:hf-inference-endpoints-token-AbCdEf' },
    },
    runtime: { engine: 'tgi' },
    target: { kind: 'huggingface-endpoint', cloud: 'aws', instanceType: 'nvidia-l4', scaleToZeroAfterMinutes: 30, namespace: 'acme-ml' },
    traffic: { requestsPerSecond: 1, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 2 },
    tags: { blueprint: 'hf-inference-endpoint' },
  },
});
