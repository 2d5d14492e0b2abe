/** Outputs every serverless Terraform stack shares, including the command that starts a CodeDeploy release. */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { createDeploymentCommand } from '../../lib/inference/deployment/appspec';
import type { ServerlessDeploymentConfig } from '../../lib/inference/deployment/config';

export function addServerlessOutputs(scope: Construct, config: ServerlessDeploymentConfig): void {
  new TerraformOutput(scope, 'model_location', {
    value: `s3://${config.model.bucket}/${config.model.key}`,
    description: 'Upload the .onnx file here; pin its VersionId and SHA-256 in the spec and apply to publish a new version',
  });
  new TerraformOutput(scope, 'function_alias', { value: `${config.names.functionName}:${config.names.aliasName}` });
  new TerraformOutput(scope, 'release_command', {
    value: createDeploymentCommand(config.names.codeDeployApplication, config.names.deploymentGroup, {
      functionName: config.names.functionName, aliasName: config.names.aliasName, currentVersion: '<version the alias serves>', targetVersion: '<newly published version>',
    }),
    description: 'Shift the live alias to a new version through CodeDeploy (canary/linear, automatic rollback on alarms)',
  });
}
