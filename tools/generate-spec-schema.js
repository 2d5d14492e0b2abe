#!/usr/bin/env node
/**
 * Generates schema/deployment-spec.schema.json from the TypeScript type DeploymentSpecInput
 * (lib/spec/types.ts), so that editors complete and check spec files through their `$schema` key.
 * `npm run schema` writes it; test/spec/json-schema.test.ts regenerates it in memory and fails when the
 * committed file is out of date. Plain JavaScript because it runs from the source tree with a
 * devDependency (ts-json-schema-generator) that the published package does not carry.
 */
'use strict';
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const SCHEMA_PATH = join(ROOT, 'schema', 'deployment-spec.schema.json');

/**
 * `@default - prose` (what the library decides when a field is left out) is not a value an editor should
 * insert: move it into the description. Literal defaults (numbers, enum members, objects) stay.
 */
function tidyDefaults(node) {
  if (Array.isArray(node)) {
    node.forEach(tidyDefaults);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  if (typeof node.default === 'string') {
    const prose = node.default.startsWith('- ') || (Array.isArray(node.enum) && !node.enum.includes(node.default));
    if (prose) {
      const text = node.default.replace(/^- /, '');
      node.description = `${node.description ? `${node.description} ` : ''}Default: ${text}.`;
      delete node.default;
    }
  }
  for (const value of Object.values(node)) tidyDefaults(value);
}

/** The schema as an object (about 2 s: it builds a TypeScript program). */
function generateSpecSchema() {
  const { createGenerator } = require('ts-json-schema-generator');
  const generator = createGenerator({
    path: join(ROOT, 'lib', 'spec', 'types.ts'),
    type: 'DeploymentSpecInput',
    tsconfig: join(ROOT, 'tsconfig.json'),
    skipTypeCheck: true,
    jsDoc: 'extended',
    additionalProperties: false,
  });
  const schema = generator.createSchema('DeploymentSpecInput');
  tidyDefaults(schema);
  const root = schema.definitions.DeploymentSpecInput;
  // `$schema` at the top of a spec file points editors at this schema; the loader strips it.
  root.properties = {
    $schema: { type: 'string', description: 'JSON Schema of this file, for editors (e.g. ./node_modules/ai-model-deployment/schema/deployment-spec.schema.json). Ignored by aimd.' },
    ...root.properties,
  };
  return { $schema: schema.$schema, title: 'ai-model-deployment deployment spec', ...schema };
}

/** The file's text, byte for byte what `npm run schema` writes. */
function specSchemaText() {
  return `${JSON.stringify(generateSpecSchema(), null, 2)}\n`;
}

module.exports = { generateSpecSchema, specSchemaText, SCHEMA_PATH };

if (require.main === module) {
  writeFileSync(SCHEMA_PATH, specSchemaText());
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
}
