/** Stack outputs every serverless inference stack shares: where the model goes and how a release is watched. */
import { CfnOutput, type Stack } from 'aws-cdk-lib';
import type { ServerlessDeploymentConfig } from '../../lib/inference/deployment/config';

export function addServerlessOutputs(stack: Stack, config: ServerlessDeploymentConfig): void {
  new CfnOutput(stack, 'ModelLocation', {
    value: `s3://${config.model.bucket}/${config.model.key}`,
    description: 'Upload the .onnx file here; pin the returned VersionId and the file SHA-256 in the spec (model.artifact.version / sha256) and redeploy to release it',
  });
  new CfnOutput(stack, 'FunctionAlias', { value: `${config.names.functionName}:${config.names.aliasName}` });
  new CfnOutput(stack, 'DeploymentGroup', { value: `${config.names.codeDeployApplication}/${config.names.deploymentGroup}`, description: 'CodeDeploy application/deployment group that shifts the alias (watch or stop releases here)' });
}
