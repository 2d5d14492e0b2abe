import * as pulumi from '@pulumi/pulumi';
import { ModelBucket } from '../../constructs/pulumi/eks/model-bucket';
import { capturePulumiProgram } from '../../lib/validation/pulumi-mocks';

/** Resource options are not inputs: read `retainOnDelete` from the registrations themselves. */
async function retainOnDeleteByName(program: () => void): Promise<Map<string, boolean>> {
  const retained = new Map<string, boolean>();
  await capturePulumiProgram(() => {
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: any, callback: unknown): unknown };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
      retained.set(`${req.getType()}::${req.getName()}`, req.getRetainondelete());
      return register(req, callback);
    };
    program();
  });
  return retained;
}

describe('Pulumi ModelBucket', () => {
  it('keeps the bucket, its log bucket and its key on `pulumi destroy` (retainOnDelete), but not the settings around them', async () => {
    // GIVEN a model bucket component
    const retained = await retainOnDeleteByName(() => {
      new ModelBucket('models', { bucketName: 'llm-eks-models-123456789012-us-east-1', accessLogsBucketName: 'llm-eks-logs-123456789012-us-east-1', accountId: '123456789012', partition: 'aws' });
    });
    // THEN the data-holding resources are retained
    expect(retained.get('aws:s3/bucket:Bucket::models-bucket')).toBe(true);
    expect(retained.get('aws:s3/bucket:Bucket::models-access-logs')).toBe(true);
    expect(retained.get('aws:kms/key:Key::models-key')).toBe(true);
    expect(retained.get('aws:s3/bucketVersioning:BucketVersioning::models-bucket')).toBe(false);
  });
});
