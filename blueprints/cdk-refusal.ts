/**
 * The refusal of a non-AWS blueprint's `renderCdk`: CDK synthesizes CloudFormation, which deploys to AWS only.
 * An InputValidationError, so that the CDK app prints it (with the engines to use) without a stack trace.
 */
import { InputValidationError } from '../lib/errors';
import type { BlueprintEngine } from './blueprint';

/** How each engine renders a blueprint from this project (the fix of the refusal). */
const ENGINE_COMMANDS: Readonly<Record<Exclude<BlueprintEngine, 'cdk'>, (blueprint: string) => string>> = {
  terraform: (b) => `cdktf (aimd synth --blueprint ${b} --engine terraform, then terraform -chdir=out/terraform/${b} apply)`,
  pulumi: (b) => `Pulumi (pulumi config set aimd:blueprint ${b}; pulumi up)`,
  kubernetes: (b) => `the plain manifests (aimd synth --blueprint ${b} --engine kubernetes, then kubectl apply -f out/kubernetes/${b})`,
};

/**
 * @param where what the blueprint deploys to, e.g. `azure`, `Google Cloud (Vertex AI)`, `an existing Kubernetes cluster`
 * @param engines the engines the blueprint renders on (its `engines`)
 */
export function cdkIsAwsOnly(blueprint: string, where: string, engines: readonly BlueprintEngine[] = ['terraform', 'pulumi']): InputValidationError {
  const others = engines.filter((e): e is Exclude<BlueprintEngine, 'cdk'> => e !== 'cdk');
  return new InputValidationError(`Blueprint '${blueprint}'`, [{
    field: 'engine', value: 'cdk',
    message: `cannot render on CDK: the blueprint deploys to ${where}, and CDK is AWS-only (it synthesizes CloudFormation)`,
    fix: `use ${others.map((e) => ENGINE_COMMANDS[e](blueprint)).join(', or ')}`,
  }]);
}
