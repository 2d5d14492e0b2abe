/**
 * Renders one blueprint on every engine in memory and validates each output: the helper every
 * blueprint test uses (once per blueprint, shared by all its assertions).
 */
import { rendersOn, type Blueprint } from '../../blueprints/blueprint';
import type { KubeObject } from '../kubernetes/types';
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { RecordedPulumiResource } from '../validation/pulumi-mocks';
import type { ValidationFinding } from '../validation/types';
import { contextFor } from './context';
import { synthCdk, synthKubernetes, synthPulumi, synthTerraform } from './engines';

export interface RenderedBlueprint {
  readonly name: string;
  readonly plan: DeploymentPlan;
  /** `template`: the blueprint's stack (`{}` for blueprints of other clouds, which CDK does not render); `stacks`: every stack it rendered by name (e.g. `<name>-standby` in the standby region). */
  readonly cdk: { readonly template: Record<string, any>; readonly stacks: ReadonlyMap<string, Record<string, any>> };
  /** `json`: the blueprint's stack; `stacks`: every stack it rendered by name (e.g. `<name>-standby`). */
  readonly terraform: { readonly json: Record<string, any>; readonly stacks: ReadonlyMap<string, Record<string, any>> };
  readonly pulumi: { readonly resources: readonly RecordedPulumiResource[] };
  readonly kubernetes: readonly KubeObject[];
  /** Findings of every engine's validation (schema, cdk-nag, cfn-guard, Kubernetes, Terraform, Pulumi). */
  readonly findings: readonly ValidationFinding[];
}

export interface RenderOptions {
  /** Run cdk-nag on the CDK stack. @default true */
  readonly securityChecks?: boolean;
  /**
   * Also run cfn-guard's rules and aws-cdk-lib's built-in template validation: about 20 s of CPU per app, mostly a
   * fixed cost, so the suite runs cfn-guard once over every blueprint in one app
   * (test/validation/every-blueprint-policy-plugins) and `aimd synth` runs both on every render. @default false
   */
  readonly policyPlugins?: boolean;
}

/** Renders and validates one blueprint on CDK, cdktf, Pulumi and plain Kubernetes. */
export async function renderBlueprint(blueprint: Blueprint, options: RenderOptions = {}): Promise<RenderedBlueprint> {
  const context = contextFor(blueprint);
  const plugins = options.policyPlugins ?? false;
  const onCdk = rendersOn(blueprint, 'cdk');
  const cdk = onCdk
    ? synthCdk([blueprint], [context], { bundling: false, securityChecks: options.securityChecks ?? true, cfnGuard: plugins, builtinValidation: plugins })
    : { templates: new Map<string, Record<string, any>>([[blueprint.name, {}]]), stacksOf: new Map<string, readonly string[]>([[blueprint.name, []]]), findings: new Map() };
  const terraform = synthTerraform([blueprint], [context]);
  const pulumi = await synthPulumi(blueprint, context);
  const kubernetes = synthKubernetes([blueprint], [context]);
  const name = blueprint.name;
  const template = cdk.templates.get(name);
  if (!template) throw new Error(`CDK app of blueprint '${name}' has no stack named '${name}'`);
  return {
    name,
    plan: context.plan,
    cdk: { template, stacks: new Map((cdk.stacksOf.get(name) ?? []).map((s) => [s, cdk.templates.get(s)!])) },
    terraform: { json: terraform.stacks.get(name) ?? {}, stacks: new Map((terraform.stacksOf.get(name) ?? []).map((s) => [s, terraform.stacks.get(s)!])) },
    pulumi: { resources: pulumi.resources },
    kubernetes: kubernetes.objects.get(name) ?? [],
    findings: [
      ...(cdk.findings.get(name) ?? []),
      ...(terraform.findings.get(name) ?? []),
      ...pulumi.findings,
      ...(kubernetes.findings.get(name) ?? []),
    ],
  };
}
