/**
 * A CDK app that deploys many models: one platform stack (VPC, keys, buckets, the shared GPU EKS cluster)
 * and as many model stacks as the models need, each model placed by `layoutModelStacks` so that no
 * template comes near CloudFormation's 500-resource or 1 MB limits.
 *
 *   const app = new App();
 *   addMultiModelApp(app, { name: 'fleet', region: 'us-east-1', models: [chatSpec, rankerSpec, ...] });
 *
 * Model stacks depend on the platform stack (deployed first) and read it only through its named exports.
 */
import type { Stage } from 'aws-cdk-lib';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { InputValidationError, type InputProblem } from '../../lib/errors';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { estimatedModelFootprint } from '../../lib/synth/model-footprint';
import { type DeploymentEnvironment, prepareSpecDeployment } from '../../lib/synth/spec-deployment';
import { type ModelStackAssignment, type StackBudget, layoutModelStacks } from '../../lib/synth/stack-layout';
import { addSecurityChecks, hasSecurityChecks } from '../../lib/validation/cdk-security';
import { GUARD_RULES_NOT_ADOPTED } from '../../lib/validation/security-policy';
import { ModelPlatformStack } from './model-platform-stack';
import { ModelStack } from './model-stack';

export interface MultiModelAppProps {
  /** Names the stacks (`<name>-platform`, `<name>-models-<n>`), the shared cluster and its model bucket. */
  readonly name: string;
  /** Region of every stack; each model spec's region must be this one. */
  readonly region: string;
  /** @default - CDK_DEFAULT_ACCOUNT when set, else the review placeholder `123456789012` */
  readonly account?: string;
  /** The model deployments, in a stable order (append new ones at the end: earlier ones keep their stack). */
  readonly models: readonly DeploymentSpecInput[];
  /**
   * The spec the shared cluster's default GPU NodePool is planned from (its `name` is replaced by `name`).
   * @default - Llama 3.1 8B Instruct on vLLM with Karpenter, as the `llm-eks` blueprint
   */
  readonly clusterSpec?: DeploymentSpecInput;
  /** @default DEFAULT_STACK_BUDGET (80 % of each CloudFormation quota) */
  readonly budget?: StackBudget;
  /**
   * Register cdk-nag AwsSolutions and the Control Tower cfn-guard rules (minus `GUARD_RULES_NOT_ADOPTED`) on
   * the app, as `DeploymentStack` does; a finding then fails synth. Skipped when the app already has them.
   * cfn-guard costs about 25 s for a two-model app on a 2-core machine: the scale benchmark turns it off.
   * @default true
   */
  readonly securityChecks?: boolean;
}

/** What {@link addMultiModelApp} created. */
export interface MultiModelApp {
  readonly platform: ModelPlatformStack;
  readonly modelStacks: readonly ModelStack[];
  readonly layout: readonly ModelStackAssignment[];
}

/** Kinds of target the model stacks render. */
const MODEL_TARGETS = ['sagemaker', 'eks'] as const;

function defaultClusterSpec(name: string, region: string): DeploymentSpecInput {
  return {
    name,
    description: `Shared GPU cluster ${name}`,
    region,
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct' },
    runtime: { engine: 'vllm' },
    target: { kind: 'eks', capacity: 'karpenter' },
    traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 4 },
  } as DeploymentSpecInput;
}

/**
 * Plans every model, lays them out over model stacks and adds the platform and model stacks to `app`.
 * @throws InputValidationError listing every model that the shared platform cannot hold
 */
export function addMultiModelApp(app: Stage, props: MultiModelAppProps): MultiModelApp {
  const env: DeploymentEnvironment = { account: props.account, region: props.region };
  const clusterSpec = { ...(props.clusterSpec ?? defaultClusterSpec(props.name, props.region)), name: props.name } as DeploymentSpecInput;
  const cluster = prepareSpecDeployment(clusterSpec, env).context;
  const clusterCapacity = cluster.plan.spec.target.kind === 'eks' ? (cluster.plan.spec.target.capacity ?? 'karpenter') : undefined;
  const contexts = props.models.map((spec) => prepareSpecDeployment(spec, env).context);
  checkModelsFitPlatform(props.name, contexts, clusterCapacity);

  const platform = new ModelPlatformStack(app, `${props.name}-platform`, { cluster });
  const layout = layoutModelStacks(contexts.map(estimatedModelFootprint), { budget: props.budget });
  const byName = new Map(contexts.map((c) => [c.name, c]));
  const modelStacks = layout.map((assignment) => {
    const stack = new ModelStack(app, `${props.name}-models-${assignment.index + 1}`, {
      platform: platform.names,
      deployments: assignment.deployments.map((name) => byName.get(name)!),
      description: `Models ${assignment.deployments[0]}..${assignment.deployments.at(-1)} of ${props.name} (ai-model-deployment)`,
    });
    stack.addStackDependency(platform, 'model stacks import the platform stack\'s exports');
    return stack;
  });
  if ((props.securityChecks ?? true) && !hasSecurityChecks(app)) {
    addSecurityChecks(app, { cfnGuard: true, disabledGuardRules: Object.keys(GUARD_RULES_NOT_ADOPTED) });
  }
  return { platform, modelStacks, layout };
}

function checkModelsFitPlatform(appName: string, contexts: readonly BlueprintContext[], clusterCapacity: string | undefined): void {
  const problems: InputProblem[] = [];
  contexts.forEach((c, i) => {
    const spec = c.plan.spec;
    const target = spec.target;
    if (!(MODEL_TARGETS as readonly string[]).includes(target.kind)) {
      problems.push({ field: `models[${i}].target.kind`, value: target.kind, message: `'${c.name}': a multi-model app holds SageMaker endpoints and vLLM services on EKS`, fix: `use target kind ${MODEL_TARGETS.join(' or ')}, or deploy it with DeploymentStack` });
      return;
    }
    if (target.kind !== 'eks') return;
    const capacity = target.capacity ?? 'karpenter';
    if (capacity !== clusterCapacity) {
      problems.push({ field: `models[${i}].target.capacity`, value: capacity, message: `'${c.name}' differs from the shared cluster's capacity ('${clusterCapacity}')`, fix: `set target.capacity: ${clusterCapacity}` });
    }
    if ((c.plan.llm?.nodes ?? 1) > 1) {
      problems.push({ field: `models[${i}].model.id`, value: spec.model.id, message: `'${c.name}' needs ${c.plan.llm?.nodes} nodes per replica (LeaderWorkerSet), which the shared cluster does not install`, fix: 'pick a model or accelerator that fits one node, or deploy it on its own cluster (DeploymentStack)' });
    }
    if (spec.model.artifact?.huggingFaceTokenSecret !== undefined) {
      problems.push({ field: `models[${i}].model.artifact.huggingFaceTokenSecret`, value: spec.model.artifact.huggingFaceTokenSecret, message: `'${c.name}': the shared cluster's External Secrets Operator may read only the models' generated API keys`, fix: 'upload the checkpoint to the platform\'s model bucket, or deploy it with DeploymentStack' });
    }
  });
  if (problems.length > 0) throw new InputValidationError(`Multi-model app '${appName}'`, problems);
}
