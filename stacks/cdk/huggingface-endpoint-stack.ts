/**
 * The CDK stack of the `hf-inference-endpoint` blueprint: one Hugging Face Inference Endpoint, created and
 * updated through the Endpoints API by a custom resource, with the token read from Secrets Manager.
 */
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { HuggingFaceInferenceEndpoint } from '../../constructs/cdk/huggingface/inference-endpoint';
import { huggingFaceEndpointDefinition, type HuggingFaceEndpointOptions } from '../../lib/huggingface-endpoints/endpoint-definition';

export interface HuggingFaceEndpointStackProps extends StackProps {
  /** The blueprint's planned deployment. */
  readonly context: BlueprintContext;
  /** Overrides of the spec's namespace, name and access. @default {} */
  readonly endpointOptions?: HuggingFaceEndpointOptions;
}

export class HuggingFaceEndpointStack extends Stack {
  public readonly endpoint: HuggingFaceInferenceEndpoint;

  constructor(scope: Construct, id: string, props: HuggingFaceEndpointStackProps) {
    const { context } = props;
    const spec = context.plan.spec;
    super(scope, id, {
      ...props,
      env: props.env ?? { account: context.env.account, region: context.env.region },
      description: props.description ?? `${spec.description} (ai-model-deployment, Hugging Face Inference Endpoints)`,
    });
    const definition = huggingFaceEndpointDefinition(context.plan, props.endpointOptions);
    this.endpoint = new HuggingFaceInferenceEndpoint(this, 'Endpoint', { definition });
    for (const [k, v] of Object.entries(spec.tags)) Tags.of(this).add(k, v);
    new CfnOutput(this, 'EndpointId', { value: this.endpoint.endpointId, description: 'namespace/name of the Inference Endpoint' });
    new CfnOutput(this, 'EndpointUrl', { value: this.endpoint.endpointUrl, description: 'URL of the Inference Endpoint (empty until the API reports it)' });
  }
}
