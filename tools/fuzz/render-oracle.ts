/**
 * The second half of the oracle, for a sample of accepted specs: what the engines render from them
 * passes our own validation (lib/validation: Kubernetes schemas and CRDs, CloudFormation schema, cdk-nag,
 * Terraform and Pulumi checks, the deployability checks). Rendering costs 0.3 s (plain Kubernetes
 * objects) to several seconds per engine, so the runner does it for a few cases per run only.
 * Engines are loaded on first use, so that a run without rendering never imports them.
 */
import type { Blueprint, BlueprintContext } from '../../blueprints/blueprint';
import type { ValidationFinding } from '../../lib/validation/types';

export type RenderEngine = 'kubernetes' | 'cdk' | 'terraform' | 'pulumi';

/** Error findings of one engine's output, or the error the renderer threw. */
export interface RenderResult {
  readonly engine: RenderEngine;
  readonly errors: readonly ValidationFinding[];
  readonly crash?: string;
  readonly seconds: number;
}

/** Renders one accepted blueprint with one engine and validates the output. */
export async function renderAndValidate(blueprint: Blueprint, context: BlueprintContext, engine: RenderEngine): Promise<RenderResult> {
  const started = Date.now();
  const done = (errors: readonly ValidationFinding[], crash?: string): RenderResult => ({ engine, errors, crash, seconds: (Date.now() - started) / 1000 });
  try {
    const engines = await import('../../lib/synth/engines');
    let findings: readonly ValidationFinding[];
    switch (engine) {
      case 'kubernetes':
        findings = engines.synthKubernetes([blueprint], [context]).findings.get(blueprint.name) ?? [];
        break;
      case 'cdk':
        // cdk-nag and the CloudFormation schema and deployability checks; cfn-guard (14 s) is left to `aimd synth`.
        findings = engines.synthCdk([blueprint], [context], { bundling: false, securityChecks: true, cfnGuard: false }).findings.get(blueprint.name) ?? [];
        break;
      case 'terraform':
        findings = engines.synthTerraform([blueprint], [context]).findings.get(blueprint.name) ?? [];
        break;
      case 'pulumi':
        findings = (await engines.synthPulumi(blueprint, context)).findings;
        break;
    }
    return done(findings.filter((f) => f.severity === 'error'));
  } catch (error) {
    const e = error as Error;
    return done([], `${e?.name}: ${e?.message}\n${(e?.stack ?? '').split('\n').slice(1, 6).join('\n')}`);
  }
}

/** One line for the report: the first findings of a failed render. */
export function renderFailure(result: RenderResult): string | undefined {
  if (result.crash) return `${result.engine} render crashed: ${result.crash}`;
  if (result.errors.length === 0) return undefined;
  return `${result.engine} output has ${result.errors.length} validation error(s): ${result.errors.slice(0, 3).map((f) => `${f.resource}: ${f.rule}: ${f.message}`).join(' | ')}`;
}
