/**
 * One shape for `llm-aks*` blueprints: a spec whose target is `aks`, rendered by the cdktf stack and the
 * Pulumi program from the same {@link llmAksDesign}. CDK is AWS-only: `renderCdk` refuses with the fix.
 * Each engine's module is loaded only when that engine renders (see ../engine-modules.ts).
 */
import { llmAksDesign } from '../../lib/azure/llm-aks-design';
import { llmAksKubeObjects } from '../../lib/azure/llm-aks-objects';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import type { Blueprint } from '../blueprint';
import { cdkIsAwsOnly } from '../cdk-refusal';
import { engineModule } from '../engine-modules';

export interface LlmAksBlueprintDefinition {
  readonly name: string;
  readonly description: string;
  /** Its `name` must equal the blueprint name (it names the stack, cluster and objects); `target.kind` is `aks`. */
  readonly spec: DeploymentSpecInput;
}

export function llmAksBlueprint(definition: LlmAksBlueprintDefinition): Blueprint {
  const { name, description, spec } = definition;
  return {
    name,
    description,
    spec,
    engines: ['terraform', 'pulumi', 'kubernetes'],
    renderCdk: () => {
      throw cdkIsAwsOnly(name, 'Azure (AKS)', ['terraform', 'pulumi', 'kubernetes']);
    },
    renderTerraform: (app, context) => {
      const { LlmAksTerraformStack } = engineModule('terraform/llm-aks-stack');
      return new LlmAksTerraformStack(app, context.name, { design: llmAksDesign(context), plan: context.plan });
    },
    renderPulumi: (context) => {
      const { llmAksPulumiProgram } = engineModule('pulumi/llm-aks');
      llmAksPulumiProgram(llmAksDesign(context), context.plan);
    },
    kubernetesObjects: (context) => llmAksKubeObjects(llmAksDesign(context), context.plan),
  };
}
