/**
 * docs/memory-model.md's generated part: the compatibility table the planner's checks compute
 * (lib/planner/compatibility.ts). Kept apart from docs-command.ts so that reading it loads no blueprint.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compatibilityTable } from '../planner/compatibility';
import { projectRoot } from '../synth/project-files';

const TABLE_START = '<!-- compatibility-table:start -->';
const TABLE_END = '<!-- compatibility-table:end -->';

/** docs/memory-model.md with its compatibility table as the planner's checks compute it now. */
export function expectedMemoryModelDoc(root = projectRoot()): { path: string; current: string; expected: string } {
  const path = join(root, 'docs', 'memory-model.md');
  const current = readFileSync(path, 'utf8');
  const start = current.indexOf(TABLE_START);
  const end = current.indexOf(TABLE_END);
  if (start < 0 || end < start) return { path, current, expected: current };
  return { path, current, expected: `${current.slice(0, start + TABLE_START.length)}\n${compatibilityTable()}\n${current.slice(end)}` };
}
