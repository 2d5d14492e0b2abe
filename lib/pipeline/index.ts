/**
 * Continuous delivery on GitHub Actions: the deployment workflow builder, the GitHub OIDC deploy access
 * description, and the workflow checks (vendored schema + lint rules). Engine-free.
 */
export { ACTIONS, type PinnedAction } from './actions';
export { buildDeployWorkflow, DEPLOY_ROLE_VARIABLE, PLAN_ROLE_VARIABLE, type DeliveryEnvironments, type DeployWorkflowOptions } from './deploy-workflow';
export { engineSteps, PIPELINE_ENGINES, type PipelineDeployment, type PipelineEngine, type SpecSource } from './engine-steps';
export { formatWorkflowFindings, type WorkflowFinding } from './findings';
export * from './github-oidc';
export { githubDeployAccessFromSettings, GITHUB_CONTEXT_KEYS } from './github-oidc-context';
export { smokeCheckSteps } from './smoke-checks';
export { renderWorkflowYaml, type GitHubWorkflow, type WorkflowJob, type WorkflowStep } from './workflow';
export { checkWorkflow, lintWorkflow, type WorkflowLintOptions } from './workflow-lint';
export { validateWorkflowSchema } from './workflow-schema';
