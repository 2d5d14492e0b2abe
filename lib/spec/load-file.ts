/**
 * Reads a deployment spec from a YAML or JSON file: the one loader behind `aimd ... --spec`,
 * `cdk -c spec=`, Pulumi's `aimd:spec` and the library constructs that take a path.
 * Returns the spec as written (validation and defaults come from resolveDeploymentSpec).
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { InputValidationError } from '../errors';
import type { DeploymentSpecInput } from './types';

/** A spec read from disk, with where it came from (for error messages). */
export interface LoadedSpecFile {
  readonly path: string;
  readonly spec: DeploymentSpecInput;
}

/**
 * Parses a spec file (YAML is a superset of JSON, so one parser reads both).
 * @throws InputValidationError naming the file when it cannot be read or parsed
 */
export function loadSpecFile(path: string): LoadedSpecFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputValidationError(`Spec file ${path}`, [{ field: '(file)', value: path, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, fix: 'check the path' }]);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new InputValidationError(`Spec file ${path}`, doc.errors.map((e) => ({
      field: '(syntax)', value: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : path, message: e.message.split('\n')[0]!, fix: 'fix the YAML/JSON syntax at that position',
    })));
  }
  const spec = doc.toJS() as unknown;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new InputValidationError(`Spec file ${path}`, [{ field: '(root)', value: spec, message: 'must be a mapping with name, model, runtime and target', fix: 'write the spec as a YAML mapping or a JSON object' }]);
  }
  return { path, spec: spec as DeploymentSpecInput };
}
