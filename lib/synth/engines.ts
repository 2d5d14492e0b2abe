/**
 * Runs each engine over a set of planned blueprints and validates what it produced. Shared by
 * `aimd synth` (all blueprints, written to `out/`) and the tests (one blueprint, in memory).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App as CdkApp } from 'aws-cdk-lib';
import { App as TerraformApp } from 'cdktf';
import type { Blueprint, BlueprintContext } from '../../blueprints/blueprint';
import type { KubeObject } from '../kubernetes/types';
import { validateCloudFormationTemplate } from '../validation/cloudformation-schema';
import { CDK_FEATURE_FLAGS } from './cdk-feature-flags';
import { configureStateBackend } from './terraform-backend';
import { committedCdkContext } from './project-files';
import { GUARD_RULES_NOT_ADOPTED } from '../validation/security-policy';
import { addSecurityChecks, synthWithSecurityChecks } from '../validation/cdk-security';
import { validateKubernetesObjects } from '../validation/kubernetes';
import { capturePulumiProgram, validatePulumiResources, type RecordedPulumiResource } from '../validation/pulumi-mocks';
import { validateTerraformJson } from '../validation/terraform';
import { deployabilityOfCloudFormation, deployabilityOfKubernetes, deployabilityOfPulumi, deployabilityOfTerraform } from '../validation/deployability';
import type { ValidationFinding } from '../validation/types';

export interface CdkOutput {
  /** CloudFormation template per blueprint (stack name = blueprint name). */
  readonly templates: ReadonlyMap<string, Record<string, any>>;
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

/** Attributes a finding to the blueprint whose stack it names (`<stack>/...` paths or logical ids). */
function blueprintOf(finding: ValidationFinding, names: readonly string[]): string | undefined {
  const path = finding.resource.replace(/^\//, '');
  return names.find((n) => path === n || path.startsWith(`${n}/`)) ?? (names.length === 1 ? names[0] : undefined);
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
    const all: ValidationFinding[] = [...findings];
    for (const name of names) {
      const artifact = assembly?.stacks.find((s) => s.stackName === name);
      if (!artifact) continue;
      templates.set(name, artifact.template);
      all.push(...validateCloudFormationTemplate(artifact.template, { stackName: name }).map((f) => ({ ...f, resource: `${name}/${f.resource}` })));
      // Valid is not deployable: schedulability, lifecycle, exposure and observability of what the stack does.
      all.push(...deployabilityOfCloudFormation(artifact.template).map((f) => ({ ...f, resource: `${name}/${f.resource}` })));
    }
    return { templates, findings: group(all, names) };
  } finally {
    if (options.outdir === undefined) rmSync(outdir, { recursive: true, force: true });
  }
}

export interface TerraformOutput {
  /** `cdk.tf.json` content per blueprint. */
  readonly stacks: ReadonlyMap<string, Record<string, any>>;
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
    const rendered = blueprints.map((bp, i) => [bp, contexts[i]!] as const).filter(([bp]) => bp.terraformUnavailable === undefined);
    blueprints = rendered.map(([bp]) => bp);
    contexts = rendered.map(([, c]) => c);
    blueprints.forEach((bp, i) => {
      const stack = bp.renderTerraform(app, contexts[i]!);
      configureStateBackend(stack, { stackName: bp.name, account: contexts[i]!.env.account, region: contexts[i]!.env.region });
    });
    app.synth();
    const stacks = new Map<string, Record<string, any>>();
    const findings = new Map<string, ValidationFinding[]>();
    for (const bp of blueprints) {
      const stackDir = join(outdir, 'stacks', bp.name);
      const json = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
      stacks.set(bp.name, json);
      if (options.copyTo !== undefined) cpSync(stackDir, join(options.copyTo, bp.name), { recursive: true });
      findings.set(bp.name, [...validateTerraformJson(json, bp.name), ...deployabilityOfTerraform(json)]);
    }
    return { stacks, findings };
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
  return { resources, findings: [...validatePulumiResources(resources), ...deployabilityOfPulumi(resources)] };
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
