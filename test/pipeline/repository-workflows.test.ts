/**
 * The repository's own workflows under .github/workflows pass the GitHub workflow schema and our lint
 * rules, and CI runs the README's commands on pull requests with Node from package.json and the npm cache.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatWorkflowFindings } from '../../lib/pipeline/findings';
import { checkWorkflow } from '../../lib/pipeline/workflow-lint';

const DIR = join(__dirname, '..', '..', '.github', 'workflows');
const FILES = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const load = (file: string) => parse(readFileSync(join(DIR, file), 'utf8'));

test('GIVEN the repository THEN it has a CI workflow', () => {
  expect(FILES).toContain('ci.yml');
});

test.each(FILES)('GIVEN .github/workflows/%s THEN the schema and every lint rule pass', (file) => {
  expect(formatWorkflowFindings(checkWorkflow(load(file), { file }))).toBe('');
});

describe('ci.yml', () => {
  const ci = load('ci.yml');
  const steps: Array<Record<string, any>> = ci.jobs.test.steps;
  const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

  test('THEN it runs on pull requests and pushes to main', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.on.push.branches).toEqual(['main']);
  });

  test('THEN Node comes from package.json and npm downloads are cached', () => {
    const setupNode = steps.find((s) => String(s.uses).startsWith('actions/setup-node@'))!;
    expect(setupNode.with).toEqual({ 'node-version-file': 'package.json', cache: 'npm' });
    expect(JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).engines.node).toBeDefined();
  });

  test("THEN it runs the README's test and start commands, in that order, after npm ci", () => {
    expect(README).toContain('npm ci && npm test');
    expect(README).toContain('npm ci && npm start');
    expect(steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm test', 'npm start']);
  });

  test('THEN the job can only read the repository', () => {
    expect(ci.permissions).toEqual({});
    expect(ci.jobs.test.permissions).toEqual({ contents: 'read' });
  });
});
