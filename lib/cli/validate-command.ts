/**
 * `aimd validate --spec <file|folder>`: validates and plans each spec file without loading any engine,
 * one line per spec; every problem with its file, line and column. Exit 0 when every spec deploys as
 * written, 2 when one has invalid input, 1 when one is valid but no configuration serves it.
 */
import { checkSpecFile, type CheckedSpec } from '../spec/check-spec';
import { formatLocatedProblem, SpecFileError } from '../spec/spec-file-error';
import { parseFlags, type CommandSpec } from './args';
import { checkedSpecLine, formatSpecErrors, specFilesOf } from './spec-paths';
import { InputValidationError } from '../errors';

export const VALIDATE_COMMAND: CommandSpec = {
  name: 'validate',
  summary: 'Validate and plan deployment spec files (YAML or JSON): every problem with its file, line and column.',
  usage: 'aimd validate --spec <file|folder> [--spec <file|folder>]... [--environment <name>] [--json]',
  flags: [
    { name: 'spec', type: 'string', value: '<file|folder>', multiple: true, description: 'Spec file, or a folder of *.yaml / *.yml / *.json specs (repeatable).' },
    { name: 'environment', type: 'string', value: '<name>', description: 'Validate each spec for this environment of the spec: its overrides applied; a production environment refuses floating model versions (docs/environments.md).' },
    { name: 'json', type: 'boolean', description: 'Print one JSON object per spec (file, name, valid, plan summary or problems).' },
  ],
  examples: ['aimd validate --spec my-model.yaml', 'aimd validate --spec examples/specs', 'aimd validate --spec examples/specs/fraud-onnx-environments.yaml --environment prod'],
};

/** What a spec command prints: results on stdout, problems on stderr. */
export interface SpecCommandResult {
  readonly output: string;
  readonly errors?: string;
  readonly exitCode: number;
}

export function runValidate(argv: readonly string[]): SpecCommandResult {
  const values = parseFlags(VALIDATE_COMMAND, argv);
  const paths = (values.spec as string[] | undefined) ?? [];
  if (paths.length === 0) {
    throw new InputValidationError('aimd validate', [{ field: '--spec', value: undefined, message: 'is required', fix: 'pass --spec <file|folder>' }]);
  }
  const environment = values.environment as string | undefined;
  const files = specFilesOf(paths);
  const lines: string[] = [];
  const warnings: string[] = [];
  const failures: Array<{ file: string; error: Error }> = [];
  const json: object[] = [];
  // Specs deployed together must not share a name: it is the stack name on every engine.
  const byName = new Map<string, string>();
  const fail = (file: string, error: SpecFileError) => {
    failures.push({ file, error });
    lines.push(`${error.infeasible ? 'NOFIT' : 'FAIL '} ${file}  ${error.located.length} problem(s)`);
    json.push({ file, valid: false, infeasible: error.infeasible, problems: error.located });
  };
  for (const file of files) {
    let result: CheckedSpec;
    try {
      result = checkSpecFile(file, environment);
    } catch (error) {
      if (!(error instanceof SpecFileError)) throw error;
      fail(file, error);
      continue;
    }
    const spec = result.plan.spec;
    const other = byName.get(spec.name);
    if (other !== undefined) {
      fail(file, new SpecFileError(file, result.file.locate([{ field: 'name', value: spec.name, message: `is also the name of ${other}; the name is the stack name on every engine`, fix: 'give each spec its own name' }])));
      continue;
    }
    byName.set(spec.name, file);
    lines.push(`ok    ${file}  ${checkedSpecLine(result)}`);
    const located = result.file.locate(result.warnings);
    warnings.push(...located.map((w) => `warning: ${formatLocatedProblem(w)}`));
    json.push({ file, name: spec.name, valid: true, target: spec.target.kind, runtime: spec.runtime.engine, plan: result.plan.summary,
      ...(result.environment && { environment: result.environment }), ...(located.length > 0 && { warnings: located }) });
  }
  const exitCode = failures.some((f) => !(f.error as SpecFileError).infeasible) ? 2 : failures.length > 0 ? 1 : 0;
  return {
    output: values.json === true ? JSON.stringify(json, null, 2) : lines.join('\n'),
    ...((failures.length > 0 || warnings.length > 0) && { errors: [...warnings, ...(failures.length > 0 ? [formatSpecErrors(failures)] : [])].join('\n') }),
    exitCode,
  };
}
