/** The spec files a `--spec <file|folder>` flag names: a file as is, a folder's *.yaml, *.yml and *.json. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputValidationError, type InputProblem } from '../errors';
import type { CheckedSpec } from '../spec/check-spec';
import { formatLocatedProblem, SpecFileError } from '../spec/spec-file-error';
import type { PlanSummary } from '../plan/deployment-plan';
import { monthlyCostLabel } from '../plan/deployment-plan';

const SPEC_EXTENSION = /\.(ya?ml|json)$/i;

/**
 * Expands `--spec` values into files, in the order given (a folder's files sorted by name, not recursive).
 * @throws InputValidationError naming every path that is missing or a folder without spec files
 */
export function specFilesOf(paths: readonly string[]): string[] {
  const files: string[] = [];
  const problems: InputProblem[] = [];
  for (const path of paths) {
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      problems.push({ field: '--spec', value: path, message: 'does not exist', fix: 'give a spec file (.yaml, .yml, .json) or a folder of them' });
      continue;
    }
    if (!isFolder) {
      files.push(path);
      continue;
    }
    const inFolder = readdirSync(path).filter((name) => SPEC_EXTENSION.test(name)).sort().map((name) => join(path, name));
    if (inFolder.length === 0) problems.push({ field: '--spec', value: path, message: 'is a folder without .yaml, .yml or .json files', fix: 'point --spec at a spec file or a folder of spec files' });
    files.push(...inFolder);
  }
  if (problems.length > 0) throw new InputValidationError('--spec', problems);
  return [...new Set(files)];
}

/** `instance, parallelism, replicas, cost`: one line of a plan. */
export function planSummaryLine(summary: PlanSummary): string {
  const cost = summary.monthlyCostUsd !== null ? `$${monthlyCostLabel(summary)}/month` : monthlyCostLabel(summary);
  return `${summary.compute}, ${summary.parallelism === '-' ? 'no model parallelism' : summary.parallelism}, ${summary.replicas} replica(s), ${cost}`;
}

/** `<name>: <target>/<runtime>, <plan line>`. */
export function checkedSpecLine(checked: CheckedSpec): string {
  const spec = checked.plan.spec;
  return `${spec.name}: ${spec.target.kind}/${spec.runtime.engine}, ${planSummaryLine(checked.plan.summary)}`;
}

/** Problems of several spec files, one located line each (for errors that span files). */
export function formatSpecErrors(errors: ReadonlyArray<{ readonly file: string; readonly error: Error }>): string {
  return errors.map(({ file, error }) => (error instanceof SpecFileError ? error.located.map(formatLocatedProblem).join('\n') : `${file}: ${error.message}`)).join('\n');
}
