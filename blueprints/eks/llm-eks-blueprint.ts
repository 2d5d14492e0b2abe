/**
 * One shape for every `llm-eks*` blueprint: a spec, and the same deployment config rendered by the CDK
 * stack, the cdktf stack, the Pulumi program and as plain Kubernetes objects.
 */
import { deploymentKubeObjects } from '../../lib/eks/deployment-config';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { LlmEksStack } from '../../stacks/cdk/llm-eks-stack';
import { llmEksPulumiProgram } from '../../stacks/pulumi/llm-eks';
import { LlmEksTerraformStack } from '../../stacks/terraform/llm-eks-stack';
import type { Blueprint } from '../blueprint';
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
    renderCdk: (app, context) => new LlmEksStack(app, context.name, { env: context.env, config: llmEksDeploymentConfig(context, extras) }),
    renderTerraform: (app, context) => new LlmEksTerraformStack(app, context.name, { config: llmEksDeploymentConfig(context, extras) }),
    renderPulumi: (context) => {
      llmEksPulumiProgram(llmEksDeploymentConfig(context, extras));
    },
    kubernetesObjects: (context) => deploymentKubeObjects(llmEksDeploymentConfig(context, extras)),
  };
}
