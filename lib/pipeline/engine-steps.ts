/**
 * What each engine runs in CI: tool setup, the read-only plan of changes, and the deploy. One function
 * per engine behind one interface, so the workflow builder never mentions an engine's commands.
 *
 * Commands follow the project's entry points: the CDK app in cdk.json (`-c blueprint=` / `-c spec=`),
 * `aimd synth --engine terraform` writing `out/terraform/<stack>/cdk.tf.json`, and the Pulumi program in
 * Pulumi.yaml (`aimd:blueprint` / `aimd:spec` config).
 */
import { ACTIONS, uses } from './actions';
import type { WorkflowStep } from './workflow';

export type PipelineEngine = 'cdk' | 'terraform' | 'pulumi';
export const PIPELINE_ENGINES: readonly PipelineEngine[] = ['cdk', 'terraform', 'pulumi'];

/** Where the deployment spec comes from: a spec file in the repository, or a built-in blueprint. */
export type SpecSource = { readonly kind: 'blueprint'; readonly name: string } | { readonly kind: 'spec-file'; readonly path: string };

/** The deployment one workflow delivers. */
export interface PipelineDeployment {
  /** Spec name: the stack name on every engine. */
  readonly name: string;
  readonly region: string;
  readonly engine: PipelineEngine;
  readonly source: SpecSource;
}

/** File the plan step writes and the PR comment step posts. */
export const PLAN_FILE = 'plan.txt';

function quote(value: string): string {
  return `'${value.replace(/'/g, `'"'"'`)}'`;
}

/** `--spec <file>` or `--blueprint <name>` for `aimd synth`. */
export function synthSourceArgs(source: SpecSource): string {
  return source.kind === 'blueprint' ? `--blueprint ${quote(source.name)}` : `--spec ${quote(source.path)}`;
}

function cdkContext(source: SpecSource): string {
  return source.kind === 'blueprint' ? `-c blueprint=${quote(source.name)}` : `-c spec=${quote(source.path)}`;
}

function terraformDir(d: PipelineDeployment): string {
  return `out/terraform/${d.name}`;
}

/** The per-engine steps; `environment` names the state (Terraform key, Pulumi stack) of a deploy. */
export interface EngineSteps {
  /** Tool setup after `npm ci` (CLIs the runner lacks). */
  setup(): WorkflowStep[];
  /** Plan of changes against what is deployed, written to {@link PLAN_FILE}; needs read-only access only. */
  plan(environment: string): WorkflowStep[];
  /** Deploys; waits for the stack's own progressive rollout (canary, linear) to finish or roll back. */
  deploy(environment: string): WorkflowStep[];
}

const cdkSteps = (d: PipelineDeployment): EngineSteps => ({
  setup: () => [],
  plan: () => [{
    name: 'Plan: cdk diff (template method, lookup role only)',
    run: `set -o pipefail\nnpx cdk diff ${quote(d.name)} ${cdkContext(d.source)} --method=template --no-color 2>&1 | tee ${PLAN_FILE}`,
  }],
  deploy: () => [{
    name: `Deploy: cdk deploy ${d.name}`,
    run: `npx cdk deploy ${quote(d.name)} ${cdkContext(d.source)} --require-approval never --outputs-file cdk-outputs.json`,
  }],
});

function terraformInit(d: PipelineDeployment, environment: string, lock: boolean): WorkflowStep {
  const dir = terraformDir(d);
  return {
    name: 'Terraform: S3 backend and init',
    env: { TF_STATE_BUCKET: '${{ vars.TF_STATE_BUCKET }}' },
    // cdktf writes a local backend; an override file replaces it with the shared S3 state (native S3 locking).
    run: [
      'set -euo pipefail',
      `printf '%s' '{"terraform":{"backend":{"s3":{}}}}' > ${dir}/backend_override.tf.json`,
      `terraform -chdir=${dir} init -input=false -backend-config="bucket=\${TF_STATE_BUCKET}" -backend-config=${quote(`key=${d.name}/${environment}.tfstate`)} -backend-config=${quote(`region=${d.region}`)} -backend-config=use_lockfile=${lock}`,
    ].join('\n'),
  };
}

const terraformSteps = (d: PipelineDeployment): EngineSteps => ({
  setup: () => [{ name: 'Set up Terraform', uses: uses(ACTIONS.setupTerraform), with: { terraform_wrapper: false } }],
  plan: (environment) => [
    terraformInit(d, environment, false),
    { name: 'Plan: terraform plan (no state lock: read-only role)', run: `set -o pipefail\nterraform -chdir=${terraformDir(d)} plan -input=false -lock=false -no-color 2>&1 | tee ${PLAN_FILE}` },
  ],
  deploy: (environment) => [
    terraformInit(d, environment, true),
    { name: 'Deploy: terraform plan -out', run: `terraform -chdir=${terraformDir(d)} plan -input=false -out=tfplan` },
    { name: `Deploy: terraform apply ${d.name}`, run: `terraform -chdir=${terraformDir(d)} apply -input=false tfplan` },
  ],
});

// A preview must not create the stack (the plan role cannot write state): deploy from main first.
function pulumiSelect(d: PipelineDeployment, environment: string, create: boolean): WorkflowStep {
  const key = d.source.kind === 'blueprint' ? 'aimd:blueprint' : 'aimd:spec';
  const value = d.source.kind === 'blueprint' ? d.source.name : d.source.path;
  return {
    name: 'Pulumi: login to the S3 state and select the stack',
    env: { PULUMI_STATE_BUCKET: '${{ vars.PULUMI_STATE_BUCKET }}', PULUMI_CONFIG_PASSPHRASE: '${{ secrets.PULUMI_CONFIG_PASSPHRASE }}' },
    run: [
      'set -euo pipefail',
      `pulumi login "s3://\${PULUMI_STATE_BUCKET}/${d.name}?region=${d.region}"`,
      `pulumi stack select ${create ? '--create ' : ''}${quote(`${d.name}-${environment}`)}`,
      `pulumi config set ${key} ${quote(value)}`,
      `pulumi config set aws:region ${quote(d.region)}`,
    ].join('\n'),
  };
}

const PULUMI_ENV = { PULUMI_CONFIG_PASSPHRASE: '${{ secrets.PULUMI_CONFIG_PASSPHRASE }}' };

const pulumiSteps = (d: PipelineDeployment): EngineSteps => ({
  // Without a `command`, pulumi/actions only installs the CLI.
  setup: () => [{ name: 'Install the Pulumi CLI', uses: uses(ACTIONS.pulumi) }],
  plan: (environment) => [
    pulumiSelect(d, environment, false),
    { name: 'Plan: pulumi preview', env: PULUMI_ENV, run: `set -o pipefail\npulumi preview --diff --color never 2>&1 | tee ${PLAN_FILE}` },
  ],
  deploy: (environment) => [
    pulumiSelect(d, environment, true),
    { name: `Deploy: pulumi up ${d.name}-${environment}`, env: PULUMI_ENV, run: 'pulumi up --yes --skip-preview --color never' },
  ],
});

export function engineSteps(d: PipelineDeployment): EngineSteps {
  switch (d.engine) {
    case 'cdk': return cdkSteps(d);
    case 'terraform': return terraformSteps(d);
    case 'pulumi': return pulumiSteps(d);
  }
}
