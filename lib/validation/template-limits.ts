/**
 * Checks synthesized CloudFormation templates against CloudFormation's per-template quotas (resources,
 * outputs, parameters, template bytes), so that an app that grows past them fails at synth, not at deploy.
 * Pure: it reads template objects, from any engine or a cloud assembly directory.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLOUDFORMATION_TEMPLATE_QUOTAS } from '../synth/stack-layout';
import type { ValidationFinding } from './types';

/**
 * Parameters per template, from the same quotas page as {@link CLOUDFORMATION_TEMPLATE_QUOTAS} (AWS
 * CloudFormation User Guide, cloudformation-limits, read 2026-12-03): 200 parameters.
 */
export const CLOUDFORMATION_PARAMETER_QUOTA = 200;

/** Size and counts of one template, as CloudFormation counts them. */
export interface TemplateSize {
  readonly resources: number;
  readonly outputs: number;
  readonly parameters: number;
  /** Bytes of the template body as the CDK writes it (pretty-printed JSON; the CLI uploads it unchanged). */
  readonly templateBytes: number;
}

/** Counts a template's resources, outputs and parameters, and the bytes of its JSON body. */
export function templateSize(template: Record<string, any>, body?: string): TemplateSize {
  const count = (section: unknown) => (section && typeof section === 'object' ? Object.keys(section).length : 0);
  return {
    resources: count(template.Resources),
    outputs: count(template.Outputs),
    parameters: count(template.Parameters),
    templateBytes: Buffer.byteLength(body ?? JSON.stringify(template, undefined, 1), 'utf8'),
  };
}

/** One finding per quota a template passes (severity error), each with the count and the quota. */
export function templateLimitFindings(stackName: string, template: Record<string, any>, body?: string): ValidationFinding[] {
  const size = templateSize(template, body);
  const limits: Array<[keyof TemplateSize, number, string]> = [
    ['resources', CLOUDFORMATION_TEMPLATE_QUOTAS.resources, 'resources'],
    ['outputs', CLOUDFORMATION_TEMPLATE_QUOTAS.outputs, 'outputs'],
    ['parameters', CLOUDFORMATION_PARAMETER_QUOTA, 'parameters'],
    ['templateBytes', CLOUDFORMATION_TEMPLATE_QUOTAS.templateBytes, 'bytes'],
  ];
  return limits
    .filter(([field, quota]) => size[field] > quota)
    .map(([field, quota, unit]) => ({
      engine: 'cdk' as const,
      rule: `cfn-quota/template-${field}`,
      severity: 'error' as const,
      resource: stackName,
      message: `template has ${size[field]} ${unit}, CloudFormation accepts at most ${quota}: split the stack (layoutModelStacks) or move resources to another stack`,
    }));
}

/** Every `*.template.json` of a cloud assembly directory, by file name without the suffix. */
export function assemblyTemplates(assemblyDir: string): Map<string, { template: Record<string, any>; body: string }> {
  const templates = new Map<string, { template: Record<string, any>; body: string }>();
  for (const file of readdirSync(assemblyDir).filter((f) => f.endsWith('.template.json')).sort()) {
    const body = readFileSync(join(assemblyDir, file), 'utf8');
    templates.set(file.slice(0, -'.template.json'.length), { template: JSON.parse(body) as Record<string, any>, body });
  }
  return templates;
}

/** Quota findings of every template in a cloud assembly directory. */
export function assemblyTemplateLimitFindings(assemblyDir: string): ValidationFinding[] {
  return [...assemblyTemplates(assemblyDir)].flatMap(([name, { template, body }]) => templateLimitFindings(name, template, body));
}
