/**
 * A blueprint: a named deployment spec plus its renderers for the three engines. `aimd synth` renders
 * every blueprint for every engine; users instantiate the same stacks/components in their own code.
 */
import type { App as CdkApp, Stack as CdkStack } from 'aws-cdk-lib';
import type { App as TerraformApp, TerraformStack } from 'cdktf';
import type { KubeObject } from '../lib/kubernetes/types';
import type { DeploymentPlan, PlanSummary } from '../lib/plan/deployment-plan';
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

export type BlueprintEngine = 'cdk' | 'terraform' | 'pulumi' | 'kubernetes';

/** Whether a blueprint renders on an engine (every engine unless its `engines` say otherwise). */
export function rendersOn(blueprint: Pick<Blueprint, 'engines'>, engine: BlueprintEngine): boolean {
  return blueprint.engines === undefined || blueprint.engines.includes(engine);
}

export interface Blueprint {
  /** Stable name (a CLI and `out/` contract), e.g. `llm-eks`. */
  readonly name: string;
  /** One line for the review table and `aimd blueprints`. */
  readonly description: string;
  /** The deployment spec the blueprint deploys. */
  readonly spec: DeploymentSpecInput;
  /**
   * Engines that render the blueprint; `aimd synth` skips the others (CDK synthesizes CloudFormation, AWS only).
   * @default - every engine
   */
  readonly engines?: readonly BlueprintEngine[];
  /** Adds the blueprint's CDK stack to the app and returns it (throws for blueprints whose `engines` leave CDK out). */
  renderCdk(app: CdkApp, context: BlueprintContext): CdkStack;
  /** Adds the blueprint's Terraform stack to the cdktf app and returns it. */
  renderTerraform(app: TerraformApp, context: BlueprintContext): TerraformStack;
  /** Registers the blueprint's Pulumi resources in the running program (under mocks for `aimd synth`). */
  renderPulumi(context: BlueprintContext): void | Promise<void>;
  /**
   * The summary `aimd synth`, `aimd docs` and the budget show, when the blueprint deploys more than its spec (a platform
   * of many models: the total of every deployment, with `parts`). @default - the spec's plan summary
   */
  planSummary?(context: BlueprintContext): PlanSummary;
  /** Plain Kubernetes objects for GitOps (`out/kubernetes/<name>/`), when the blueprint has any. */
  kubernetesObjects?(context: BlueprintContext): readonly KubeObject[];
}
