/** What the workflow checks return: one finding per problem, naming the file, the place and the fix. */

export interface WorkflowFinding {
  /** Workflow file (or a label when checking an object in memory). */
  readonly file: string;
  /** JSON-pointer-like place inside the workflow, e.g. `/jobs/plan/steps/3/uses`. */
  readonly path: string;
  /** Which check, e.g. `schema/additionalProperties`, `pinned-action`, `unknown-context`. */
  readonly rule: string;
  readonly message: string;
}

/** One line per finding, for test failures and the CLI. */
export function formatWorkflowFindings(findings: readonly WorkflowFinding[]): string {
  return findings.map((f) => `${f.file}${f.path}: ${f.rule}: ${f.message}`).join('\n');
}
