/**
 * What the managed-platform rules share: reading resources of either engine (Terraform JSON, recorded
 * Pulumi resources) into one list, and turning rule problems into findings, with written exceptions
 * reported as warnings that quote their reason.
 */
import type { RecordedPulumiResource } from '../pulumi-mocks';
import type { FindingEngine, ValidationFinding } from '../types';

/** A resource of either engine: its Terraform type or Pulumi type token, address and properties. */
export interface EngineResource {
  readonly engine: FindingEngine;
  readonly type: string;
  readonly address: string;
  readonly props: Record<string, any>;
}

/** A problem a rule found on one resource. */
export interface RuleProblem {
  readonly rule: string;
  readonly address: string;
  readonly message: string;
  /** A value the exception list may match (e.g. the role granted). */
  readonly subject?: string;
}

/** An accepted deviation, with the reason a reviewer reads. */
export interface RuleException {
  readonly rule: string;
  /** Matched against the problem's `subject`. */
  readonly subject: string;
  readonly reason: string;
}

export function terraformResources(json: Record<string, any>): EngineResource[] {
  const out: EngineResource[] = [];
  for (const [type, byName] of Object.entries((json.resource ?? {}) as Record<string, Record<string, any>>)) {
    for (const [name, props] of Object.entries(byName)) out.push({ engine: 'terraform', type, address: `${type}.${name}`, props });
  }
  return out;
}

export function pulumiResources(resources: readonly RecordedPulumiResource[]): EngineResource[] {
  return resources.filter((r) => r.custom).map((r) => ({ engine: 'pulumi', type: r.type, address: r.urn ?? r.name, props: r.inputs }));
}

/** Findings of the problems: errors, or warnings quoting the exception that accepts them. */
export function findingsOf(problems: readonly RuleProblem[], resources: readonly EngineResource[], exceptions: readonly RuleException[]): ValidationFinding[] {
  return problems.map((p) => {
    const engine = resources.find((r) => r.address === p.address)?.engine ?? 'terraform';
    const accepted = exceptions.find((e) => e.rule === p.rule && e.subject === p.subject);
    return accepted
      ? { engine, resource: p.address, rule: p.rule, severity: 'warning' as const, message: `${p.message} (accepted: ${accepted.reason})` }
      : { engine, resource: p.address, rule: p.rule, severity: 'error' as const, message: p.message };
  });
}
