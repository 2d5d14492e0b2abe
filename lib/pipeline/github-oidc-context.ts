/**
 * Reads the `github-deploy-role` stack's inputs from key/value settings (CDK context `-c github-...`),
 * so that `npx cdk deploy github-deploy-role -c github-repository=org/repo` needs no code.
 */
import type { TargetKind } from '../spec/types';
import type { PipelineEngine } from './engine-steps';
import type { GithubDeployAccessInputs } from './github-oidc';

/** The context keys, all optional except `github-repository`. */
export const GITHUB_CONTEXT_KEYS = {
  repository: 'github-repository',
  deploys: 'github-deploys',
  engine: 'github-engine',
  stateBucket: 'github-state-bucket',
  environments: 'github-environments',
  targetKinds: 'github-target-kinds',
  providerArn: 'github-oidc-provider-arn',
} as const;

const list = (value: unknown): string[] | undefined => (typeof value === 'string' && value.trim() !== '' ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/**
 * The stack's inputs, or undefined when `github-repository` is not set (the stack is then not rendered).
 * Values are validated by describeGithubDeployAccess, which names each bad one.
 */
export function githubDeployAccessFromSettings(
  get: (key: string) => unknown,
  defaults: { readonly account: string; readonly region: string; readonly stacks: readonly string[]; readonly targetKinds: readonly TargetKind[] },
): GithubDeployAccessInputs | undefined {
  const repository = get(GITHUB_CONTEXT_KEYS.repository);
  if (typeof repository !== 'string' || repository === '') return undefined;
  const engine = (get(GITHUB_CONTEXT_KEYS.engine) as string | undefined) ?? 'cdk';
  const stateBucket = get(GITHUB_CONTEXT_KEYS.stateBucket);
  const providerArn = get(GITHUB_CONTEXT_KEYS.providerArn);
  return {
    repository,
    account: defaults.account,
    region: defaults.region,
    // An unknown engine is reported by describeGithubDeployAccess with the allowed values.
    engine: engine as PipelineEngine,
    stacks: list(get(GITHUB_CONTEXT_KEYS.deploys)) ?? [...defaults.stacks],
    targetKinds: (list(get(GITHUB_CONTEXT_KEYS.targetKinds)) as TargetKind[] | undefined) ?? [...defaults.targetKinds],
    ...(list(get(GITHUB_CONTEXT_KEYS.environments)) !== undefined && { environments: list(get(GITHUB_CONTEXT_KEYS.environments)) }),
    ...(typeof stateBucket === 'string' && { stateBucket }),
    ...(typeof providerArn === 'string' && { existingProviderArn: providerArn }),
  };
}
