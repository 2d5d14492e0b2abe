/**
 * Files of the project itself (cdk.context.json), found from this module whether it runs from the
 * TypeScript sources (lib/synth) or the build (dist/lib/synth).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding the project's package.json. */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && JSON.parse(readFileSync(candidate, 'utf8')).name === 'ai-model-deployment') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ai-model-deployment package.json above ${from}`);
    dir = parent;
  }
}

/**
 * The committed CDK context (availability zones of the review account), so that synthesis outside the
 * CDK CLI sees the same lookups as `cdk synth` and stays offline.
 */
export function committedCdkContext(): Record<string, unknown> {
  const path = join(projectRoot(), 'cdk.context.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
}
