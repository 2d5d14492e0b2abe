/**
 * Problems of a spec file, each pinned to where it is written: `<file>:<line>:<col> <field> (<value>):
 * <message>. Fix: <fix>`, the way compilers report, so that editors and terminals jump to the spot.
 */
import { formatProblems, InputValidationError, type InputProblem } from '../errors';

/** One problem with the line and column (1-based) of the field it is about. */
export interface LocatedProblem extends InputProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** `file:line:col field (value): message. Fix: fix`. */
export function formatLocatedProblem(problem: LocatedProblem): string {
  return `${problem.file}:${problem.line}:${problem.column} ${formatProblems([problem]).replace(/^- /, '')}`;
}

/**
 * Thrown when a spec file cannot be deployed as written; lists every problem with its position.
 * An {@link InputValidationError} (exit code 2), unless `infeasible`: a valid spec no instance can serve
 * (exit code 1, like `aimd plan`).
 */
export class SpecFileError extends InputValidationError {
  public readonly file: string;
  public readonly located: readonly LocatedProblem[];
  /** True when the spec is valid but the planner found no configuration that serves it. */
  public readonly infeasible: boolean;

  constructor(file: string, located: readonly LocatedProblem[], infeasible = false) {
    super(`Spec file ${file}`, located);
    this.name = 'SpecFileError';
    this.file = file;
    this.located = located;
    this.infeasible = infeasible;
    const noun = located.length === 1 ? 'problem' : 'problems';
    this.message = `${file} has ${located.length} ${noun}:\n${located.map(formatLocatedProblem).join('\n')}`;
  }
}
