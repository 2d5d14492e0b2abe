/**
 * Errors that are part of the interface: each names the field, the offending value and the fix, and a
 * validator collects every problem before throwing once.
 */

/** One problem with user input. */
export interface InputProblem {
  /** Dotted path of the field, e.g. `runtime.gpuMemoryUtilization` or a CLI flag `--max-model-len`. */
  readonly field: string;
  /** The offending value (as given). */
  readonly value: unknown;
  /** What is wrong. */
  readonly message: string;
  /** What to change. */
  readonly fix: string;
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  // One line per problem: control characters are escaped, and a long string is cut like any other value.
  if (typeof value === 'string') {
    const text = /[\u0000-\u001f\u007f]/.test(value) ? JSON.stringify(value).slice(1, -1) : value;
    return `'${text.length > 80 ? `${text.slice(0, 77)}...` : text}'`;
  }
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/** One line per problem: `- field (value): message. Fix: ...`. */
export function formatProblems(problems: readonly InputProblem[]): string {
  // A message that quotes an OS error or a user's string may hold a line break: keep one line per problem.
  const line = (text: string) => String(text).replace(/\s*[\r\n]+\s*/g, ' ');
  return problems.map((p) => `- ${line(p.field)} (${show(p.value)}): ${line(p.message)}. Fix: ${line(p.fix)}`).join('\n');
}

/** Thrown when input (spec, props, CLI flags) is invalid; carries every problem found. */
export class InputValidationError extends Error {
  public readonly problems: readonly InputProblem[];
  constructor(subject: string, problems: readonly InputProblem[]) {
    const noun = problems.length === 1 ? 'problem' : 'problems';
    super(`${subject} has ${problems.length} ${noun}:\n${formatProblems(problems)}`);
    this.name = 'InputValidationError';
    this.problems = problems;
  }
}

/** Collects problems, then throws them all at once. */
export class ProblemCollector {
  private readonly problems: InputProblem[] = [];

  add(field: string, value: unknown, message: string, fix: string): void {
    this.problems.push({ field, value, message, fix });
  }

  /** Records a problem unless `ok`; returns `ok` so callers can skip dependent checks. */
  check(ok: boolean, field: string, value: unknown, message: string, fix: string): boolean {
    if (!ok) this.add(field, value, message, fix);
    return ok;
  }

  get count(): number {
    return this.problems.length;
  }

  list(): readonly InputProblem[] {
    return [...this.problems];
  }

  throwIfAny(subject: string): void {
    if (this.problems.length > 0) throw new InputValidationError(subject, this.problems);
  }
}

/** Thrown when a valid request cannot be served by anything in the catalogue. */
export class InfeasiblePlanError extends Error {
  /** Configurations that would work (flags or spec changes), best first. */
  public readonly suggestions: readonly string[];
  /**
   * When one fixed configuration was evaluated: its numbers as vLLM would compute them before refusing
   * to start (e.g. the KV-cache tokens that fall short of `max_model_len`).
   */
  public readonly evaluation?: object;
  constructor(message: string, suggestions: readonly string[] = [], evaluation?: object) {
    super(suggestions.length > 0 ? `${message}\nWhat would work:\n${suggestions.map((s) => `- ${s}`).join('\n')}` : message);
    this.name = 'InfeasiblePlanError';
    this.suggestions = suggestions;
    this.evaluation = evaluation;
  }
}
