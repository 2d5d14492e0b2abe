/**
 * The Pulumi program of the `sagemaker-*` blueprints: the same endpoint the CDK and Terraform stacks
 * deploy, from the same engine-neutral description.
 */
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { describeSageMakerEndpoint } from '../../lib/sagemaker/describe-endpoint';
import type { EndpointOptions } from '../../lib/sagemaker/options';
import { SageMakerEndpointNetwork } from '../../constructs/pulumi/sagemaker/endpoint-network';
import { SageMakerEndpointStorage } from '../../constructs/pulumi/sagemaker/endpoint-storage';
import { SageMakerModelEndpoint } from '../../constructs/pulumi/sagemaker/model-endpoint';

/**
 * Registers the endpoint of a SageMaker blueprint in the running Pulumi program.
 * @param opts options of every component it creates, e.g. `{ parent }` to group them under a component
 */
export function renderSageMakerEndpointPulumi(context: BlueprintContext, options: EndpointOptions = {}, callerOpts: pulumi.ComponentResourceOptions = {}): SageMakerModelEndpoint {
  const spec = context.plan.spec;
  const region = context.env.region;
  const description = describeSageMakerEndpoint(context.plan, options);
  // Tags every resource, the deployment's cost-allocation tag among them (its budget filters on it), unless the
  // caller brings its own providers.
  const opts: pulumi.ComponentResourceOptions = callerOpts.providers !== undefined ? callerOpts : {
    ...callerOpts,
    providers: { aws: new aws.Provider(`${spec.name}-aws`, { region: region as aws.Region, defaultTags: { tags: { ...description.tags, 'managed-by': 'ai-model-deployment' } } }, { parent: callerOpts.parent }) },
  };
  const kms = spec.security.kmsKey;
  const storage = new SageMakerEndpointStorage(`${spec.name}-storage`, { namePrefix: spec.name.slice(0, 30), region, allowBudgetsPublish: description.budget !== undefined, ...(kms === 'create' ? {} : { kmsKeyArn: kms.keyArn }) }, opts);
  const vpc = spec.security.vpc;
  const network = description.vpc
    ? new SageMakerEndpointNetwork(`${spec.name}-network`, { name: spec.name, region, kmsKeyArn: storage.kmsKeyArn, ...('vpcId' in vpc ? { vpcId: vpc.vpcId, subnetIds: vpc.privateSubnetIds } : {}) }, opts)
    : undefined;
  const identity = aws.getCallerIdentityOutput({}, { parent: opts.parent });
  const partition = aws.getPartitionOutput({}, { parent: opts.parent });
  return new SageMakerModelEndpoint(spec.name, {
    description,
    resources: {
      artifactsBucketName: storage.artifactsBucket.bucket,
      dataBucketName: storage.dataBucket.bucket,
      kmsKeyArn: storage.kmsKeyArn,
      region,
      accountId: identity.accountId,
      partition: partition.partition,
    },
    ...(network ? { network: { subnetIds: network.subnetIds, securityGroupId: network.securityGroupId } } : {}),
  }, opts);
}
