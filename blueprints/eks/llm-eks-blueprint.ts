/**
 * One shape for every `llm-eks*` blueprint: a spec, and the same deployment config rendered by the CDK
 * stack, the cdktf stack, the Pulumi program and as plain Kubernetes objects. Each engine's module is
 * loaded only when that engine renders (see ../engine-modules.ts).
 */
import { deploymentKubeObjects } from '../../lib/eks/deployment-config';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import type { Blueprint } from '../blueprint';
import { engineModule } from '../engine-modules';
import { type EksBlueprintExtras, llmEksDeploymentConfig } from './deployment-config';

export interface LlmEksBlueprintDefinition extends EksBlueprintExtras {
  readonly name: string;
  readonly description: string;
  /** Its `name` must equal the blueprint name (it names the stack, cluster and objects). */
  readonly spec: DeploymentSpecInput;
}

export function llmEksBlueprint(definition: LlmEksBlueprintDefinition): Blueprint {
  const { name, description, spec, ...extras } = definition;
  return {
    name,
    description,
    spec,
    renderCdk: (app, context) => {
      const { LlmEksStack } = engineModule('cdk/llm-eks-stack');
      return new LlmEksStack(app, context.name, { env: context.env, config: llmEksDeploymentConfig(context, extras) });
    },
    renderTerraform: (app, context) => {
      const { LlmEksTerraformStack } = engineModule('terraform/llm-eks-stack');
      return new LlmEksTerraformStack(app, context.name, { config: llmEksDeploymentConfig(context, extras) });
    },
    renderPulumi: (context) => {
      const { llmEksPulumiProgram } = engineModule('pulumi/llm-eks');
      llmEksPulumiProgram(llmEksDeploymentConfig(context, extras));
    },
    kubernetesObjects: (context) => deploymentKubeObjects(llmEksDeploymentConfig(context, extras)),
  };
}
