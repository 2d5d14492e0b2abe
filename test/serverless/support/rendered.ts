/** Lookups in rendered blueprints (CloudFormation, Terraform JSON, recorded Pulumi resources). */
import * as pulumi from '@pulumi/pulumi';
import type { Blueprint } from '../../../blueprints/blueprint';
import { contextFor } from '../../../lib/synth/context';
import type { RenderedBlueprint } from '../../../lib/synth/render-blueprint';
import { capturePulumiProgram } from '../../../lib/validation/pulumi-mocks';

type Json = Record<string, any>;

export function cfn(rendered: RenderedBlueprint, type: string): Json[] {
  return Object.values(rendered.cdk.template.Resources as Record<string, Json>).filter((r) => r.Type === type);
}

export function cfnProps(rendered: RenderedBlueprint, type: string): Json[] {
  return cfn(rendered, type).map((r) => r.Properties as Json);
}

export function tf(rendered: RenderedBlueprint, type: string): Json[] {
  return Object.values((rendered.terraform.json.resource?.[type] ?? {}) as Record<string, Json>);
}

export function pulumiInputs(rendered: RenderedBlueprint, type: string): Json[] {
  return rendered.pulumi.resources.filter((r) => r.type === type).map((r) => r.inputs as Json);
}

/** Deserialises a CloudFormation property that CDK wrote as a string or an Fn::Join of literals. */
export function cfnString(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(join[0]);
  return JSON.stringify(value);
}

/**
 * Names of the Pulumi resources the blueprint registers with `retainOnDelete` (kept by `pulumi destroy`).
 * The validation harness does not record resource options, so this reads them off the registration requests.
 */
export async function pulumiRetainedResources(blueprint: Blueprint): Promise<{ type: string; name: string }[]> {
  const retained: { type: string; name: string }[] = [];
  const context = contextFor(blueprint);
  await capturePulumiProgram(() => {
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: any, cb: unknown): unknown };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
      if (req.getRetainondelete?.()) retained.push({ type: req.getType(), name: req.getName() });
      return register(req, cb);
    };
    return blueprint.renderPulumi(context);
  }, { stack: blueprint.name });
  return retained;
}
