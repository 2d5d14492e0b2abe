/**
 * Errors the inference handler distinguishes: the caller's fault (400, names the field), the model's or the
 * platform's fault (500, says nothing about internals), and an artifact that is not the one we were told to
 * trust (a deployment error that fails the cold start).
 */

/** One problem with a request, e.g. `{ field: 'instances[2].petal_width', message: 'is required' }`. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** The request does not match the model's input schema; answered with HTTP 400. */
export class InvalidInputError extends Error {
  public readonly problems: readonly FieldProblem[];
  constructor(problems: readonly FieldProblem[]) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super(first ? `${first.field} ${first.message}${more}` : 'invalid input');
    this.name = 'InvalidInputError';
    this.problems = problems;
  }
}

/** Collects request problems up to a cap (a 10 MB payload of bad rows must not produce a 10 MB error). */
export class FieldProblemCollector {
  private readonly problems: FieldProblem[] = [];
  constructor(private readonly cap = 20) {}

  add(field: string, message: string): void {
    if (this.problems.length < this.cap) this.problems.push({ field, message });
  }

  get count(): number {
    return this.problems.length;
  }

  list(): readonly FieldProblem[] {
    return [...this.problems];
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new InvalidInputError(this.problems);
  }
}

/** The model could not score valid input (runtime failure, unsupported graph). Answered with HTTP 500. */
export class ModelExecutionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelExecutionError';
  }
}

/** The model artifact's SHA-256 is not the pinned one: never load it. */
export class ModelIntegrityError extends Error {
  constructor(
    public readonly location: string,
    public readonly expectedSha256: string,
    public readonly actualSha256: string,
  ) {
    super(`model artifact ${location} has SHA-256 ${actualSha256}, expected ${expectedSha256}; refusing to load it`);
    this.name = 'ModelIntegrityError';
  }
}

/** The handler's environment is incomplete or malformed (a deployment bug, reported at cold start). */
export class HandlerConfigurationError extends Error {
  constructor(public readonly problems: readonly FieldProblem[]) {
    super(`inference handler configuration is invalid:\n${problems.map((p) => `- ${p.field}: ${p.message}`).join('\n')}`);
    this.name = 'HandlerConfigurationError';
  }
}
