/**
 * `Deployment`: one Pulumi component that deploys any deployment spec, whatever its target, with
 * everything the blueprints get: the spec validated and planned once, the target's components (network,
 * storage, model access included), monitoring, and an AWS provider in the spec's region. Every resource
 * is parented to it.
 *
 *   new Deployment('chat', { spec: './chat.yaml' });
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { llmEksDeploymentConfig } from '../../blueprints/eks/deployment-config';
import { serverlessDeploymentConfig } from '../../lib/inference/deployment/config';
import type { DeploymentPlan } from '../../lib/plan/deployment-plan';
import type { DeploymentSpecInput, DeploymentSpec, TargetKind } from '../../lib/spec/types';
import { prepareSpecDeployment } from '../../lib/synth/spec-deployment';
import { deploymentCostTags } from '../../lib/budgets/deployment-budget';
import { llmEksPulumiProgram } from '../../stacks/pulumi/llm-eks';
import { renderSageMakerEndpointPulumi } from '../../stacks/pulumi/sagemaker-endpoint';
import { renderBatchScoringPulumi, renderServerlessOnnxPulumi, renderStreamingInferencePulumi } from '../../stacks/pulumi/serverless-programs';

export interface DeploymentArgs {
  /** The deployment spec, or the path of a YAML or JSON spec file. */
  readonly spec: DeploymentSpecInput | string;
  /**
   * The AWS account deployed to: bucket names and key policies embed it.
   * @default - CDK_DEFAULT_ACCOUNT when set, else the review placeholder `123456789012`
   */
  readonly account?: string;
}

type Render = (context: BlueprintContext, opts: pulumi.ComponentResourceOptions) => unknown;

/** What each target registers: the same programs the blueprints run. */
const TARGETS: Partial<Record<TargetKind, Render>> = {
  eks: (context, opts) => llmEksPulumiProgram(llmEksDeploymentConfig(context), opts),
  sagemaker: (context, opts) => renderSageMakerEndpointPulumi(context, {}, opts),
  lambda: (context, opts) => renderServerlessOnnxPulumi(serverlessDeploymentConfig(context.plan, context.env), {}, opts),
  batch: (context, opts) => renderBatchScoringPulumi(serverlessDeploymentConfig(context.plan, context.env), {}, opts),
  streaming: (context, opts) => renderStreamingInferencePulumi(serverlessDeploymentConfig(context.plan, context.env), {}, opts),
};

export class Deployment extends pulumi.ComponentResource {
  /** The validated spec, with defaults applied. */
  public readonly spec: DeploymentSpec;
  /** The plan every resource was sized from. */
  public readonly plan: DeploymentPlan;

  constructor(name: string, args: DeploymentArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked and planned before anything is registered.
    const deployment = prepareSpecDeployment(args.spec, { account: args.account });
    const render = TARGETS[deployment.kind];
    if (render === undefined) throw new Error(`${deployment.source}: target '${deployment.kind}' has no Pulumi renderer`);
    super('aimd:index:Deployment', name, {}, opts);
    this.spec = deployment.context.plan.spec;
    this.plan = deployment.context.plan;
    // The plan's region, whatever `aws:region` says (the EKS program brings its own provider, same region).
    // Its default tags carry the deployment's cost-allocation tag, which scopes its budget (lib/budgets/deployment-budget.ts).
    const provider = new aws.Provider(`${name}-region`, {
      region: this.spec.region as aws.Region,
      defaultTags: { tags: { ...this.spec.tags, ...deploymentCostTags(this.spec.name), 'managed-by': 'ai-model-deployment' } },
    }, { parent: this });
    render(deployment.context, { parent: this, providers: { aws: provider } });
    this.registerOutputs({ plan: deployment.context.plan.summary });
  }
}
