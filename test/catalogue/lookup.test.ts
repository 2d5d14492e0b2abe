/**
 * Lookups forgive case and the SageMaker `ml.` prefix, and a miss tells the user what exists and what
 * they probably meant.
 */
import {
  CatalogueLookupError,
  closestMatch,
  findModel,
  getAccelerator,
  getInstanceType,
  instanceTypesFor,
} from '../../lib/catalogue';

describe('getAccelerator', () => {
  test('GIVEN a known id in any case THEN it is found', () => {
    expect(getAccelerator('H100-80GB').id).toBe('h100-80gb');
  });

  test("GIVEN 'h100' THEN the error names the flag, lists the ids and suggests h100-80gb (not 'h200')", () => {
    // Three H100 parts contain 'h100'; the first in catalogue order (the one AWS offers) is suggested.
    expect(() => getAccelerator('h100')).toThrow(CatalogueLookupError);
    expect(() => getAccelerator('h100')).toThrow(
      /^Unknown accelerator 'h100' \(--accelerator\)\. Known: t4, a10g, .*h200.*\. Did you mean 'h100-80gb'\?$/,
    );
  });

  test('GIVEN a typo THEN the nearest id is suggested', () => {
    expect(() => getAccelerator('l40-s')).toThrow(/Did you mean 'l40s'\?/);
    expect(() => getAccelerator('a10-g')).toThrow(/Did you mean 'a10g'\?/);
    expect(() => getAccelerator('rtx4090')).toThrow(/Did you mean 'rtx-4090'\?/);
    expect(() => getAccelerator('h100pcie')).toThrow(/Did you mean 'h100-pcie'\?/);
  });

  test('GIVEN the id of a data-center part whose AWS sibling differs by one letter THEN each is its own chip', () => {
    expect(getAccelerator('a10').name).toBe('NVIDIA A10 24GB');
    expect(getAccelerator('a10g').name).toBe('NVIDIA A10G');
    expect(getAccelerator('l40').denseBf16Tflops).toBeLessThan(getAccelerator('l40s').denseBf16Tflops);
  });
});

describe('getInstanceType', () => {
  test('GIVEN an EC2 or a SageMaker name THEN the same entry is returned', () => {
    expect(getInstanceType('ml.g5.xlarge')).toBe(getInstanceType('g5.xlarge'));
    expect(getInstanceType('ML.G5.XLARGE').name).toBe('g5.xlarge');
  });

  test('GIVEN an unknown size THEN the closest name is suggested', () => {
    expect(() => getInstanceType('g5.12xlage')).toThrow(
      /^Unknown instance type 'g5\.12xlage' \(--instance-type\)\. Known: g4dn\.xlarge, .*Did you mean 'g5\.12xlarge'\?$/,
    );
  });

  test('GIVEN nonsense THEN no suggestion is made', () => {
    try {
      getInstanceType('zzzzzzzzzzzzzzzz');
      throw new Error('expected a CatalogueLookupError');
    } catch (err) {
      expect(err).toBeInstanceOf(CatalogueLookupError);
      expect((err as CatalogueLookupError).suggestion).toBeUndefined();
      expect((err as Error).message).not.toMatch(/Did you mean/);
    }
  });
});

describe('findModel', () => {
  test('GIVEN an id or an alias in any case THEN the model is found', () => {
    expect(findModel('META-LLAMA/llama-3.1-8b-instruct').id).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(findModel('gpt-oss-20b').id).toBe('openai/gpt-oss-20b');
    expect(findModel('Mixtral-8x7B-Instruct').id).toBe('mistralai/Mixtral-8x7B-Instruct-v0.1');
  });

  test('GIVEN a near miss THEN the closest id or alias is suggested', () => {
    expect(() => findModel('llama-3.1-8b-instrct')).toThrow(/Unknown model 'llama-3.1-8b-instrct' \(--model\)\..*Did you mean 'llama-3.1-8b-instruct'\?/);
    expect(() => findModel('gpt-oss')).toThrow(/Did you mean 'gpt-oss-20b'\?/);
  });
});

describe('instanceTypesFor', () => {
  test('GIVEN an accelerator THEN its instance types come back, fewest accelerators then cheapest first', () => {
    const names = instanceTypesFor('a10g').map((t) => t.name);
    expect(names.slice(0, 2)).toEqual(['g5.xlarge', 'g5.2xlarge']);
    expect(names.at(-1)).toBe('g5.48xlarge');
    expect(instanceTypesFor('h100-80gb').map((t) => t.name)).toEqual(['p5.4xlarge', 'p5.48xlarge']);
  });

  test('GIVEN an unknown accelerator THEN the lookup error is thrown', () => {
    expect(() => instanceTypesFor('h100')).toThrow(/Did you mean 'h100-80gb'\?/);
  });

  test('GIVEN an accelerator AWS does not offer THEN no instance type comes back, and no error', () => {
    expect(instanceTypesFor('rtx-4090')).toEqual([]);
    expect(instanceTypesFor('h100-nvl')).toEqual([]);
  });
});

describe('closestMatch', () => {
  test('GIVEN no candidates or an empty request THEN there is no suggestion', () => {
    expect(closestMatch('x', [])).toBeUndefined();
    expect(closestMatch('  ', ['a'])).toBeUndefined();
  });
});
