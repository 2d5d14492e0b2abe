/**
 * The blueprints of `aimd synth --spec`: each spec file is checked (validated and planned, every problem
 * of every file with its line and column) before any engine runs, then rendered by the renderers of its
 * target under its own name.
 */
import { blueprintForSpec } from '../../blueprints/from-spec';
import type { Blueprint } from '../../blueprints/blueprint';
import { checkSpecFile, type CheckedSpec } from '../spec/check-spec';
import { formatLocatedProblem, SpecFileError } from '../spec/spec-file-error';
import { formatSpecErrors, specFilesOf } from './spec-paths';

/**
 * Thrown when one or more spec files cannot be synthesized; the message lists every located problem.
 * `infeasible` (exit code 1) only when every failing spec is valid but unservable.
 */
export class SpecFilesError extends SpecFileError {
  constructor(failures: ReadonlyArray<{ file: string; error: SpecFileError }>) {
    super(failures.map((f) => f.file).join(', '), failures.flatMap(({ error }) => error.located), failures.every(({ error }) => error.infeasible));
    this.name = 'SpecFilesError';
    this.message = `${failures.length} spec file(s) cannot be synthesized:\n${formatSpecErrors(failures)}`;
  }
}

/**
 * Blueprints for the spec files (folders expanded).
 * @param taken names already used by blueprints in the same run (a stack name must be unique)
 * @param environment the environment every spec is rendered for (`<name>-<environment>`) @default - as written
 * @param warn told each located warning (floating model versions outside production) @default - ignored
 * @throws SpecFilesError listing every problem of every file
 */
export function specBlueprints(paths: readonly string[], taken: readonly string[] = [], environment?: string, warn: (line: string) => void = () => undefined): Blueprint[] {
  if (paths.length === 0) return [];
  const failures: Array<{ file: string; error: SpecFileError }> = [];
  const blueprints: Blueprint[] = [];
  const names = new Map<string, string>(taken.map((name) => [name, `blueprint ${name}`]));
  for (const file of specFilesOf(paths)) {
    let checked: CheckedSpec;
    try {
      checked = checkSpecFile(file, environment);
    } catch (error) {
      if (!(error instanceof SpecFileError)) throw error;
      failures.push({ file, error });
      continue;
    }
    const name = checked.plan.spec.name;
    const other = names.get(name);
    if (other !== undefined) {
      failures.push({ file, error: new SpecFileError(file, checked.file.locate([{ field: 'name', value: name, message: `is also the name of ${other}; it is the stack name on every engine`, fix: 'give each spec its own name' }])) });
      continue;
    }
    names.set(name, file);
    for (const warning of checked.file.locate(checked.warnings)) warn(`warning: ${formatLocatedProblem(warning)}`);
    blueprints.push(blueprintForSpec(checked.input, file));
  }
  if (failures.length > 0) throw new SpecFilesError(failures);
  return blueprints;
}
