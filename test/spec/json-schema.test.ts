import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { ALL_BLUEPRINTS } from '../../blueprints';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples', 'specs');
// Plain JavaScript: it runs ts-json-schema-generator (a devDependency) from the source tree.
const { specSchemaText, SCHEMA_PATH } = require('../../tools/generate-spec-schema.js') as { specSchemaText(): string; SCHEMA_PATH: string };

const committed = readFileSync(SCHEMA_PATH, 'utf8');
const schema = JSON.parse(committed);
const validate = new Ajv({ allErrors: true }).compile(schema);

describe('schema/deployment-spec.schema.json', () => {
  test('GIVEN the TypeScript spec type WHEN the schema is regenerated THEN it equals the committed file (run `npm run schema` after editing lib/spec/types.ts)', () => {
    expect(specSchemaText()).toBe(committed);
  });

  test('it closes every object (additionalProperties: false), allows $schema at the top and carries the JSDoc', () => {
    const root = schema.definitions.DeploymentSpecInput;
    expect(root.additionalProperties).toBe(false);
    expect(root.properties.$schema.type).toBe('string');
    expect(root.required).toEqual(['name', 'model', 'runtime', 'target']);
    expect(schema.definitions.RuntimeSpec.properties.gpuMemoryUtilization).toEqual({ type: 'number', default: 0.9 });
    expect(schema.definitions.ModelSpec.properties.servedName.description).toMatch(/--served-model-name.*Default: the model id\./);
    expect(committed).not.toMatch(/"default": "- /);
  });

  test.each(readdirSync(EXAMPLES).filter((f) => /\.(ya?ml|json)$/.test(f)))('GIVEN example %s THEN it conforms to the schema', (file) => {
    const spec = parse(readFileSync(join(EXAMPLES, file), 'utf8'));
    expect(validate(spec) ? [] : validate.errors).toEqual([]);
  });

  test('GIVEN every built-in blueprint\'s spec THEN it conforms to the schema too', () => {
    for (const blueprint of ALL_BLUEPRINTS) expect([blueprint.name, validate(blueprint.spec) ? [] : validate.errors]).toEqual([blueprint.name, []]);
  });

  test('GIVEN a misspelt field THEN the schema rejects it, as an editor would underline it', () => {
    const spec = parse(readFileSync(join(EXAMPLES, 'llama-8b-eks.yaml'), 'utf8'));
    expect(validate({ ...spec, runtime: { ...spec.runtime, gpuMemoryUtilisation: 0.9 } })).toBe(false);
    expect(validate.errors).toEqual(expect.arrayContaining([expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'gpuMemoryUtilisation' } })]));
  });
});
