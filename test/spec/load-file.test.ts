import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputValidationError } from '../../lib/errors';
import { fieldPath, loadSpecFile, parseSpecText } from '../../lib/spec/load-file';
import { SpecFileError } from '../../lib/spec/spec-file-error';

const SPEC = [
  'name: my-llm', //                                   line 1
  'model:', //                                         line 2
  '  id: meta-llama/Llama-3.1-8B-Instruct', //         line 3
  'runtime:', //                                       line 4
  '  engine: vllm', //                                 line 5
  '  lora:', //                                        line 6
  '    adapters:', //                                  line 7
  '      - name: support', //                          line 8
  '        uri: s3://bucket/support/', //              line 9
  'target:', //                                        line 10
  '  kind: eks', //                                    line 11
  '',
].join('\n');

describe('loadSpecFile', () => {
  test('GIVEN broken YAML WHEN loaded THEN the error names the file, the line and the column of the syntax error', () => {
    const text = 'name: x\nmodel:\n  id: y\n  runtime: [\n';
    let error: unknown;
    try {
      parseSpecText(text, 'broken.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecFileError);
    expect(error).toBeInstanceOf(InputValidationError);
    const located = (error as SpecFileError).located;
    expect(located.length).toBeGreaterThan(0);
    expect(located[0]).toMatchObject({ file: 'broken.yaml', field: '(syntax)' });
    expect(located[0]!.line).toBeGreaterThanOrEqual(4);
    expect((error as Error).message).toMatch(/^broken\.yaml has \d+ problems?:\nbroken\.yaml:\d+:\d+ \(syntax\)/);
  });

  test('GIVEN a JSON spec with a missing comma THEN the JSON error also has its line and column', () => {
    expect(() => parseSpecText('{\n  "name": "x"\n  "model": {}\n}\n', 'spec.json')).toThrow(/spec\.json:\d+:\d+ \(syntax\)/);
  });

  test('GIVEN a field path THEN the problem points at its value; an unknown field at its key; a missing one at its parent', () => {
    const file = parseSpecText(SPEC, 'my.yaml');
    const [engine, uri, unknown, missing] = file.locate([
      { field: 'runtime.engine', value: 'vllm', message: 'm', fix: 'f' },
      { field: 'runtime.lora.adapters[0].uri', value: 's3://bucket/support/', message: 'm', fix: 'f' },
      { field: 'runtime.lora', value: {}, message: 'is not a known field', fix: 'f' },
      { field: 'target.capacity', value: undefined, message: 'm', fix: 'f' },
    ]).sort((a, b) => a.field.localeCompare(b.field));
    expect([engine, uri, unknown, missing].map((p) => `${p!.field}@${p!.line}:${p!.column}`)).toEqual([
      'runtime.engine@5:11', 'runtime.lora@6:3', 'runtime.lora.adapters[0].uri@9:14', 'target.capacity@10:1',
    ]);
  });

  test('GIVEN a $schema key at the top THEN the loaded spec does not carry it', () => {
    const file = parseSpecText(`$schema: ./schema/deployment-spec.schema.json\n${SPEC}`, 'my.yaml');
    expect(file.spec).not.toHaveProperty('$schema');
    expect(file.spec.name).toBe('my-llm');
  });

  test('GIVEN a file that does not exist THEN the error names it and says it cannot be read', () => {
    expect(() => loadSpecFile(join(tmpdir(), 'no-such-spec.yaml'))).toThrow(/no-such-spec\.yaml:1:1 \(file\).*cannot be read \(ENOENT\)/);
  });

  test('GIVEN a file whose top level is a list THEN it is refused as not a mapping', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aimd-spec-'));
    writeFileSync(join(dir, 'list.yaml'), '- a\n- b\n');
    expect(() => loadSpecFile(join(dir, 'list.yaml'))).toThrow(/list\.yaml:1:1 \(root\).*must be a mapping/);
  });

  test('field paths split dots and list indexes; labels are not paths', () => {
    expect(fieldPath('runtime.lora.adapters[2].name')).toEqual(['runtime', 'lora', 'adapters', 2, 'name']);
    expect(fieldPath('(spec)')).toBeUndefined();
    expect(fieldPath('recipe 1.0.0: x')).toBeUndefined();
  });
});
