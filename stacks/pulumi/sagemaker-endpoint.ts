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
import { RegionalEndpointHealth } from '../../constructs/pulumi/disaster-recovery/regional-endpoint-health';
import { BucketReplication } from '../../constructs/pulumi/serverless/bucket-replication';
import { regionalEndpointOf } from '../../lib/disaster-recovery/sagemaker-standby';
import type { SageMakerRegionRendering } from '../../blueprints/sagemaker/standby-region';

/**
 * Registers the endpoint of a SageMaker blueprint in the running Pulumi program.
 * @param opts options of every component it creates, e.g. `{ parent }` to group them under a component
 */
export function renderSageMakerEndpointPulumi(context: BlueprintContext, options: EndpointOptions = {}, callerOpts: pulumi.ComponentResourceOptions = {}): SageMakerModelEndpoint {
  return renderRegion(context, options, callerOpts).endpoint;
}

/**
 * A SageMaker blueprint with a standby region in one program: the standby endpoint (its own `aws.Provider` of the
 * standby region, components `<name>-standby*`), then the primary, whose replication waits for the standby's
 * artifacts bucket and names its key; each region gets its endpoint health check and endpoint directory.
 */
export function renderSageMakerEndpointWithStandbyPulumi(regions: { readonly primary: SageMakerRegionRendering; readonly standby: SageMakerRegionRendering }, options: EndpointOptions = {}) {
  const standby = renderRegion(regions.standby.context, { ...options, ...regions.standby.endpointOptions }, {}, regions.standby);
  new aws.kms.Alias(`${regions.standby.context.name}-replica-key-alias`, { name: regions.standby.disasterRecovery.standby.replicaKeyAlias, targetKeyId: standby.storage.kmsKeyArn }, { parent: standby.storage });
  const primary = renderRegion(regions.primary.context, options, {}, regions.primary);
  const plan = regions.primary.disasterRecovery.standby.replication;
  if (plan !== undefined) {
    new BucketReplication(`${regions.primary.context.name}-replication`, {
      plan, sourceKeyArn: primary.storage.kmsKeyArn, alarmTopicArn: primary.endpoint.alarmTopicArn, standbyKeyArn: standby.storage.kmsKeyArn,
      dependsOn: [primary.storage.artifactsBucket], standbyDependsOn: [standby.storage.artifactsBucket], tags: primary.tags,
    }, { parent: primary.storage });
  }
  return { primary: primary.endpoint, standby: standby.endpoint };
}

/** One region's storage, network and endpoint; with `pair`, its health check and endpoint directory too. */
function renderRegion(context: BlueprintContext, options: EndpointOptions, callerOpts: pulumi.ComponentResourceOptions, pair?: SageMakerRegionRendering) {
  const spec = context.plan.spec;
  // Component names: the spec's, and the standby context's (`<name>-standby`) in the standby region (one program holds both).
  const name = pair?.disasterRecovery.role === 'standby' ? context.name : spec.name;
  const region = context.env.region;
  const description = describeSageMakerEndpoint(context.plan, options);
  // Tags every resource, the deployment's cost-allocation tag among them (its budget filters on it), unless the
  // caller brings its own providers.
  const opts: pulumi.ComponentResourceOptions = callerOpts.providers !== undefined ? callerOpts : {
    ...callerOpts,
    providers: { aws: new aws.Provider(`${name}-aws`, { region: region as aws.Region, defaultTags: { tags: { ...description.tags, 'managed-by': 'ai-model-deployment' } } }, { parent: callerOpts.parent }) },
  };
  const kms = spec.security.kmsKey;
  const storage = new SageMakerEndpointStorage(`${name}-storage`, {
    namePrefix: spec.name.slice(0, 30), region, allowBudgetsPublish: description.budget !== undefined, ...(kms === 'create' ? {} : { kmsKeyArn: kms.keyArn }),
    // The other region names this bucket before it exists (replication source or replica).
    ...(pair && { artifactsBucketName: regionalEndpointOf(pair.disasterRecovery.standby, pair.disasterRecovery.role).artifactsBucket }),
  }, opts);
  const vpc = spec.security.vpc;
  const network = description.vpc
    ? new SageMakerEndpointNetwork(`${name}-network`, { name: spec.name, region, kmsKeyArn: storage.kmsKeyArn, ...('vpcId' in vpc ? { vpcId: vpc.vpcId, subnetIds: vpc.privateSubnetIds } : {}) }, opts)
    : undefined;
  const identity = aws.getCallerIdentityOutput({}, { parent: opts.parent });
  const partition = aws.getPartitionOutput({}, { parent: opts.parent });
  const endpoint = new SageMakerModelEndpoint(name, {
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
  if (pair !== undefined) {
    new RegionalEndpointHealth(`${name}-health`, { standby: pair.disasterRecovery.standby, role: pair.disasterRecovery.role, alarmTopicArn: endpoint.alarmTopicArn }, opts);
  }
  return { endpoint, storage, tags: description.tags };
}
