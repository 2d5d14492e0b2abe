/**
 * The workflow checks themselves: the vendored schema rejects malformed workflows, and each lint rule
 * catches the hazard it names (a checker that passes everything would make the other tests empty).
 */
import { lintWorkflow } from '../../lib/pipeline/workflow-lint';
import { validateWorkflowSchema } from '../../lib/pipeline/workflow-schema';

/** A small valid workflow each test breaks in one way. */
function workflow(job: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Record<string, any> {
  return {
    name: 'example',
    on: { push: { branches: ['main'] } },
    permissions: {},
    ...top,
    jobs: {
      build: { 'runs-on': 'ubuntu-latest', permissions: { contents: 'read' }, steps: [{ name: 'Check out', uses: 'actions/checkout@v6' }, { name: 'Test', run: 'npm test' }], ...job },
    },
  };
}

const rules = (w: unknown, options = {}) => lintWorkflow(w, options).map((f) => `${f.rule} ${f.path}`);

describe('GitHub workflow schema (SchemaStore, vendored)', () => {
  test('GIVEN a valid workflow THEN there are no findings', () => {
    expect(validateWorkflowSchema(workflow())).toEqual([]);
  });

  test('GIVEN a misspelled job key and a bad permission level THEN the schema names both places', () => {
    const bad = workflow({ 'runs-onn': 'ubuntu-latest', permissions: { contents: 'admin' } });
    const paths = validateWorkflowSchema(bad).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['/jobs/build', '/jobs/build/permissions/contents']));
  });

  test('GIVEN a workflow without jobs THEN it is rejected', () => {
    expect(validateWorkflowSchema({ on: 'push' }).map((f) => f.rule)).toContain('schema/required');
  });
});

describe('lint rules', () => {
  test('GIVEN a valid workflow THEN no rule fires', () => {
    expect(rules(workflow())).toEqual([]);
  });

  test('GIVEN actions on a branch, without a version, or on a partial SHA THEN pinned-action fires for each', () => {
    const w = workflow({ steps: [{ uses: 'actions/checkout@main' }, { uses: 'actions/setup-node' }, { uses: 'actions/cache@abc123' }, { uses: 'actions/checkout@v6.0.2' }, { uses: `actions/checkout@${'a'.repeat(40)}` }, { uses: './local-action' }] });
    expect(rules(w)).toEqual(['pinned-action /jobs/build/steps/0/uses', 'pinned-action /jobs/build/steps/1/uses', 'pinned-action /jobs/build/steps/2/uses']);
  });

  test('GIVEN an expression naming an unknown context THEN unknown-context fires, string literals and functions do not', () => {
    const w = workflow({ if: "always() && contains(github.ref, 'refs/heads/releases')", steps: [{ run: 'echo ${{ gihub.sha }} ${{ format(\'{0}\', env.X) }}' }] });
    expect(rules(w)).toEqual(['unknown-context /jobs/build/steps/0/run']);
  });

  test('GIVEN needs naming a missing job or reading needs it does not list THEN needs fires', () => {
    const w = workflow({ needs: ['compile'], steps: [{ run: 'echo ${{ needs.lint.result }}' }] });
    expect(rules(w)).toEqual(['needs /jobs/build/needs', 'needs /jobs/build/steps/0/run']);
  });

  test('GIVEN a secret interpolated into a script, a printed secret variable and set -x THEN the secret rules fire', () => {
    const w = workflow({ env: { TOKEN: '${{ secrets.TOKEN }}' }, steps: [{ run: 'curl -H "x: ${{ secrets.API_KEY }}" example.org' }, { run: 'echo "$TOKEN"' }, { run: 'set -ex\n./deploy' }] });
    expect(rules(w)).toEqual(['secret-in-script /jobs/build/steps/0/run', 'secret-echo /jobs/build/steps/1/run', 'secret-echo /jobs/build/steps/2/run']);
  });

  test('GIVEN a PR title interpolated into a script THEN script-injection fires', () => {
    const w = workflow({ steps: [{ run: 'echo "${{ github.event.pull_request.title }}"' }] });
    expect(rules(w)).toEqual(['script-injection /jobs/build/steps/0/run']);
  });

  test('GIVEN no workflow permissions, write at workflow level, or write scopes no step uses THEN permissions fires', () => {
    const { permissions: _, ...noPermissions } = workflow();
    expect(rules(noPermissions)).toEqual(['permissions /permissions']);
    expect(rules(workflow({}, { permissions: { contents: 'write' } }))).toEqual(['permissions /permissions']);
    expect(rules(workflow({ permissions: { 'id-token': 'write', 'pull-requests': 'write' } }))).toEqual(['permissions /jobs/build/permissions/id-token', 'permissions /jobs/build/permissions/pull-requests']);
    const withAws = workflow({ permissions: { 'id-token': 'write' }, steps: [{ uses: 'aws-actions/configure-aws-credentials@v6', with: { 'role-to-assume': '${{ vars.ROLE }}', 'aws-region': 'us-east-1' } }] });
    expect(rules(withAws)).toEqual([]);
  });

  test('GIVEN an environment the repository does not have THEN environment fires', () => {
    expect(rules(workflow({ environment: { name: 'prod' } }), { environments: ['staging', 'production'] })).toEqual(['environment /jobs/build/environment']);
  });
});
