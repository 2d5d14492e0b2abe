/**
 * The CodeDeploy AppSpec of a Lambda release: shift the alias from the version it serves to a new one.
 * CloudFormation starts these deployments itself (the alias's CodeDeployLambdaAliasUpdate policy);
 * with Terraform and Pulumi, `aws deploy create-deployment` starts them with this AppSpec.
 * AppSpec format: https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-resources.html (read 2025-06).
 */
export interface LambdaRelease {
  readonly functionName: string;
  readonly aliasName: string;
  readonly currentVersion: string;
  readonly targetVersion: string;
}

/** The AppSpec content (JSON) for one release. */
export function lambdaAppSpec(release: LambdaRelease): string {
  return JSON.stringify({
    version: 0.0,
    Resources: [{
      inference: {
        Type: 'AWS::Lambda::Function',
        Properties: { Name: release.functionName, Alias: release.aliasName, CurrentVersion: release.currentVersion, TargetVersion: release.targetVersion },
      },
    }],
  });
}

/** The AWS CLI command that starts a release through CodeDeploy (canary/linear with automatic rollback). */
export function createDeploymentCommand(application: string, deploymentGroup: string, release: LambdaRelease): string {
  const revision = JSON.stringify({ revisionType: 'AppSpecContent', appSpecContent: { content: lambdaAppSpec(release) } });
  return `aws deploy create-deployment --application-name ${application} --deployment-group-name ${deploymentGroup} --revision '${revision}'`;
}
