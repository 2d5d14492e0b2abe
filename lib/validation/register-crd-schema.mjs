#!/usr/bin/env node
// Turns a CustomResourceDefinition YAML into schema registrations that `validateKubernetesObjects` reads:
// one `crds/<group>_<version>_<Kind>.json` per served version, `{ apiVersion, kind, source, schema }`.
//
//   node lib/validation/register-crd-schema.mjs <crd.yaml> --source <url-of-the-yaml-and-release> [--out <dir>]
//
// --source is required: every schema must say where it came from (release, URL, date).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const file = args.find((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
const source = option('--source');
const out = option('--out') ?? join(dirname(fileURLToPath(import.meta.url)), 'crds');
if (!file || !source) {
  console.error('usage: register-crd-schema.mjs <crd.yaml> --source <where it came from> [--out <dir>]');
  process.exit(2);
}

const written = [];
for (const document of parseAllDocuments(readFileSync(file, 'utf-8'))) {
  const crd = document.toJS();
  if (crd?.kind !== 'CustomResourceDefinition') continue;
  const { group, names, versions } = crd.spec;
  for (const version of versions ?? []) {
    const schema = version.schema?.openAPIV3Schema;
    if (!version.served || !schema) continue;
    const registration = { apiVersion: `${group}/${version.name}`, kind: names.kind, source, schema };
    const target = join(out, `${group}_${version.name}_${names.kind}.json`);
    mkdirSync(out, { recursive: true });
    writeFileSync(target, `${JSON.stringify(registration, null, 1)}\n`);
    written.push(target);
  }
}
if (written.length === 0) {
  console.error(`${file}: no served CustomResourceDefinition version with an openAPIV3Schema`);
  process.exit(1);
}
console.log(written.join('\n'));
