/** `aimd docs`: regenerates the README's blueprint sections (guides + current plan tables). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_BLUEPRINTS } from '../../blueprints';
import { contextsFor } from '../synth/context';
import { projectRoot } from '../synth/project-files';
import { renderReadme } from '../synth/readme';
import { expectedMemoryModelDoc } from './memory-model-doc';
import type { CommandResult } from './synth-flags';

/** The README as it should be now. @throws Error naming a blueprint without a guide */
export function expectedReadme(root = projectRoot()): { path: string; current: string; expected: string } {
  const path = join(root, 'README.md');
  const contexts = contextsFor(ALL_BLUEPRINTS);
  const guides = ALL_BLUEPRINTS.map((bp, i) => {
    const guide = join(root, 'docs', 'blueprints', `${bp.name}.md`);
    if (!existsSync(guide)) throw new Error(`Blueprint '${bp.name}' has no guide: write docs/blueprints/${bp.name}.md`);
    return { name: bp.name, description: bp.description, markdown: readFileSync(guide, 'utf8'), plan: contexts[i]!.plan };
  });
  const current = readFileSync(path, 'utf8');
  return { path, current, expected: renderReadme(current, guides) };
}

export function runDocs(check: boolean): CommandResult {
  const table = expectedMemoryModelDoc();
  if (table.current !== table.expected) {
    if (check) return { output: 'docs/memory-model.md is out of date with the planner\'s compatibility checks: run `npm run docs`.', exitCode: 1 };
    writeFileSync(table.path, table.expected);
  }
  const { path, current, expected } = expectedReadme();
  if (current === expected) return { output: 'README.md is up to date.', exitCode: 0 };
  if (check) return { output: 'README.md is out of date with docs/blueprints or the planner: run `npm run docs`.', exitCode: 1 };
  writeFileSync(path, expected);
  return { output: `Rewrote the blueprint sections of ${path}.`, exitCode: 0 };
}
