/**
 * The deployment workflow `aimd pipeline github` writes for one deployment:
 *
 * - pull request: synthesize and validate (schemas, cdk-nag, cfn-guard), then a plan of changes against
 *   production (`cdk diff` / `terraform plan` / `pulumi preview`) posted as one PR comment, updated in place;
 * - push to main: deploy to `staging`, smoke-check it, then deploy to `production` once a reviewer approves
 *   (GitHub environment protection), where the stack's own canary/linear rollout shifts traffic
 *   progressively and rolls back on its alarms; then smoke-check production. Between the staging smoke check and
 *   production, the staging job runs the deployment's load test (load-test-steps.ts), whose miss stops the release.
 *
 * AWS access is only through GitHub OIDC: each job assumes a role named by a GitHub variable (see
 * lib/pipeline/github-oidc.ts for the roles and docs/delivery.md for the setup). Pure function.
 */
import { ACTIONS, uses } from './actions';
import { engineSteps, PLAN_FILE, synthSourceArgs, type PipelineDeployment } from './engine-steps';
import type { GitHubWorkflow, WorkflowJob, WorkflowStep } from './workflow';

/** The GitHub environments a deployment goes through, in order. */
export interface DeliveryEnvironments {
  /** Deployed on every push to the main branch. @default 'staging' */
  readonly staging?: string;
  /** Deployed after staging passes its checks and a required reviewer approves. @default 'production' */
  readonly production?: string;
}

export interface DeployWorkflowOptions {
  readonly deployment: PipelineDeployment;
  /** Steps run after each deploy (see smokeCheckSteps); each must fail the job on a bad answer. */
  readonly smokeChecks: readonly WorkflowStep[];
  /** Steps run in the staging job after its smoke checks (see loadTestSteps); a miss must fail the job. @default - none */
  readonly stagingLoadTest?: readonly WorkflowStep[];
  /** @default { staging: 'staging', production: 'production' } */
  readonly environments?: DeliveryEnvironments;
  /** Branch whose pushes deploy. @default 'main' */
  readonly mainBranch?: string;
}

/** GitHub variable holding the ARN of the read-only role PR jobs assume (repository level). */
export const PLAN_ROLE_VARIABLE = 'AWS_PLAN_ROLE_ARN';
/** GitHub variable holding the ARN of the deploy role (set per environment, so each has its own). */
export const DEPLOY_ROLE_VARIABLE = 'AWS_DEPLOY_ROLE_ARN';

const RUNNER = 'ubuntu-latest';

function checkoutAndInstall(): WorkflowStep[] {
  return [
    { name: 'Check out', uses: uses(ACTIONS.checkout), with: { 'persist-credentials': false } },
    // setup-node reads the version from package.json (engines.node) and caches ~/.npm keyed on package-lock.json.
    { name: 'Set up Node.js', uses: uses(ACTIONS.setupNode), with: { 'node-version-file': 'package.json', cache: 'npm' } },
    { name: 'Install and build', run: 'npm ci' },
  ];
}

/** Assumes the job's role, then synthesizes for that account (names embed it) and validates. */
function credentialsAndSynth(d: PipelineDeployment, roleVariable: string, purpose: string): WorkflowStep[] {
  return [
    {
      name: `AWS credentials (OIDC, ${purpose})`,
      uses: uses(ACTIONS.configureAwsCredentials),
      with: { 'role-to-assume': `\${{ vars.${roleVariable} }}`, 'aws-region': d.region, 'role-session-name': `${purpose}-${d.name}-\${{ github.run_id }}` },
    },
    // `aimd synth` and the Pulumi program render for CDK_DEFAULT_ACCOUNT (the CDK CLI sets it itself).
    { name: 'Target account', run: 'echo "CDK_DEFAULT_ACCOUNT=$(aws sts get-caller-identity --query Account --output text)" >> "$GITHUB_ENV"' },
    { name: `Synthesize and validate (${d.engine})`, run: `node bin/aimd.js synth ${synthSourceArgs(d.source)} --engine ${d.engine} --out out` },
  ];
}

/** github-script that creates or updates the deployment's plan comment on the pull request. */
function planCommentScript(d: PipelineDeployment, environment: string): string {
  const marker = `<!-- aimd-plan:${d.name} -->`;
  return [
    "const fs = require('fs');",
    `const marker = ${JSON.stringify(marker)};`,
    // GitHub rejects comment bodies over 65,536 characters.
    'const limit = 60000;',
    `let plan = fs.readFileSync(${JSON.stringify(PLAN_FILE)}, 'utf8');`,
    "if (plan.length > limit) plan = plan.slice(0, limit) + '\\n... truncated: the full plan is in the job log';",
    `const title = ${JSON.stringify(`### Plan of \`${d.name}\` (${d.engine}) against ${environment}`)};`,
    "const fence = '`'.repeat(3);",
    "const body = [marker, title, '', fence, plan, fence].join('\\n');",
    'const { owner, repo } = context.repo;',
    'const issue_number = context.issue.number;',
    'const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number });',
    'const previous = comments.find((c) => (c.body || \'\').startsWith(marker));',
    'if (previous) await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body });',
    'else await github.rest.issues.createComment({ owner, repo, issue_number, body });',
  ].join('\n');
}

function planJob(d: PipelineDeployment, production: string): WorkflowJob {
  const engine = engineSteps(d);
  return {
    name: `Plan ${d.name} (${d.engine})`,
    'runs-on': RUNNER,
    // Fork PRs get no OIDC token and must not reach the cloud.
    if: "github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository",
    permissions: { contents: 'read', 'id-token': 'write', 'pull-requests': 'write' },
    concurrency: { group: `plan-${d.name}-\${{ github.event.pull_request.number }}`, 'cancel-in-progress': true },
    'timeout-minutes': 30,
    steps: [
      ...checkoutAndInstall(),
      ...credentialsAndSynth(d, PLAN_ROLE_VARIABLE, 'plan'),
      ...engine.setup(),
      ...engine.plan(production),
      { name: 'Post the plan on the pull request', if: "always() && hashFiles('plan.txt') != ''", uses: uses(ACTIONS.githubScript), with: { script: planCommentScript(d, production) } },
    ],
  };
}

function deployJob(d: PipelineDeployment, environment: string, checks: readonly WorkflowStep[], mainBranch: string, needs?: string): WorkflowJob {
  const engine = engineSteps(d);
  return {
    name: `Deploy ${d.name} to ${environment}`,
    'runs-on': RUNNER,
    if: `github.event_name == 'push' && github.ref == 'refs/heads/${mainBranch}'`,
    ...(needs !== undefined && { needs: [needs] }),
    environment: { name: environment },
    permissions: { contents: 'read', 'id-token': 'write' },
    // One release per environment at a time; a queued one waits rather than cancelling a rollout midway.
    concurrency: { group: `deploy-${d.name}-${environment}`, 'cancel-in-progress': false },
    // EKS cluster creation and a canary bake can each take tens of minutes.
    'timeout-minutes': 120,
    steps: [
      ...checkoutAndInstall(),
      ...credentialsAndSynth(d, DEPLOY_ROLE_VARIABLE, environment),
      ...engine.setup(),
      ...engine.deploy(environment),
      ...checks,
    ],
  };
}

/** Builds the workflow object; render it with renderWorkflowYaml. */
export function buildDeployWorkflow(options: DeployWorkflowOptions): GitHubWorkflow {
  const d = options.deployment;
  const staging = options.environments?.staging ?? 'staging';
  const production = options.environments?.production ?? 'production';
  const main = options.mainBranch ?? 'main';
  return {
    name: `deploy-${d.name}`,
    on: { pull_request: { branches: [main] }, push: { branches: [main] } },
    // Nothing by default; every job asks for what it needs.
    permissions: {},
    env: { AWS_REGION: d.region, CDK_DISABLE_CLI_TELEMETRY: 'true' },
    jobs: {
      plan: planJob(d, production),
      staging: deployJob(d, staging, [...options.smokeChecks, ...(options.stagingLoadTest ?? [])], main),
      production: deployJob(d, production, options.smokeChecks, main, 'staging'),
    },
  };
}
