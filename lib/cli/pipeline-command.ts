/**
 * `aimd pipeline github`: writes the GitHub Actions workflow that delivers one deployment (plan on pull
 * requests, staging then approved production on main, smoke checks after each deploy). The workflow is
 * checked against the GitHub workflow schema and our lint rules before it is written.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputValidationError, ProblemCollector } from '../errors';
import { buildDeployWorkflow, DEPLOY_ROLE_VARIABLE, PLAN_ROLE_VARIABLE } from '../pipeline/deploy-workflow';
import { PIPELINE_ENGINES, type PipelineEngine, type SpecSource } from '../pipeline/engine-steps';
import { formatWorkflowFindings } from '../pipeline/findings';
import { loadTestSteps } from '../pipeline/load-test-steps';
import { smokeCheckSteps } from '../pipeline/smoke-checks';
import { planDeployment } from '../plan/deployment-plan';
import { renderWorkflowYaml } from '../pipeline/workflow';
import { checkWorkflow } from '../pipeline/workflow-lint';
import { loadSpecFile } from '../spec/load-file';
import { resolveDeploymentSpec } from '../spec/resolve';
import type { DeploymentSpecInput } from '../spec/types';
import { choiceFlag, parseFlags } from './args';
import { PIPELINE_COMMAND } from './pipeline-flags';
import type { CommandResult } from './synth-flags';

/** The environments every generated workflow uses; documented in docs/delivery.md. */
export const PIPELINE_ENVIRONMENTS = ['staging', 'production'] as const;

const looksLikeFile = (value: string): boolean => /\.(ya?ml|json)$/i.test(value) || value.includes('/') || value.includes(sep);

/** Reads `--spec`: a file in the repository, or a blueprint (loaded lazily: it imports every engine). */
async function readSpec(value: string, cwd: string): Promise<{ source: SpecSource; spec: DeploymentSpecInput }> {
  if (looksLikeFile(value) || existsSync(resolve(cwd, value))) {
    const absolute = resolve(cwd, value);
    const inRepo = relative(cwd, absolute);
    if (inRepo.startsWith('..') || isAbsolute(inRepo)) {
      throw new InputValidationError('aimd pipeline github', [{ field: '--spec', value, message: 'is outside the repository, so CI cannot read it', fix: 'move the spec file into the repository and pass its relative path' }]);
    }
    const { spec } = loadSpecFile(absolute);
    return { source: { kind: 'spec-file', path: inRepo.split(sep).join('/') }, spec };
  }
  const { ALL_BLUEPRINTS } = await import('../../blueprints');
  const blueprint = ALL_BLUEPRINTS.find((b) => b.name === value);
  if (!blueprint) {
    throw new InputValidationError('aimd pipeline github', [{ field: '--spec', value, message: 'is neither a spec file nor a blueprint', fix: `pass a spec file path or one of ${ALL_BLUEPRINTS.map((b) => b.name).join(', ')}` }]);
  }
  return { source: { kind: 'blueprint', name: blueprint.name }, spec: blueprint.spec };
}

export interface GeneratedPipeline {
  readonly path: string;
  readonly yaml: string;
}

/** Builds, checks and writes the workflow; returns where it went. @throws InputValidationError */
export async function generateGithubPipeline(argv: readonly string[], cwd = process.cwd()): Promise<GeneratedPipeline> {
  // `aimd pipeline --help` and `aimd pipeline --spec x` (no CI system) still parse the flags.
  const hasTarget = argv[0] !== undefined && !argv[0].startsWith('-');
  const target = hasTarget ? argv[0] : undefined;
  const rest = hasTarget ? argv.slice(1) : argv;
  const values = parseFlags(PIPELINE_COMMAND, rest);
  const problems = new ProblemCollector();
  problems.check(target === 'github', '(CI system)', target, target === undefined ? 'is missing' : 'is not supported', 'use `aimd pipeline github`');
  problems.check(typeof values.spec === 'string', '--spec', values.spec, 'is required', 'pass --spec <file|blueprint>');
  const engine = choiceFlag<PipelineEngine>(problems, values, 'engine', PIPELINE_ENGINES) ?? 'cdk';
  problems.throwIfAny('aimd pipeline');
  const { source, spec: input } = await readSpec(values.spec as string, cwd);
  const spec = resolveDeploymentSpec(input);
  const workflow = buildDeployWorkflow({
    deployment: { name: spec.name, region: spec.region, engine, source },
    smokeChecks: smokeCheckSteps(spec),
    // Only vLLM on EKS has a load test so far; planning other specs here would only cost time.
    stagingLoadTest: spec.target.kind === 'eks' && spec.runtime.engine === 'vllm' ? loadTestSteps(spec, planDeployment(spec), PIPELINE_ENVIRONMENTS[0]) : [],
    environments: { staging: PIPELINE_ENVIRONMENTS[0], production: PIPELINE_ENVIRONMENTS[1] },
  });
  const file = `deploy-${spec.name}.yml`;
  const findings = checkWorkflow(workflow, { file, environments: PIPELINE_ENVIRONMENTS });
  if (findings.length > 0) throw new Error(`generated workflow ${file} fails its own checks:\n${formatWorkflowFindings(findings)}`);
  const yaml = renderWorkflowYaml(workflow, [
    `Generated by \`aimd pipeline github --spec ${values.spec as string} --engine ${engine}\`; regenerate rather than edit.`,
    `Setup (OIDC roles, environments, approvals, state buckets): docs/delivery.md.`,
  ]);
  const path = join(resolve(cwd, (values.out as string | undefined) ?? join('.github', 'workflows')), file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, yaml);
  return { path, yaml };
}

export async function runPipeline(argv: readonly string[]): Promise<CommandResult> {
  const { path } = await generateGithubPipeline(argv);
  return {
    output: [
      `Wrote ${relative(process.cwd(), path) || path}.`,
      `Before it runs: deploy the github-deploy-role stack, set the repository variable ${PLAN_ROLE_VARIABLE} and, in the`,
      `environments ${PIPELINE_ENVIRONMENTS.join(' and ')}, the variable ${DEPLOY_ROLE_VARIABLE}; require reviewers on production (docs/delivery.md).`,
    ].join('\n'),
    exitCode: 0,
  };
}
