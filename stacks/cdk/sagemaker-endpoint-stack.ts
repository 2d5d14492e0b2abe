/**
 * The CDK stack of the `sagemaker-*` blueprints: one SageMaker endpoint (with its key, buckets,
 * network, guardrails, autoscaling and monitoring) from the blueprint's plan.
 */
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { deploymentCostTags } from '../../lib/budgets/deployment-budget';
import { describeSageMakerEndpoint } from '../../lib/sagemaker/describe-endpoint';
import type { EndpointOptions } from '../../lib/sagemaker/options';
import { s3Uri } from '../../lib/sagemaker/refs';
import { SageMakerEndpointNetwork } from '../../constructs/cdk/sagemaker/endpoint-network';
import { SageMakerEndpointStorage } from '../../constructs/cdk/sagemaker/endpoint-storage';
import { SageMakerModelEndpoint } from '../../constructs/cdk/sagemaker/model-endpoint';
import { regionalEndpointOf } from '../../lib/disaster-recovery/sagemaker-standby';
import { addSageMakerDisasterRecovery, type SageMakerRegionRole } from './sagemaker-disaster-recovery';

export interface SageMakerEndpointStackProps extends StackProps {
  /** The blueprint's planned deployment. */
  readonly context: BlueprintContext;
  /** SageMaker-only choices (shadow model, monitored features, registry). */
  readonly endpointOptions?: EndpointOptions;
  /** The region this stack renders of a spec with `disasterRecovery` (its context is that region's). @default - no standby region */
  readonly disasterRecovery?: SageMakerRegionRole;
}

export class SageMakerEndpointStack extends Stack {
  public readonly endpoint: SageMakerModelEndpoint;

  constructor(scope: Construct, id: string, props: SageMakerEndpointStackProps) {
    const { context } = props;
    const spec = context.plan.spec;
    super(scope, id, {
      ...props,
      env: props.env ?? { account: context.env.account, region: context.env.region },
      description: props.description ?? `${spec.description} (ai-model-deployment, SageMaker)`,
    });
    this.endpoint = addSageMakerEndpoint(this, context, props.endpointOptions, props.disasterRecovery);
  }
}

/** Adds a planned SageMaker endpoint (key, buckets, network, endpoint, tags, outputs) to a stack. */
export function addSageMakerEndpoint(stack: Stack, context: BlueprintContext, endpointOptions?: EndpointOptions, disasterRecovery?: SageMakerRegionRole): SageMakerModelEndpoint {
  const spec = context.plan.spec;
  const description = describeSageMakerEndpoint(context.plan, endpointOptions);
  const kmsKey = spec.security.kmsKey;
  const storage = new SageMakerEndpointStorage(stack, 'Storage', {
    encryptionKey: kmsKey === 'create' ? undefined : kms.Key.fromKeyArn(stack, 'Key', kmsKey.keyArn),
    // The other region names this bucket before it exists (replication source or replica).
    ...(disasterRecovery && { artifactsBucketName: regionalEndpointOf(disasterRecovery.standby, disasterRecovery.role).artifactsBucket }),
  });
  const vpc = spec.security.vpc;
  const network = description.vpc
    ? new SageMakerEndpointNetwork(stack, 'Network', 'vpcId' in vpc ? { vpcId: vpc.vpcId, subnetIds: vpc.privateSubnetIds } : { encryptionKey: storage.encryptionKey })
    : undefined;
  const endpoint = new SageMakerModelEndpoint(stack, 'Endpoint', { description, storage, network });
  if (disasterRecovery) addSageMakerDisasterRecovery(stack, disasterRecovery, storage, endpoint);

  // The deployment's cost-allocation tag scopes its budget (lib/budgets/deployment-budget.ts).
  for (const [key, value] of Object.entries({ ...spec.tags, ...deploymentCostTags(spec.name) })) Tags.of(stack).add(key, value);
  const names = { artifacts: storage.artifactsBucket.bucketName, data: storage.dataBucket.bucketName };
  new CfnOutput(stack, 'EndpointName', { value: description.endpointName });
  new CfnOutput(stack, 'ModelArtifacts', { value: s3Uri(description.models[0]!.artifacts.location, names), description: 'Upload the model here before the endpoint starts' });
  new CfnOutput(stack, 'DataBucket', { value: storage.dataBucket.bucketName, description: 'Captured requests, async results and Model Monitor files' });
  return endpoint;
}
