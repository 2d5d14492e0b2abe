/** The Terraform (cdktf) stack of the `batch-scoring` blueprint. */
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { BatchScoringWorkflow } from '../../constructs/terraform/serverless/batch-scoring-workflow';
import { ServerlessInference } from '../../constructs/terraform/serverless/serverless-inference';
import type { ServerlessDeploymentConfig } from '../../lib/inference/deployment/config';
import type { BatchTransformSettings } from '../../lib/inference/deployment/state-machine';
import { addServerlessOutputs } from './serverless-outputs';
import { serverlessProvider } from './serverless-provider';

export interface BatchScoringTerraformStackProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** SageMaker Batch Transform settings (executor `sagemaker-batch-transform`). @default - none */
  readonly transform?: Omit<BatchTransformSettings, 'kmsKeyArn'>;
  /** @default - built and cached by `ensureInferenceBundle()` */
  readonly bundleDirectory?: string;
}

export class BatchScoringTerraformStack extends TerraformStack {
  public readonly inference: ServerlessInference;
  public readonly workflow: BatchScoringWorkflow;

  constructor(scope: Construct, id: string, props: BatchScoringTerraformStackProps) {
    super(scope, id);
    ({ inference: this.inference, workflow: this.workflow } = addBatchScoringTerraform(this, props));
  }
}

/** Adds the AWS provider, batch scoring (S3 -> Distributed Map -> Lambda -> S3) and the outputs to a stack. */
export function addBatchScoringTerraform(stack: TerraformStack, props: BatchScoringTerraformStackProps): { inference: ServerlessInference; workflow: BatchScoringWorkflow } {
  const { config } = props;
  serverlessProvider(stack, config);
  const inference = new ServerlessInference(stack, 'Inference', { config, bundleDirectory: props.bundleDirectory });
  const data = inference.buckets.dataBucket;
  const workflow = new BatchScoringWorkflow(stack, 'Workflow', {
    config,
    kmsKeyArn: inference.kmsKeyArn,
    transform: props.transform,
    dependsOn: [inference.inference.alias, inference.monitoring.alarmTopic, ...(data ? [data.bucket] : [])],
  });
  const batch = config.batch!;
  new TerraformOutput(stack, 'input_prefix', { value: `s3://${config.names.dataBucket}/${batch.inputPrefix}`, description: 'Put JSON Lines files here (one row per line)' });
  new TerraformOutput(stack, 'output_prefix', { value: `s3://${config.names.dataBucket}/${batch.outputPrefix}` });
  new TerraformOutput(stack, 'run_manifests', { value: `s3://${config.names.dataBucket}/${batch.runsPrefix}` });
  new TerraformOutput(stack, 'state_machine_arn', { value: workflow.stateMachine.arn });
  addServerlessOutputs(stack, config);
  return { inference, workflow };
}
