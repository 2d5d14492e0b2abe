/**
 * The Terraform (cdktf) stack of the `sagemaker-*` blueprints: the same endpoint the CDK stack
 * deploys, from the same engine-neutral description.
 */
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { deploymentCostTags } from '../../lib/budgets/deployment-budget';
import { describeSageMakerEndpoint } from '../../lib/sagemaker/describe-endpoint';
import type { EndpointOptions } from '../../lib/sagemaker/options';
import { s3Uri } from '../../lib/sagemaker/refs';
import { SageMakerEndpointNetwork } from '../../constructs/terraform/sagemaker/endpoint-network';
import { SageMakerEndpointStorage } from '../../constructs/terraform/sagemaker/endpoint-storage';
import { SageMakerModelEndpoint } from '../../constructs/terraform/sagemaker/model-endpoint';
import { regionalEndpointOf } from '../../lib/disaster-recovery/sagemaker-standby';
import { addSageMakerDisasterRecoveryTerraform, type SageMakerRegionRole } from './sagemaker-disaster-recovery';

export interface SageMakerEndpointTerraformStackProps {
  /** The blueprint's planned deployment. */
  readonly context: BlueprintContext;
  /** SageMaker-only choices (shadow model, monitored features, registry). @default - none */
  readonly endpointOptions?: EndpointOptions;
  /** The region this stack renders of a spec with `disasterRecovery` (its context is that region's). @default - no standby region */
  readonly disasterRecovery?: SageMakerRegionRole;
}

export class SageMakerEndpointTerraformStack extends TerraformStack {
  public readonly endpoint: SageMakerModelEndpoint;

  constructor(scope: Construct, id: string, props: SageMakerEndpointTerraformStackProps) {
    super(scope, id);
    ({ endpoint: this.endpoint } = addSageMakerEndpointTerraform(this, props));
  }
}

/** Adds the AWS provider and a planned SageMaker endpoint (storage, network, endpoint, outputs) to a stack. */
export function addSageMakerEndpointTerraform(stack: TerraformStack, props: SageMakerEndpointTerraformStackProps): { endpoint: SageMakerModelEndpoint } {
  const { context } = props;
  const spec = context.plan.spec;
  const description = describeSageMakerEndpoint(context.plan, props.endpointOptions);
  new AwsProvider(stack, 'aws', { region: context.env.region, defaultTags: [{ tags: { ...spec.tags, ...deploymentCostTags(spec.name), 'managed-by': 'ai-model-deployment' } }] });
  const identity = new DataAwsCallerIdentity(stack, 'Identity');
  const partition = new DataAwsPartition(stack, 'Partition');
  const kms = spec.security.kmsKey;
  const storage = new SageMakerEndpointStorage(stack, 'Storage', {
    namePrefix: spec.name.slice(0, 30),
    kmsKeyArn: kms === 'create' ? undefined : kms.keyArn,
    accountId: identity.accountId,
    partition: partition.partition,
    region: context.env.region,
    allowBudgetsPublish: description.budget !== undefined,
    // The other region names this bucket before it exists (replication source or replica).
    ...(props.disasterRecovery && { artifactsBucketName: regionalEndpointOf(props.disasterRecovery.standby, props.disasterRecovery.role).artifactsBucket }),
  });
  const vpc = spec.security.vpc;
  const network = description.vpc
    ? new SageMakerEndpointNetwork(stack, 'Network', {
        name: spec.name,
        region: context.env.region,
        kmsKeyArn: storage.kmsKeyArn,
        ...('vpcId' in vpc ? { vpcId: vpc.vpcId, subnetIds: vpc.privateSubnetIds } : {}),
      })
    : undefined;
  const resources = {
    artifactsBucketName: storage.artifactsBucket.bucket,
    dataBucketName: storage.dataBucket.bucket,
    kmsKeyArn: storage.kmsKeyArn,
    region: context.env.region,
    accountId: identity.accountId,
    partition: partition.partition,
  };
  const endpoint = new SageMakerModelEndpoint(stack, 'Endpoint', {
    description,
    resources,
    ...(network ? { network: { subnetIds: network.subnetIds, securityGroupId: network.securityGroupId } } : {}),
  });
  if (props.disasterRecovery) addSageMakerDisasterRecoveryTerraform(stack, props.disasterRecovery, storage, endpoint);
  new TerraformOutput(stack, 'endpoint_name', { value: description.endpointName });
  new TerraformOutput(stack, 'model_artifacts', { value: s3Uri(description.models[0]!.artifacts.location, { artifacts: resources.artifactsBucketName, data: resources.dataBucketName }), description: 'Upload the model here before the endpoint starts' });
  new TerraformOutput(stack, 'data_bucket', { value: resources.dataBucketName });
  return { endpoint };
}
