/**
 * Runs the CloudFormation schema validation on everything a CDK app synthesizes: each stack's template
 * and each nested stack's template.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CfnElement, Stack, Stage } from 'aws-cdk-lib';
import { validateCloudFormationTemplate } from './cloudformation-schema';
import { synthesizeStage } from './private/stage-assembly';
import { ValidationFinding } from './types';

/**
 * The parts of a synthesized cloud assembly this module reads. Both `app.synth()`'s result
 * (`aws-cdk-lib/cx-api` CloudAssembly) and `@aws-cdk/cloud-assembly-api`'s satisfy it.
 */
export interface SynthesizedAssembly {
  /** The assembly's output directory (nested stack templates are files there). */
  readonly directory: string;
  /** Every stack, including those of nested stages. */
  readonly stacksRecursively: ReadonlyArray<{ readonly hierarchicalId: string; readonly template: unknown }>;
}

/**
 * Validates the synthesized templates of the given stacks (synthesizing their stage once per process,
 * shared with `synthWithSecurityChecks`) or of a whole assembly, nested stacks included. Security-plugin
 * violations do not stop it: the assembly CDK wrote before throwing is read instead.
 *
 * Findings name `<stack hierarchical id>/<logical id>`.
 */
export function validateCdkStacks(stacksOrAssembly: readonly Stack[] | SynthesizedAssembly): ValidationFinding[] {
  const findings: ValidationFinding[] = [];
  if (isStackList(stacksOrAssembly)) {
    for (const stack of stacksOrAssembly) {
      const { assembly, failure } = synthesizeStage(Stage.of(stack)!);
      if (!assembly) throw failure;
      const artifact = assembly.getStackArtifact(stack.artifactId);
      findings.push(...validateCloudFormationTemplate(artifact.template, { stackName: artifact.hierarchicalId, constructPaths: constructPathsOf(stack) }));
      findings.push(...validateNestedTemplates(assembly.directory, nestedTemplatesOf(stack)));
    }
    return findings;
  }
  for (const artifact of stacksOrAssembly.stacksRecursively) {
    findings.push(...validateCloudFormationTemplate(artifact.template as object, { stackName: artifact.hierarchicalId }));
  }
  const nested = fs.readdirSync(stacksOrAssembly.directory).filter((file) => file.endsWith('.nested.template.json'));
  findings.push(...validateNestedTemplates(stacksOrAssembly.directory, nested));
  return findings;
}

function isStackList(value: readonly Stack[] | SynthesizedAssembly): value is readonly Stack[] {
  return Array.isArray(value);
}

/** Logical id -> construct path for the resources of `stack` itself (not of its nested stacks). */
function constructPathsOf(stack: Stack): Map<string, string> {
  const paths = new Map<string, string>();
  for (const child of stack.node.findAll()) {
    if (CfnElement.isCfnElement(child) && child.stack === stack) paths.set(stack.resolve(child.logicalId) as string, child.node.path);
  }
  return paths;
}

/** File names of the nested stack templates below `stack` (CDK writes them as `<id>.nested.template.json`). */
function nestedTemplatesOf(stack: Stack): string[] {
  return stack.node
    .findAll()
    .filter((child): child is Stack => Stack.isStack(child) && child !== stack && child.nested)
    .map((nested) => nested.templateFile);
}

function validateNestedTemplates(directory: string, files: readonly string[]): ValidationFinding[] {
  return files.flatMap((file) => {
    const full = path.join(directory, file);
    if (!fs.existsSync(full)) return [];
    const template = JSON.parse(fs.readFileSync(full, 'utf-8')) as object;
    return validateCloudFormationTemplate(template, { stackName: file.replace(/\.nested\.template\.json$/, '') });
  });
}
