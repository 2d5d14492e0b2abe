/** Builds a Vertex AI blueprint: a spec rendered on cdktf and Pulumi (the CDK is AWS-only). */
import type { App as TerraformApp } from 'cdktf';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import type { Blueprint, BlueprintContext, BlueprintEngine } from '../blueprint';
import { engineModule } from '../engine-modules';
import { cdkIsAwsOnly } from '../cdk-refusal';

export interface VertexAiBlueprintDefinition {
  readonly name: string;
  readonly description: string;
  /** A spec whose target kind is `vertex-ai`. */
  readonly spec: DeploymentSpecInput;
}

const ENGINES: readonly BlueprintEngine[] = ['terraform', 'pulumi'];

/** A blueprint whose cdktf stack and Pulumi program deploy one private Vertex AI endpoint. */
export function vertexAiBlueprint(definition: VertexAiBlueprintDefinition): Blueprint {
  return {
    ...definition,
    engines: ENGINES,
    renderCdk: () => {
      throw cdkIsAwsOnly(definition.name, 'Google Cloud (Vertex AI)', ENGINES);
    },
    renderTerraform: (app: TerraformApp, context: BlueprintContext) => {
      const { VertexAiEndpointTerraformStack } = engineModule('terraform/vertex-ai-endpoint-stack');
      return new VertexAiEndpointTerraformStack(app, context.name, { context });
    },
    renderPulumi: (context: BlueprintContext) => {
      const { renderVertexAiEndpointPulumi } = engineModule('pulumi/vertex-ai-endpoint');
      renderVertexAiEndpointPulumi(context);
    },
  };
}
