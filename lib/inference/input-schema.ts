/**
 * The model's declared input schema, and strict validation of request rows against it. Nothing is coerced:
 * a string where a number is declared, a row of the wrong length, a missing or an unknown feature are all
 * reported with the path of the offending field.
 */
import { FieldProblemCollector, ModelExecutionError } from './errors';

export type InputElementType = 'float32' | 'float64' | 'int32' | 'int64' | 'bool' | 'string';
const SUPPORTED_TYPES: readonly string[] = ['float32', 'float64', 'int32', 'int64', 'bool', 'string'];

/** One graph input: its per-row shape (the dimensions after the batch dimension). */
export interface TensorInputSpec {
  readonly name: string;
  readonly type: InputElementType;
  readonly rowShape: readonly number[];
  /** Values per row (product of `rowShape`). */
  readonly rowSize: number;
}

export interface InputSchema {
  readonly inputs: readonly TensorInputSpec[];
  /**
   * Names of the columns of a single `[batch, F]` input, from the model's `feature_names` metadata: rows may
   * then be objects keyed by feature name.
   */
  readonly featureNames?: readonly string[];
  /** Rows one model call accepts when the model fixes its batch dimension (e.g. exported with batch 1). */
  readonly fixedBatchSize?: number;
}

/** What ONNX Runtime reports about a graph input (a structural subset of `InferenceSession.ValueMetadata`). */
export interface DeclaredInput {
  readonly name: string;
  readonly isTensor: boolean;
  readonly type?: string;
  readonly shape?: readonly (number | string)[];
}

/** A validated row: the flat values of every input, in row-major order. */
export type RowValues = Readonly<Record<string, readonly (number | boolean | string)[]>>;

/**
 * Derives the schema from the model's declared inputs and its `feature_names` metadata (a JSON array).
 * @throws ModelExecutionError when the model has inputs the handler cannot feed from JSON
 */
export function deriveInputSchema(declared: readonly DeclaredInput[], metadata: Readonly<Record<string, string>>): InputSchema {
  const inputs: TensorInputSpec[] = [];
  let fixedBatchSize: number | undefined;
  for (const input of declared) {
    const shape = input.shape ?? [];
    if (!input.isTensor || !input.type || !SUPPORTED_TYPES.includes(input.type)) {
      throw new ModelExecutionError(`model input '${input.name}' has type ${input.type ?? 'non-tensor'}; supported: ${SUPPORTED_TYPES.join(', ')}`);
    }
    if (shape.length === 0) {
      throw new ModelExecutionError(`model input '${input.name}' has no batch dimension; export it with a leading batch axis`);
    }
    const rowShape = shape.slice(1);
    if (rowShape.some((d) => typeof d !== 'number' || d < 1)) {
      throw new ModelExecutionError(`model input '${input.name}' has symbolic dimensions after the batch axis (${JSON.stringify(shape)}); only the batch axis may vary`);
    }
    if (typeof shape[0] === 'number' && shape[0] > 0) fixedBatchSize = shape[0];
    const dims = rowShape as number[];
    inputs.push({ name: input.name, type: input.type as InputElementType, rowShape: dims, rowSize: dims.reduce((a, b) => a * b, 1) });
  }
  let featureNames: string[] | undefined;
  if (metadata.feature_names !== undefined) {
    const parsed: unknown = JSON.parse(metadata.feature_names);
    const only = inputs.length === 1 ? inputs[0] : undefined;
    if (!Array.isArray(parsed) || !parsed.every((n) => typeof n === 'string') || !only || only.rowShape.length !== 1 || only.rowSize !== parsed.length) {
      throw new ModelExecutionError('model metadata feature_names must be a JSON array naming every column of a single [batch, F] input');
    }
    featureNames = parsed as string[];
  }
  return { inputs, featureNames, fixedBatchSize };
}

/** Request limits enforced before any row is looked at. */
export interface RequestLimits {
  readonly maxRows: number;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return `string '${value.length > 20 ? `${value.slice(0, 17)}...` : value}'`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

const FLOAT32_MAX = 3.4028234663852886e38;

/** Checks one scalar against the element type; returns a problem message or undefined. */
function scalarProblem(type: InputElementType, value: unknown): string | undefined {
  switch (type) {
    case 'float32':
    case 'float64':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number (${type}), got ${describe(value)}`;
      if (type === 'float32' && Math.abs(value) > FLOAT32_MAX) return `is outside the float32 range, got ${value}`;
      return undefined;
    case 'int32':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) return `must be a 32-bit integer, got ${describe(value)}`;
      return undefined;
    case 'int64':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return `must be an integer within ±2^53 (int64), got ${describe(value)}`;
      return undefined;
    case 'bool':
      return typeof value === 'boolean' ? undefined : `must be true or false, got ${describe(value)}`;
    case 'string':
      return typeof value === 'string' ? undefined : `must be a string, got ${describe(value)}`;
  }
}

/** Flattens a nested array of the input's row shape, recording every mismatch with its path. */
function flattenTensor(spec: TensorInputSpec, value: unknown, field: string, problems: FieldProblemCollector): (number | boolean | string)[] {
  const out: (number | boolean | string)[] = [];
  // A per-row shape of [] or [1] may be given as a bare scalar: that is the value itself, not a coercion.
  if (spec.rowSize === 1 && !Array.isArray(value)) {
    const problem = scalarProblem(spec.type, value);
    if (problem) problems.add(field, problem);
    else out.push(value as number | boolean | string);
    return out;
  }
  const walk = (node: unknown, depth: number, path: string): void => {
    if (depth === spec.rowShape.length) {
      const problem = scalarProblem(spec.type, node);
      if (problem) problems.add(path, problem);
      else out.push(node as number | boolean | string);
      return;
    }
    const expected = spec.rowShape[depth];
    if (!Array.isArray(node) || node.length !== expected) {
      problems.add(path, `must be an array of ${expected} ${depth + 1 === spec.rowShape.length ? spec.type : 'arrays'} (shape ${JSON.stringify(spec.rowShape.slice(depth))}), got ${describe(node)}`);
      return;
    }
    node.forEach((child, i) => walk(child, depth + 1, `${path}[${i}]`));
  };
  walk(value, 0, field);
  return out;
}

function checkKeys(row: Record<string, unknown>, expected: readonly string[], field: string, what: string, problems: FieldProblemCollector): void {
  for (const name of expected) {
    if (!(name in row)) problems.add(`${field}.${name}`, 'is required');
  }
  for (const key of Object.keys(row)) {
    if (!expected.includes(key)) problems.add(`${field}.${key}`, `is not ${what} of this model (expected: ${expected.join(', ')})`);
  }
}

/** Validates one row (an object keyed by feature/input name, or an array for single-input models). */
export function validateRow(schema: InputSchema, row: unknown, field: string, problems: FieldProblemCollector): RowValues | undefined {
  const before = problems.count;
  const values: Record<string, (number | boolean | string)[]> = {};
  const single = schema.inputs.length === 1 ? schema.inputs[0] : undefined;
  if (Array.isArray(row)) {
    if (!single) {
      problems.add(field, `must be an object keyed by input name (${schema.inputs.map((i) => i.name).join(', ')}); this model has several inputs`);
      return undefined;
    }
    values[single.name] = flattenTensor(single, row, field, problems);
  } else if (typeof row === 'object' && row !== null) {
    const record = row as Record<string, unknown>;
    if (single && schema.featureNames) {
      const names = schema.featureNames;
      checkKeys(record, names, field, 'a feature', problems);
      const flat: (number | boolean | string)[] = [];
      for (const name of names) {
        if (!(name in record)) continue;
        const problem = scalarProblem(single.type, record[name]);
        if (problem) problems.add(`${field}.${name}`, problem);
        else flat.push(record[name] as number | boolean | string);
      }
      values[single.name] = flat;
    } else {
      checkKeys(record, schema.inputs.map((i) => i.name), field, 'an input', problems);
      for (const spec of schema.inputs) {
        if (spec.name in record) values[spec.name] = flattenTensor(spec, record[spec.name], `${field}.${spec.name}`, problems);
      }
    }
  } else {
    const form = single && schema.featureNames ? `an object with ${schema.featureNames.join(', ')} or an array of ${schema.featureNames.length} numbers` : 'an object or an array';
    problems.add(field, `must be ${form}, got ${describe(row)}`);
  }
  return problems.count === before ? values : undefined;
}

/**
 * Validates the `instances` of a request.
 * @throws InvalidInputError naming every offending field (up to a cap)
 */
export function validateInstances(schema: InputSchema, instances: unknown, limits: RequestLimits, field = 'instances'): RowValues[] {
  const problems = new FieldProblemCollector();
  if (!Array.isArray(instances)) {
    problems.add(field, `is required and must be an array of rows, got ${instances === undefined ? 'nothing' : describe(instances)}`);
    problems.throwIfAny();
  }
  const rows = instances as unknown[];
  if (rows.length === 0) problems.add(field, 'must contain at least one row');
  if (rows.length > limits.maxRows) problems.add(field, `has ${rows.length} rows; at most ${limits.maxRows} are accepted per request (split the request)`);
  problems.throwIfAny();
  const valid = rows.map((row, i) => validateRow(schema, row, `${field}[${i}]`, problems));
  problems.throwIfAny();
  return valid as RowValues[];
}
