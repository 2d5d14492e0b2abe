/**
 * The CDK stack of the `sagemaker-*` blueprints: one SageMaker endpoint (with its key, buckets,
 * network, guardrails, autoscaling and monitoring) from the blueprint's plan.
 */
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { describeSageMakerEndpoint } from '../../lib/sagemaker/describe-endpoint';
import type { EndpointOptions } from '../../lib/sagemaker/options';
import { s3Uri } from '../../lib/sagemaker/refs';
import { SageMakerEndpointNetwork } from '../../constructs/cdk/sagemaker/endpoint-network';
import { SageMakerEndpointStorage } from '../../constructs/cdk/sagemaker/endpoint-storage';
import { SageMakerModelEndpoint } from '../../constructs/cdk/sagemaker/model-endpoint';

export interface SageMakerEndpointStackProps extends StackProps {
  /** The blueprint's planned deployment. */
  readonly context: BlueprintContext;
  /** SageMaker-only choices (shadow model, monitored features, registry). */
  readonly endpointOptions?: EndpointOptions;
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
    const description = describeSageMakerEndpoint(context.plan, props.endpointOptions);
    const kmsKey = spec.security.kmsKey;
    const storage = new SageMakerEndpointStorage(this, 'Storage', {
      encryptionKey: kmsKey === 'create' ? undefined : kms.Key.fromKeyArn(this, 'Key', kmsKey.keyArn),
    });
    const vpc = spec.security.vpc;
    const network = description.vpc
      ? new SageMakerEndpointNetwork(this, 'Network', 'vpcId' in vpc ? { vpcId: vpc.vpcId, subnetIds: vpc.privateSubnetIds } : { encryptionKey: storage.encryptionKey })
      : undefined;
    this.endpoint = new SageMakerModelEndpoint(this, 'Endpoint', { description, storage, network });

    for (const [key, value] of Object.entries(spec.tags)) Tags.of(this).add(key, value);
    const names = { artifacts: storage.artifactsBucket.bucketName, data: storage.dataBucket.bucketName };
    new CfnOutput(this, 'EndpointName', { value: description.endpointName });
    new CfnOutput(this, 'ModelArtifacts', { value: s3Uri(description.models[0]!.artifacts.location, names), description: 'Upload the model here before the endpoint starts' });
    new CfnOutput(this, 'DataBucket', { value: storage.dataBucket.bucketName, description: 'Captured requests, async results and Model Monitor files' });
  }
}
