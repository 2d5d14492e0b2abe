/**
 * What every validator in the harness returns: a flat list of findings, so that `aimd synth` and the
 * tests can report all problems of all engines at once.
 */

/** The engine (or output format) a finding is about. */
export type FindingEngine = 'cdk' | 'terraform' | 'pulumi' | 'kubernetes';

export interface ValidationFinding {
  readonly engine: FindingEngine;
  /** Where: a CloudFormation logical id / construct path, a Terraform address, a Pulumi URN, or `Kind/namespace/name`. */
  readonly resource: string;
  /** Which check produced it, e.g. `cfn-schema/unknown-property`, `AwsSolutions-S1`, `k8s-schema`. */
  readonly rule: string;
  /** Errors fail `aimd synth` and the tests; warnings are reported only. */
  readonly severity: 'error' | 'warning';
  /** What is wrong, naming the property path and the offending value where there is one. */
  readonly message: string;
}

/** Findings that are errors. */
export function errorsOf(findings: readonly ValidationFinding[]): ValidationFinding[] {
  return findings.filter((f) => f.severity === 'error');
}

/** One line per finding, for error messages and the CLI. */
export function formatFindings(findings: readonly ValidationFinding[]): string {
  return findings.map((f) => `[${f.severity}] ${f.engine} ${f.resource}: ${f.rule}: ${f.message}`).join('\n');
}
