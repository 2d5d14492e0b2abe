/**
 * `DeploymentStack`: one CDK stack that deploys any deployment spec, whatever its target, with
 * everything the blueprints get: the spec validated and planned once, the target's constructs
 * (EKS + vLLM, SageMaker, Lambda real-time/batch/streaming), monitoring, tags and outputs, and the
 * security checks (cdk-nag AwsSolutions + the AWS Control Tower cfn-guard rules) on the app.
 *
 *   const app = new App();
 *   new DeploymentStack(app, 'chat', { spec: './chat.yaml' });
 */
import { Stack, Stage, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { llmEksDeploymentConfig } from '../../blueprints/eks/deployment-config';
import { REVIEW_ACCOUNT } from '../../blueprints/blueprint';
import { serverlessDeploymentConfig } from '../../lib/inference/deployment/config';
import type { DeploymentPlan } from '../../lib/plan/deployment-plan';
import type { DeploymentSpecInput, DeploymentSpec, TargetKind } from '../../lib/spec/types';
import { type DeploymentEnvironment, prepareSpecDeployment, reviewAvailabilityZones } from '../../lib/synth/spec-deployment';
import { addSecurityChecks, hasSecurityChecks } from '../../lib/validation/cdk-security';
import { GUARD_RULES_NOT_ADOPTED } from '../../lib/validation/security-policy';
import { addBatchScoring } from '../../stacks/cdk/batch-scoring-stack';
import { addLlmEksDeployment } from '../../stacks/cdk/llm-eks-stack';
import { addSageMakerEndpoint } from '../../stacks/cdk/sagemaker-endpoint-stack';
import { addServerlessOnnx } from '../../stacks/cdk/serverless-onnx-stack';
import { addStreamingInference } from '../../stacks/cdk/streaming-inference-stack';

export interface DeploymentStackProps extends Omit<StackProps, 'env'> {
  /** The deployment spec, or the path of a YAML or JSON spec file. */
  readonly spec: DeploymentSpecInput | string;
  /**
   * Account and region. The region must be the spec's: the plan chose instance types and prices there.
   * @default - account: CDK_DEFAULT_ACCOUNT (set by the CDK CLI), else the review placeholder
   *   `123456789012` (synthesizes offline, cannot be deployed); region: the spec's `region`
   */
  readonly env?: DeploymentEnvironment;
  /**
   * Register cdk-nag AwsSolutions and the Control Tower cfn-guard rules (minus the two the project does not
   * adopt, see `GUARD_RULES_NOT_ADOPTED`) on the app, as the blueprints do; a finding then fails synth.
   * Skipped when the app already has them (`addSecurityChecks`).
   * @default true
   */
  readonly securityChecks?: boolean;
}

/** What each target adds to the stack: the same functions the blueprint stacks use. */
const TARGETS: Partial<Record<TargetKind, (stack: Stack, context: BlueprintContext) => unknown>> = {
  eks: (stack, context) => addLlmEksDeployment(stack, llmEksDeploymentConfig(context)),
  sagemaker: (stack, context) => addSageMakerEndpoint(stack, context),
  lambda: (stack, context) => addServerlessOnnx(stack, serverlessDeploymentConfig(context.plan, context.env)),
  batch: (stack, context) => addBatchScoring(stack, serverlessDeploymentConfig(context.plan, context.env)),
  streaming: (stack, context) => addStreamingInference(stack, serverlessDeploymentConfig(context.plan, context.env)),
};

export class DeploymentStack extends Stack {
  /** The validated spec, with defaults applied. */
  public readonly spec: DeploymentSpec;
  /** The plan every resource of the stack was sized from (instance type, replicas, cost). */
  public readonly plan: DeploymentPlan;

  constructor(scope: Construct, id: string, props: DeploymentStackProps) {
    const { spec: specOrPath, env, securityChecks, ...stackProps } = props;
    const deployment = prepareSpecDeployment(specOrPath, env);
    const { context } = deployment;
    const spec = context.plan.spec;
    super(scope, id, {
      ...stackProps,
      env: context.env,
      description: stackProps.description ?? `${spec.description ?? spec.name} (ai-model-deployment, ${spec.target.kind})`,
    });
    this.spec = spec;
    this.plan = context.plan;
    this.provideReviewAvailabilityZones();
    const render = TARGETS[deployment.kind];
    if (render === undefined) throw new Error(`${deployment.source}: target '${deployment.kind}' has no CDK renderer`);
    render(this, context);
    const stage = Stage.of(this);
    if ((securityChecks ?? true) && stage && !hasSecurityChecks(stage)) {
      addSecurityChecks(stage, { cfnGuard: true, disabledGuardRules: Object.keys(GUARD_RULES_NOT_ADOPTED) });
    }
  }

  /**
   * The review account has no zones to look up: give it placeholder ones, so that a new VPC synthesizes
   * offline without a cdk.context.json. Context already set by the app (cdk.context.json, `-c`) wins.
   */
  private provideReviewAvailabilityZones(): void {
    if (this.account !== REVIEW_ACCOUNT) return;
    const key = `availability-zones:account=${this.account}:region=${this.region}`;
    if (this.node.tryGetContext(key) === undefined) this.node.setContext(key, reviewAvailabilityZones(this.region));
  }
}
