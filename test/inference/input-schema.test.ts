/** The input schema derived from a model's declared inputs, and strict row validation (pure functions). */
import * as fc from 'fast-check';
import { FieldProblemCollector, InvalidInputError, ModelExecutionError } from '../../lib/inference/errors';
import { deriveInputSchema, validateInstances, validateRow, type InputSchema } from '../../lib/inference/input-schema';

const TABULAR: InputSchema = deriveInputSchema(
  [{ name: 'float_input', isTensor: true, type: 'float32', shape: ['N', 3] }],
  { feature_names: '["a","b","c"]' },
);

describe('deriveInputSchema', () => {
  test('GIVEN a [N, 3] float input with feature_names WHEN derived THEN rows may be keyed by feature', () => {
    expect(TABULAR).toEqual({ inputs: [{ name: 'float_input', type: 'float32', rowShape: [3], rowSize: 3 }], featureNames: ['a', 'b', 'c'], fixedBatchSize: undefined });
  });

  test('GIVEN an image input [N, 1, 2, 2] WHEN derived THEN the row shape is [1, 2, 2]', () => {
    const schema = deriveInputSchema([{ name: 'pixels', isTensor: true, type: 'float32', shape: ['batch', 1, 2, 2] }], {});
    expect(schema.inputs[0]).toMatchObject({ rowShape: [1, 2, 2], rowSize: 4 });
  });

  test.each([
    ['a symbolic non-batch axis', [{ name: 'x', isTensor: true, type: 'float32', shape: ['N', 'seq'] }], {}, /symbolic dimensions after the batch axis/],
    ['an unsupported element type', [{ name: 'x', isTensor: true, type: 'float16', shape: ['N', 2] }], {}, /type float16/],
    ['a non-tensor input', [{ name: 'x', isTensor: false }], {}, /non-tensor/],
    ['no batch axis', [{ name: 'x', isTensor: true, type: 'float32', shape: [] }], {}, /no batch dimension/],
    ['feature_names of the wrong length', [{ name: 'x', isTensor: true, type: 'float32', shape: ['N', 2] }], { feature_names: '["a"]' }, /feature_names must be a JSON array naming every column/],
  ])('GIVEN %s WHEN derived THEN the model is refused with the reason', (_case, declared, metadata, message) => {
    expect(() => deriveInputSchema(declared, metadata)).toThrow(ModelExecutionError);
    expect(() => deriveInputSchema(declared, metadata)).toThrow(message);
  });
});

describe('validateRow', () => {
  test('GIVEN a nested-array input WHEN one inner array is short THEN the path names the exact position', () => {
    const schema = deriveInputSchema([{ name: 'pixels', isTensor: true, type: 'float32', shape: ['N', 2, 2] }], {});
    const problems = new FieldProblemCollector();
    expect(validateRow(schema, [[1, 2], [3]], 'instances[0]', problems)).toBeUndefined();
    expect(problems.list()).toEqual([{ field: 'instances[0][1]', message: 'must be an array of 2 float32 (shape [2]), got an array of 1' }]);
  });

  test('GIVEN a multi-input model WHEN a row is an array THEN it is refused (inputs must be named)', () => {
    const schema = deriveInputSchema([{ name: 'a', isTensor: true, type: 'float32', shape: ['N', 1] }, { name: 'b', isTensor: true, type: 'string', shape: ['N', 1] }], {});
    const problems = new FieldProblemCollector();
    validateRow(schema, [1, 'x'], 'instances[0]', problems);
    expect(problems.list()[0].message).toMatch(/must be an object keyed by input name \(a, b\)/);
  });

  test('PROPERTY: any row of three finite float32 numbers is accepted and kept exactly', () => {
    const float = fc.float({ noNaN: true, noDefaultInfinity: true });
    fc.assert(fc.property(fc.tuple(float, float, float), (row) => {
      const problems = new FieldProblemCollector();
      expect(validateRow(TABULAR, row, 'r', problems)).toEqual({ float_input: row });
      expect(problems.count).toBe(0);
    }));
  });

  test('PROPERTY: a row with any non-number value in any position is rejected naming that position', () => {
    const notNumber = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.object(), fc.array(fc.integer()));
    fc.assert(fc.property(fc.nat(2), notNumber, (position, bad) => {
      const row: unknown[] = [1, 2, 3];
      row[position] = bad;
      const problems = new FieldProblemCollector();
      expect(validateRow(TABULAR, row, 'r', problems)).toBeUndefined();
      expect(problems.list().map((p) => p.field)).toEqual([`r[${position}]`]);
    }));
  });
});

describe('validateInstances', () => {
  test('GIVEN more bad rows than the problem cap WHEN validated THEN the error lists at most 20 problems', () => {
    try {
      validateInstances(TABULAR, Array.from({ length: 50 }, () => ['x', 'y', 'z']), { maxRows: 100 });
      throw new Error('expected a rejection');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      expect((e as InvalidInputError).problems).toHaveLength(20);
      expect((e as InvalidInputError).message).toMatch(/^instances\[0\]\[0\] must be a number .* \(and 19 more problems\)$/);
    }
  });
});
