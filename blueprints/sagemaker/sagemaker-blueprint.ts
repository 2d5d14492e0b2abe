/**
 * Builds a SageMaker blueprint: a spec plus the SageMaker-only options, rendered by the same
 * engine-neutral description on CDK, cdktf and Pulumi.
 */
import type { App as CdkApp } from 'aws-cdk-lib';
import type { App as TerraformApp } from 'cdktf';
import type { EndpointOptions } from '../../lib/sagemaker/options';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import type { Blueprint, BlueprintContext } from '../blueprint';
import { engineModule } from '../engine-modules';

export interface SageMakerBlueprintDefinition {
  readonly name: string;
  readonly description: string;
  readonly spec: DeploymentSpecInput;
  /** SageMaker-only choices: shadow model, monitored features, model registry. */
  readonly endpointOptions?: EndpointOptions;
}

/** A blueprint whose three engines render one SageMaker endpoint. */
export function sageMakerBlueprint(definition: SageMakerBlueprintDefinition): Blueprint & { readonly endpointOptions: EndpointOptions } {
  const endpointOptions = definition.endpointOptions ?? {};
  return {
    name: definition.name,
    description: definition.description,
    spec: definition.spec,
    endpointOptions,
    renderCdk: (app: CdkApp, context: BlueprintContext) => {
      const { SageMakerEndpointStack } = engineModule('cdk/sagemaker-endpoint-stack');
      return new SageMakerEndpointStack(app, context.name, { context, endpointOptions });
    },
    renderTerraform: (app: TerraformApp, context: BlueprintContext) => {
      const { SageMakerEndpointTerraformStack } = engineModule('terraform/sagemaker-endpoint-stack');
      return new SageMakerEndpointTerraformStack(app, context.name, { context, endpointOptions });
    },
    renderPulumi: (context: BlueprintContext) => {
      const { renderSageMakerEndpointPulumi } = engineModule('pulumi/sagemaker-endpoint');
      renderSageMakerEndpointPulumi(context, endpointOptions);
    },
  };
}
