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
    ({ inference: this.inference, workflow: this.workflow } = addBatchScoring(this, props.config, props.transform));
  }
}

/** Adds batch scoring (S3 -> Distributed Map -> the function in batch mode -> S3), tags and outputs to a stack. */
export function addBatchScoring(stack: Stack, config: ServerlessDeploymentConfig, transform?: BatchScoringStackProps['transform']): { inference: ServerlessInference; workflow: BatchScoringWorkflow } {
  const inference = new ServerlessInference(stack, 'Inference', { config });
  const workflow = new BatchScoringWorkflow(stack, 'Workflow', {
    config,
    encryptionKey: inference.key.key,
    transform,
    dependsOn: [inference.inference.alias, inference.monitoring.alarmTopic, ...(inference.buckets.dataBucket ? [inference.buckets.dataBucket] : [])],
  });
  for (const [key, value] of Object.entries(config.tags)) Tags.of(stack).add(key, value);
  const batch = config.batch!;
  new CfnOutput(stack, 'InputPrefix', { value: `s3://${config.names.dataBucket}/${batch.inputPrefix}`, description: 'Put JSON Lines files here (one row per line)' });
  new CfnOutput(stack, 'OutputPrefix', { value: `s3://${config.names.dataBucket}/${batch.outputPrefix}` });
  new CfnOutput(stack, 'RunManifests', { value: `s3://${config.names.dataBucket}/${batch.runsPrefix}`, description: 'Per-run manifest with SUCCEEDED/FAILED item lists' });
  new CfnOutput(stack, 'StateMachineArn', { value: workflow.stateMachineArn });
  addServerlessOutputs(stack, config);
  return { inference, workflow };
}
