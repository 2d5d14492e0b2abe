/**
 * The CDK stack of the `batch-scoring` blueprint: S3 input prefix -> Step Functions Distributed Map ->
 * the inference function in batch mode -> S3 output prefix, started on a schedule or by new objects.
 */
import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { BatchScoringWorkflow } from '../../constructs/cdk/serverless/batch-scoring-workflow';
import { ServerlessInference } from '../../constructs/cdk/serverless/serverless-inference';
import type { ServerlessDeploymentConfig } from '../../lib/inference/deployment/config';
import type { BatchTransformSettings } from '../../lib/inference/deployment/state-machine';
import { addServerlessOutputs } from './serverless-outputs';

export interface BatchScoringStackProps extends StackProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** SageMaker Batch Transform settings for the `sagemaker-batch-transform` executor. @default - none */
  readonly transform?: Omit<BatchTransformSettings, 'kmsKeyArn'>;
}

export class BatchScoringStack extends Stack {
  public readonly inference: ServerlessInference;
  public readonly workflow: BatchScoringWorkflow;

  constructor(scope: Construct, id: string, props: BatchScoringStackProps) {
    super(scope, id, { ...props, description: props.description ?? `Batch scoring with ONNX on Lambda and Step Functions for ${props.config.name} (ai-model-deployment)` });
    const { config } = props;
    this.inference = new ServerlessInference(this, 'Inference', { config });
    this.workflow = new BatchScoringWorkflow(this, 'Workflow', {
      config,
      encryptionKey: this.inference.key.key,
      transform: props.transform,
      dependsOn: [this.inference.inference.alias, this.inference.monitoring.alarmTopic, ...(this.inference.buckets.dataBucket ? [this.inference.buckets.dataBucket] : [])],
    });
    for (const [key, value] of Object.entries(config.tags)) Tags.of(this).add(key, value);
    const batch = config.batch!;
    new CfnOutput(this, 'InputPrefix', { value: `s3://${config.names.dataBucket}/${batch.inputPrefix}`, description: 'Put JSON Lines files here (one row per line)' });
    new CfnOutput(this, 'OutputPrefix', { value: `s3://${config.names.dataBucket}/${batch.outputPrefix}` });
    new CfnOutput(this, 'RunManifests', { value: `s3://${config.names.dataBucket}/${batch.runsPrefix}`, description: 'Per-run manifest with SUCCEEDED/FAILED item lists' });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachineArn });
    addServerlessOutputs(this, config);
  }
}
