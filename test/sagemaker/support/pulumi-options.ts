/**
 * Resource options are not part of what the Pulumi mocks record; a transformation on a parent
 * component sees them. Used to check `retainOnDelete` on the buckets and key of the storage component
 * every SageMaker Pulumi program uses.
 */
import type * as pulumi from '@pulumi/pulumi';
import { SageMakerEndpointStorage } from '../../../constructs/pulumi/sagemaker/endpoint-storage';
import { capturePulumiProgram } from '../../../lib/validation/pulumi-mocks';

/** Types of the storage component's resources registered with `retainOnDelete`. */
export async function pulumiRetainedStorage(): Promise<string[]> {
  const retained: string[] = [];
  const record: pulumi.ResourceTransformation = (args) => {
    if (args.opts.retainOnDelete) retained.push(args.type);
    return undefined;
  };
  await capturePulumiProgram(() => { new SageMakerEndpointStorage('storage', { namePrefix: 'retention-test', region: 'us-east-1' }, { transformations: [record] }); });
  return retained;
}
