/**
 * A blueprint: a named deployment spec plus its renderers for the three engines. `aimd synth` renders
 * every blueprint for every engine; users instantiate the same stacks/components in their own code.
 */
import type { App as CdkApp, Stack as CdkStack } from 'aws-cdk-lib';
import type { App as TerraformApp, TerraformStack } from 'cdktf';
import type { KubeObject } from '../lib/kubernetes/types';
import type { DeploymentPlan } from '../lib/plan/deployment-plan';
import type { DeploymentSpecInput } from '../lib/spec/types';

/** The AWS account and region a blueprint is rendered for. */
export interface BlueprintEnvironment {
  /** 12-digit account id; `aimd synth` uses {@link REVIEW_ACCOUNT} unless CDK_DEFAULT_ACCOUNT is set. */
  readonly account: string;
  readonly region: string;
}

/**
 * Placeholder account used to synthesize for review without credentials. Its availability zones are
 * recorded in cdk.context.json so that synthesis stays offline.
 */
export const REVIEW_ACCOUNT = '123456789012';

/** Everything a renderer needs: the validated spec and the plan, decided once for all engines. */
export interface BlueprintContext {
  /** The blueprint's name; also the stack name on every engine. */
  readonly name: string;
  readonly plan: DeploymentPlan;
  readonly env: BlueprintEnvironment;
}

export interface Blueprint {
  /** Stable name (a CLI and `out/` contract), e.g. `llm-eks`. */
  readonly name: string;
  /** One line for the review table and `aimd blueprints`. */
  readonly description: string;
  /** The deployment spec the blueprint deploys. */
  readonly spec: DeploymentSpecInput;
  /** Adds the blueprint's CDK stack to the app and returns it. */
  renderCdk(app: CdkApp, context: BlueprintContext): CdkStack;
  /**
   * Why the blueprint has no Terraform rendering, when it has none: `aimd synth` skips it on Terraform and
   * `renderTerraform` throws this reason. @default - rendered on Terraform
   */
  readonly terraformUnavailable?: string;
  /** Adds the blueprint's Terraform stack to the cdktf app and returns it. */
  renderTerraform(app: TerraformApp, context: BlueprintContext): TerraformStack;
  /** Registers the blueprint's Pulumi resources in the running program (under mocks for `aimd synth`). */
  renderPulumi(context: BlueprintContext): void | Promise<void>;
  /** Plain Kubernetes objects for GitOps (`out/kubernetes/<name>/`), when the blueprint has any. */
  kubernetesObjects?(context: BlueprintContext): readonly KubeObject[];
}
