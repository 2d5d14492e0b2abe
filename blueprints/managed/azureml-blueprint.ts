/** Builds an Azure ML blueprint: a spec rendered on cdktf and Pulumi (the CDK is AWS-only). */
import type { App as TerraformApp } from 'cdktf';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import type { Blueprint, BlueprintContext, BlueprintEngine } from '../blueprint';
import { engineModule } from '../engine-modules';
import { cdkIsAwsOnly } from '../cdk-refusal';

export interface AzureMlBlueprintDefinition {
  readonly name: string;
  readonly description: string;
  /** A spec whose target kind is `azureml`. */
  readonly spec: DeploymentSpecInput;
}

const ENGINES: readonly BlueprintEngine[] = ['terraform', 'pulumi'];

/** A blueprint whose cdktf stack and Pulumi program deploy one Azure ML managed online endpoint. */
export function azureMlBlueprint(definition: AzureMlBlueprintDefinition): Blueprint {
  return {
    ...definition,
    engines: ENGINES,
    renderCdk: () => {
      throw cdkIsAwsOnly(definition.name, 'Azure (Azure ML)', ENGINES);
    },
    renderTerraform: (app: TerraformApp, context: BlueprintContext) => {
      const { AzureMlOnlineEndpointTerraformStack } = engineModule('terraform/azureml-online-endpoint-stack');
      return new AzureMlOnlineEndpointTerraformStack(app, context.name, { context });
    },
    renderPulumi: (context: BlueprintContext) => {
      const { renderAzureMlOnlineEndpointPulumi } = engineModule('pulumi/azureml-online-endpoint');
      renderAzureMlOnlineEndpointPulumi(context);
    },
  };
}
