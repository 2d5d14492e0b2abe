/**
 * Renders the `github-deploy-role` stack on CDK, cdktf and Pulumi and validates each output with the
 * checks every blueprint passes (cdk-nag, cfn-guard, CloudFormation schema, Terraform JSON, Pulumi).
 * The stack is not a model deployment (no spec, no plan), so it has its own renderer beside renderBlueprint.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App as CdkApp } from 'aws-cdk-lib';
import { App as TerraformApp } from 'cdktf';
import { GITHUB_DEPLOY_ROLE_STACK, GithubDeployRoleStack } from '../../stacks/cdk/github-deploy-role-stack';
import { renderGithubDeployRolePulumi } from '../../stacks/pulumi/github-deploy-role';
import { GithubDeployRoleTerraformStack } from '../../stacks/terraform/github-deploy-role-stack';
import type { GithubDeployAccessInputs } from '../pipeline/github-oidc';
import { addSecurityChecks, synthWithSecurityChecks } from '../validation/cdk-security';
import { validateCloudFormationTemplate } from '../validation/cloudformation-schema';
import { capturePulumiProgram, validatePulumiResources, type RecordedPulumiResource } from '../validation/pulumi-mocks';
import { GUARD_RULES_NOT_ADOPTED } from '../validation/security-policy';
import { validateTerraformJson } from '../validation/terraform';
import type { ValidationFinding } from '../validation/types';
import { CDK_FEATURE_FLAGS } from './cdk-feature-flags';
import { committedCdkContext } from './project-files';

export interface RenderedGithubDeployRole {
  readonly cdk: { readonly template: Record<string, any> };
  readonly terraform: { readonly json: Record<string, any> };
  readonly pulumi: { readonly resources: readonly RecordedPulumiResource[] };
  readonly findings: readonly ValidationFinding[];
}

function renderCdk(access: GithubDeployAccessInputs): { template: Record<string, any>; findings: ValidationFinding[] } {
  const outdir = mkdtempSync(join(tmpdir(), 'aimd-gh-cdk-'));
  try {
    // aws-cdk-lib's built-in template validation only warns (seconds per app): left to `aimd synth`, like renderBlueprint.
    const app = new CdkApp({ outdir, context: { ...committedCdkContext(), ...CDK_FEATURE_FLAGS }, builtinCloudFormationValidation: false });
    new GithubDeployRoleStack(app, GITHUB_DEPLOY_ROLE_STACK, { access });
    addSecurityChecks(app, { cfnGuard: true, disabledGuardRules: Object.keys(GUARD_RULES_NOT_ADOPTED) });
    const { assembly, findings } = synthWithSecurityChecks(app);
    const template = assembly?.getStackByName(GITHUB_DEPLOY_ROLE_STACK).template as Record<string, any>;
    return { template, findings: [...findings, ...validateCloudFormationTemplate(template, { stackName: GITHUB_DEPLOY_ROLE_STACK })] };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function renderTerraform(access: GithubDeployAccessInputs): { json: Record<string, any>; findings: ValidationFinding[] } {
  const outdir = mkdtempSync(join(tmpdir(), 'aimd-gh-tf-'));
  try {
    const app = new TerraformApp({ outdir, skipValidation: false });
    new GithubDeployRoleTerraformStack(app, GITHUB_DEPLOY_ROLE_STACK, { access });
    app.synth();
    const json = JSON.parse(readFileSync(join(outdir, 'stacks', GITHUB_DEPLOY_ROLE_STACK, 'cdk.tf.json'), 'utf8'));
    return { json, findings: validateTerraformJson(json, GITHUB_DEPLOY_ROLE_STACK) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Renders and validates the stack on the three engines for the same inputs. */
export async function renderGithubDeployRole(access: GithubDeployAccessInputs): Promise<RenderedGithubDeployRole> {
  const cdk = renderCdk(access);
  const terraform = renderTerraform(access);
  const resources = await capturePulumiProgram(() => { renderGithubDeployRolePulumi(access); }, { project: 'ai-model-deployment', stack: GITHUB_DEPLOY_ROLE_STACK });
  return {
    cdk: { template: cdk.template },
    terraform: { json: terraform.json },
    pulumi: { resources },
    findings: [...cdk.findings, ...terraform.findings, ...validatePulumiResources(resources)],
  };
}
