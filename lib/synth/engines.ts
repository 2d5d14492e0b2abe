/**
 * Runs each engine over a set of planned blueprints and validates what it produced. Shared by
 * `aimd synth` (all blueprints, written to `out/`) and the tests (one blueprint, in memory).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App as CdkApp } from 'aws-cdk-lib';
import { App as TerraformApp, TerraformStack } from 'cdktf';
import { rendersOn, type Blueprint, type BlueprintContext } from '../../blueprints/blueprint';
import type { KubeObject } from '../kubernetes/types';
import { validateCloudFormationTemplate } from '../validation/cloudformation-schema';
import { CDK_FEATURE_FLAGS } from './cdk-feature-flags';
import { configureStateBackend } from './terraform-backend';
import { cloudOfTarget } from '../spec/targets';
import { committedCdkContext } from './project-files';
import { GUARD_RULES_NOT_ADOPTED } from '../validation/security-policy';
import { addSecurityChecks, synthWithSecurityChecks } from '../validation/cdk-security';
import { validateKubernetesObjects } from '../validation/kubernetes';
import { capturePulumiProgram, validatePulumiResources, type RecordedPulumiResource } from '../validation/pulumi-mocks';
import { validateTerraformJson } from '../validation/terraform';
import { gcpResourcesOfPulumi, gcpResourcesOfTerraform, gcpSecurityFindings } from '../validation/gcp-security';
import { azureSecurityOfPulumi, azureSecurityOfTerraform } from '../validation/clouds/azure-rules';
import { deployabilityOfCloudFormation, deployabilityOfKubernetes, deployabilityOfPulumi, deployabilityOfTerraform } from '../validation/deployability';
import type { ValidationFinding } from '../validation/types';
import { managedCloudFindingsOfPulumi, managedCloudFindingsOfTerraform } from '../validation/clouds/managed-rules';

export interface CdkOutput {
  /**
   * CloudFormation template per stack: the blueprint's own (stack name = blueprint name) and any companion
   * stack it renders, named `<blueprint>-<suffix>` (e.g. the standby region's `<blueprint>-standby`).
   */
  readonly templates: ReadonlyMap<string, Record<string, any>>;
  /** Names of the stacks each blueprint rendered, its own first. */
  readonly stacksOf: ReadonlyMap<string, readonly string[]>;
  readonly findings: ReadonlyMap<string, ValidationFinding[]>;
}

export interface CdkSynthOptions {
  /** Cloud assembly directory. @default - a temporary directory, removed afterwards */
  readonly outdir?: string;
  /** Bundle Lambda code with esbuild (slow; off in tests). @default true */
  readonly bundling?: boolean;
  /** Run cdk-nag and cfn-guard. @default true */
  readonly securityChecks?: boolean;
  /** With the security checks, also run cfn-guard's Control Tower rules (about 14 s per app). @default true */
  readonly cfnGuard?: boolean;
  /**
   * Also run aws-cdk-lib's built-in template validation (`@aws/cloudformation-validate`, about 9 s of CPU per
   * app; it only warns). Our own schema check (validateCloudFormationTemplate) runs either way. @default true
   */
  readonly builtinValidation?: boolean;
}

/** The blueprint a stack belongs to: its own name, or the longest blueprint name it extends with `-<suffix>` (companion stacks). */
function blueprintOfStack(stackName: string, names: readonly string[]): string | undefined {
  if (names.includes(stackName)) return stackName;
  return names.filter((n) => stackName.startsWith(`${n}-`)).sort((a, b) => b.length - a.length)[0];
}

/** Attributes a finding to the blueprint whose stack it names (`<stack>/...` paths or logical ids). */
function blueprintOf(finding: ValidationFinding, names: readonly string[]): string | undefined {
  const stack = finding.resource.replace(/^\//, '').split('/')[0]!;
  return blueprintOfStack(stack, names) ?? (names.length === 1 ? names[0] : undefined);
}

function group(findings: readonly ValidationFinding[], names: readonly string[]): Map<string, ValidationFinding[]> {
  const out = new Map<string, ValidationFinding[]>(names.map((n) => [n, []]));
  for (const f of findings) {
    const name = blueprintOf(f, names) ?? names[0]!;
    out.get(name)!.push(f);
  }
  return out;
}

/** Renders every blueprint into one CDK app, synthesizes it with the security checks, validates templates. */
export function synthCdk(blueprints: readonly Blueprint[], contexts: readonly BlueprintContext[], options: CdkSynthOptions = {}): CdkOutput {
  const outdir = options.outdir ?? mkdtempSync(join(tmpdir(), 'aimd-cdk-'));
  try {
    const context: Record<string, unknown> = { ...committedCdkContext(), ...CDK_FEATURE_FLAGS, ...(options.bundling === false ? { 'aws:cdk:bundling-stacks': [] } : {}) };
    const app = new CdkApp({ outdir, context, builtinCloudFormationValidation: options.builtinValidation ?? true });
    blueprints.forEach((bp, i) => bp.renderCdk(app, contexts[i]!));
    const names = blueprints.map((b) => b.name);
    if (options.securityChecks ?? true) addSecurityChecks(app, { cfnGuard: options.cfnGuard ?? true, disabledGuardRules: Object.keys(GUARD_RULES_NOT_ADOPTED) });
    const { assembly, findings } = synthWithSecurityChecks(app);
    const templates = new Map<string, Record<string, any>>();
    const stacksOf = new Map<string, string[]>(names.map((n) => [n, []]));
    const all: ValidationFinding[] = [...findings];
    // Every stack of the assembly is validated, companions (another region's stack) included.
    const artifacts = [...(assembly?.stacks ?? [])].sort((a, b) => a.stackName.length - b.stackName.length);
    for (const artifact of artifacts) {
      const name = artifact.stackName;
      const owner = blueprintOfStack(name, names);
      if (owner === undefined) continue;
      stacksOf.get(owner)!.push(name);
      templates.set(name, artifact.template);
      all.push(...validateCloudFormationTemplate(artifact.template, { stackName: name }).map((f) => ({ ...f, resource: `${name}/${f.resource}` })));
      // Valid is not deployable: schedulability, lifecycle, exposure and observability of what the stack does.
      all.push(...deployabilityOfCloudFormation(artifact.template).map((f) => ({ ...f, resource: `${name}/${f.resource}` })));
    }
    return { templates, stacksOf, findings: group(all, names) };
  } finally {
    if (options.outdir === undefined) rmSync(outdir, { recursive: true, force: true });
  }
}

export interface TerraformOutput {
  /** `cdk.tf.json` content per stack: the blueprint's own (named like it) and its companions (e.g. `<blueprint>-standby`). */
  readonly stacks: ReadonlyMap<string, Record<string, any>>;
  /** Names of the stacks each blueprint rendered, its own first. */
  readonly stacksOf: ReadonlyMap<string, readonly string[]>;
  readonly findings: ReadonlyMap<string, ValidationFinding[]>;
}

export interface TerraformSynthOptions {
  /**
   * Copy each stack's folder (cdk.tf.json and the `assets/` it references, e.g. Lambda archives) to
   * `<copyTo>/<stack>/`, ready for `terraform -chdir=<copyTo>/<stack> apply`.
   * @default - nothing is kept on disk
   */
  readonly copyTo?: string;
}

/** Renders every blueprint into one cdktf app and returns each stack's Terraform JSON. */
export function synthTerraform(blueprints: readonly Blueprint[], contexts: readonly BlueprintContext[], options: TerraformSynthOptions = {}): TerraformOutput {
  const outdir = mkdtempSync(join(tmpdir(), 'aimd-tf-'));
  try {
    const app = new TerraformApp({ outdir, skipValidation: false });
    // Blueprints without a Terraform rendering (no maintained provider) are left out, not failed.
    const rendered = blueprints.map((bp, i) => [bp, contexts[i]!] as const).filter(([bp]) => rendersOn(bp, 'terraform'));
    blueprints = rendered.map(([bp]) => bp);
    contexts = rendered.map(([, c]) => c);
    const stacksOf = new Map<string, string[]>();
    blueprints.forEach((bp, i) => {
      const before = new Set(app.node.children);
      const stack = bp.renderTerraform(app, contexts[i]!);
      // A blueprint may add companion stacks (the standby region's deployment): each gets its own state key.
      const companions = app.node.children.filter((c): c is TerraformStack => !before.has(c) && c !== stack && TerraformStack.isStack(c));
      // Companions are AWS stacks (standby regions); the blueprint's own stack keeps its state in its target's cloud.
      configureStateBackend(stack, { stackName: stack.node.id, account: contexts[i]!.env.account, region: contexts[i]!.env.region, cloud: cloudOfTarget(contexts[i]!.plan.spec.target) });
      for (const s of companions) configureStateBackend(s, { stackName: s.node.id, account: contexts[i]!.env.account, region: contexts[i]!.env.region });
      stacksOf.set(bp.name, [bp.name, ...companions.map((s) => s.node.id)]);
    });
    app.synth();
    const stacks = new Map<string, Record<string, any>>();
    const findings = new Map<string, ValidationFinding[]>();
    for (const bp of blueprints) {
      const found: ValidationFinding[] = [];
      for (const stackName of stacksOf.get(bp.name)!) {
        const stackDir = join(outdir, 'stacks', stackName);
        const json = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
        stacks.set(stackName, json);
        if (options.copyTo !== undefined) cpSync(stackDir, join(options.copyTo, stackName), { recursive: true });
        found.push(...validateTerraformJson(json, stackName), ...deployabilityOfTerraform(json), ...managedCloudFindingsOfTerraform(json), ...gcpSecurityFindings(gcpResourcesOfTerraform(json, stackName)), ...azureSecurityOfTerraform(json, stackName));
      }
      findings.set(bp.name, found);
    }
    return { stacks, stacksOf, findings };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export interface PulumiOutput {
  readonly resources: readonly RecordedPulumiResource[];
  readonly findings: ValidationFinding[];
}

/** Runs one blueprint's Pulumi program under mocks: a preview without a cloud. */
export async function synthPulumi(blueprint: Blueprint, context: BlueprintContext): Promise<PulumiOutput> {
  const resources = await capturePulumiProgram(() => blueprint.renderPulumi(context), { project: 'ai-model-deployment', stack: blueprint.name });
  return { resources, findings: [...validatePulumiResources(resources), ...deployabilityOfPulumi(resources), ...managedCloudFindingsOfPulumi(resources), ...gcpSecurityFindings(gcpResourcesOfPulumi(resources)), ...azureSecurityOfPulumi(resources)] };
}

export interface KubernetesOutput {
  readonly objects: ReadonlyMap<string, readonly KubeObject[]>;
  readonly findings: ReadonlyMap<string, ValidationFinding[]>;
}

/** Builds every blueprint's plain manifests and validates them all in one schema-worker run. */
export function synthKubernetes(blueprints: readonly Blueprint[], contexts: readonly BlueprintContext[]): KubernetesOutput {
  const objects = new Map<string, readonly KubeObject[]>();
  const findings = new Map<string, ValidationFinding[]>();
  blueprints.forEach((bp, i) => {
    const built = bp.kubernetesObjects?.(contexts[i]!) ?? [];
    objects.set(bp.name, built);
    findings.set(bp.name, built.length > 0 ? [...validateKubernetesObjects(built), ...deployabilityOfKubernetes(built)] : []);
  });
  return { objects, findings };
}
