/**
 * Reads a deployment spec from a YAML or JSON file: the one loader behind `aimd ... --spec`,
 * `cdk -c spec=`, Pulumi's `aimd:spec` and the library constructs that take a path.
 * Returns the spec as written (validation and defaults come from resolveDeploymentSpec), and keeps the
 * parsed document so that every later problem can name the line and column of its field.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { InputProblem } from '../errors';
import { SpecFileError, type LocatedProblem } from './spec-file-error';
import type { DeploymentSpecInput } from './types';

/** A spec read from disk, with where it came from (for error messages). */
export interface LoadedSpecFile {
  readonly path: string;
  /** The spec as written, without the editor-only `$schema` key. */
  readonly spec: DeploymentSpecInput;
  /**
   * Pins problems (field paths such as `runtime.lora.adapters[0].uri`) to the line and column where the
   * field is written; a missing field points at its parent mapping.
   */
  locate(problems: readonly InputProblem[]): LocatedProblem[];
}

/** `runtime.lora.adapters[0].name` -> ['runtime', 'lora', 'adapters', 0, 'name']; undefined for labels such as `(spec)`. */
export function fieldPath(field: string): Array<string | number> | undefined {
  if (!/^[A-Za-z$_][\w$-]*(\.[A-Za-z$_][\w$-]*|\[\d+\])*$/.test(field)) return undefined;
  return field.split(/\.|(?=\[)/).map((part) => (part.startsWith('[') ? Number(part.slice(1, -1)) : part));
}

/**
 * Offset in the text where a field is written: its scalar value (or its key, for `atKey` and for
 * mappings and lists), else the closest parent that is written.
 */
function offsetOf(doc: Document, field: string, atKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const key of fieldPath(field) ?? []) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === key);
      if (!pair) break;
      const keyStart = (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
      offset = !atKey && isScalar(node) && node.range ? node.range[0] : keyStart;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

/**
 * Parses spec text (YAML is a superset of JSON, so one parser reads both).
 * @param path where the text came from, named in every problem
 * @throws SpecFileError with the line and column of each syntax error
 */
export function parseSpecText(text: string, path: string): LoadedSpecFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, lineCounter });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: path, line, column: col };
  };
  if (doc.errors.length > 0) {
    throw new SpecFileError(path, doc.errors.map((e) => ({
      ...at(e.pos[0]),
      field: '(syntax)',
      value: text.slice(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)).split('\n')[0],
      message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
      fix: 'fix the YAML/JSON syntax at that position',
    })));
  }
  // An unknown field is pointed at by its key; other problems by their value. Sorted as they appear.
  const locate = (problems: readonly InputProblem[]): LocatedProblem[] => problems
    .map((p) => ({ ...at(offsetOf(doc, p.field, p.message === 'is not a known field')), ...p }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
  const spec = doc.toJS() as unknown;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new SpecFileError(path, locate([{ field: '(root)', value: spec, message: 'must be a mapping with name, model, runtime and target', fix: 'write the spec as a YAML mapping or a JSON object' }]));
  }
  // `$schema` only tells editors where the JSON Schema is.
  const { $schema: _editorSchema, ...rest } = spec as Record<string, unknown>;
  return { path, spec: rest as unknown as DeploymentSpecInput, locate };
}

/**
 * Reads and parses a spec file. A relative `model.configPath` is read from the spec file's folder.
 * @throws InputValidationError (a {@link SpecFileError}) naming the file, and the line and column of each syntax error
 */
export function loadSpecFile(path: string): LoadedSpecFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SpecFileError(path, [{ file: path, line: 1, column: 1, field: '(file)', value: path, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, fix: 'check the path' }]);
  }
  const file = parseSpecText(text, path);
  // A Hugging Face config.json named by a relative path sits next to the spec, wherever aimd runs from.
  const configPath = file.spec.model?.configPath;
  if (typeof configPath !== 'string' || isAbsolute(configPath)) return file;
  return { ...file, spec: { ...file.spec, model: { ...file.spec.model, configPath: join(dirname(path), configPath) } } };
}
