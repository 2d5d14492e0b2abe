/** `-c github-...` context keys turn into the github-deploy-role stack's inputs. */
import { describeGithubDeployAccess } from '../../lib/pipeline/github-oidc';
import { githubDeployAccessFromSettings } from '../../lib/pipeline/github-oidc-context';

const DEFAULTS = { account: '123456789012', region: 'eu-west-1', stacks: ['llm-eks'], targetKinds: ['eks'] } as const;

test('GIVEN no github-repository THEN the stack is not rendered', () => {
  expect(githubDeployAccessFromSettings(() => undefined, DEFAULTS)).toBeUndefined();
});

test('GIVEN only github-repository THEN CDK roles for the rendered blueprints in staging and production', () => {
  const inputs = githubDeployAccessFromSettings((k) => ({ 'github-repository': 'my-org/my-models' } as Record<string, string>)[k], DEFAULTS)!;
  expect(inputs).toEqual({ repository: 'my-org/my-models', account: '123456789012', region: 'eu-west-1', engine: 'cdk', stacks: ['llm-eks'], targetKinds: ['eks'] });
  expect(describeGithubDeployAccess(inputs).roles.map((r) => r.id)).toEqual(['DeployStaging', 'DeployProduction', 'Plan']);
});

test('GIVEN comma lists, an engine and a state bucket THEN they override the defaults', () => {
  const context: Record<string, string> = {
    'github-repository': 'my-org/my-models', 'github-engine': 'pulumi', 'github-state-bucket': 'my-state', 'github-deploys': 'a, b', 'github-environments': 'prod', 'github-target-kinds': 'lambda,sagemaker',
  };
  const inputs = githubDeployAccessFromSettings((k) => context[k], DEFAULTS)!;
  expect(inputs).toMatchObject({ engine: 'pulumi', stateBucket: 'my-state', stacks: ['a', 'b'], environments: ['prod'], targetKinds: ['lambda', 'sagemaker'] });
});

test('GIVEN an unknown engine THEN describing the access names the field and the allowed values', () => {
  const inputs = githubDeployAccessFromSettings((k) => ({ 'github-repository': 'my-org/my-models', 'github-engine': 'ansible' } as Record<string, string>)[k], DEFAULTS)!;
  expect(() => describeGithubDeployAccess(inputs)).toThrow(/engine \('ansible'\): must be one of cdk, terraform, pulumi/);
});
