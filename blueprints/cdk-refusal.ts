/**
 * The refusal of a non-AWS blueprint's `renderCdk`: CDK synthesizes CloudFormation, which deploys to AWS only.
 * An InputValidationError, so that the CDK app prints it (with the engines to use) without a stack trace.
 */
import { InputValidationError } from '../lib/errors';
import type { CloudProvider } from '../lib/spec/types';

export function cdkIsAwsOnly(blueprint: string, cloud: CloudProvider): InputValidationError {
  return new InputValidationError(`Blueprint '${blueprint}'`, [{
    field: 'engine', value: 'cdk',
    message: `cannot render on CDK: the blueprint deploys to ${cloud}, and CDK is AWS-only (it synthesizes CloudFormation)`,
    fix: `use cdktf (aimd synth --blueprint ${blueprint} --engine terraform, then terraform -chdir=out/terraform/${blueprint} apply) or Pulumi (pulumi config set aimd:blueprint ${blueprint}; pulumi up)`,
  }]);
}
