/** The refusal of a blueprint whose cloud the AWS CDK cannot deploy to. */
import type { BlueprintEngine } from '../blueprint';

/** Throws the error `renderCdk` gives for a blueprint of another cloud. */
export function refuseCdk(name: string, cloud: string, engines: readonly BlueprintEngine[]): never {
  throw new Error(
    `Blueprint '${name}' deploys to ${cloud}, which the AWS CDK cannot deploy to (CloudFormation is AWS-only). ` +
    `Fix: render it with ${engines.join(' or ')}: aimd synth --blueprint ${name} --engine ${engines[0]} (docs/clouds/).`,
  );
}
