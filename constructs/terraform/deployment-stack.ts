/**
 * `DeploymentStack`: one cdktf stack (AWS provider included) that deploys any deployment spec, whatever
 * its target, with everything the blueprints get: the spec validated and planned once, the target's
 * constructs, monitoring and outputs. `cdktf synth` (or `app.synth()`) writes plain Terraform JSON.
 *
 *   const app = new App();
 *   new DeploymentStack(app, 'chat', { spec: './chat.yaml' });
 *   app.synth();
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { llmEksDeploymentConfig } from '../../blueprints/eks/deployment-config';
import { serverlessDeploymentConfig } from '../../lib/inference/deployment/config';
import type { DeploymentPlan } from '../../lib/plan/deployment-plan';
import type { DeploymentSpecInput, DeploymentSpec, TargetKind } from '../../lib/spec/types';
import { prepareSpecDeployment } from '../../lib/synth/spec-deployment';
import { addBatchScoringTerraform } from '../../stacks/terraform/batch-scoring-stack';
import { addLlmEksTerraform } from '../../stacks/terraform/llm-eks-stack';
import { addSageMakerEndpointTerraform } from '../../stacks/terraform/sagemaker-endpoint-stack';
import { addServerlessOnnxTerraform } from '../../stacks/terraform/serverless-onnx-stack';
import { addStreamingInferenceTerraform } from '../../stacks/terraform/streaming-inference-stack';

export interface DeploymentStackProps {
  /** The deployment spec, or the path of a YAML or JSON spec file. */
  readonly spec: DeploymentSpecInput | string;
  /**
   * The AWS account deployed to: bucket names and key policies embed it, and the provider refuses others.
   * @default - CDK_DEFAULT_ACCOUNT when set, else the review placeholder `123456789012` (cannot be applied)
   */
  readonly account?: string;
}

/** What each target adds to the stack (provider included): the same functions the blueprint stacks use. */
const TARGETS: Partial<Record<TargetKind, (stack: TerraformStack, context: BlueprintContext) => unknown>> = {
  eks: (stack, context) => addLlmEksTerraform(stack, { config: llmEksDeploymentConfig(context) }),
  sagemaker: (stack, context) => addSageMakerEndpointTerraform(stack, { context }),
  lambda: (stack, context) => addServerlessOnnxTerraform(stack, { config: serverlessDeploymentConfig(context.plan, context.env) }),
  batch: (stack, context) => addBatchScoringTerraform(stack, { config: serverlessDeploymentConfig(context.plan, context.env) }),
  streaming: (stack, context) => addStreamingInferenceTerraform(stack, { config: serverlessDeploymentConfig(context.plan, context.env) }),
};

export class DeploymentStack extends TerraformStack {
  /** The validated spec, with defaults applied. */
  public readonly spec: DeploymentSpec;
  /** The plan every resource of the stack was sized from. */
  public readonly plan: DeploymentPlan;

  constructor(scope: Construct, id: string, props: DeploymentStackProps) {
    const deployment = prepareSpecDeployment(props.spec, { account: props.account });
    super(scope, id);
    this.spec = deployment.context.plan.spec;
    this.plan = deployment.context.plan;
    const render = TARGETS[deployment.kind];
    if (render === undefined) throw new Error(`${deployment.source}: target '${deployment.kind}' has no Terraform renderer`);
    render(this, deployment.context);
  }
}
