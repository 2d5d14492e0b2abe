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
    const { config } = props;
    serverlessProvider(this, config);
    this.inference = new ServerlessInference(this, 'Inference', { config, bundleDirectory: props.bundleDirectory });
    const data = this.inference.buckets.dataBucket;
    this.workflow = new BatchScoringWorkflow(this, 'Workflow', {
      config,
      kmsKeyArn: this.inference.kmsKeyArn,
      transform: props.transform,
      dependsOn: [this.inference.inference.alias, this.inference.monitoring.alarmTopic, ...(data ? [data.bucket] : [])],
    });
    const batch = config.batch!;
    new TerraformOutput(this, 'input_prefix', { value: `s3://${config.names.dataBucket}/${batch.inputPrefix}`, description: 'Put JSON Lines files here (one row per line)' });
    new TerraformOutput(this, 'output_prefix', { value: `s3://${config.names.dataBucket}/${batch.outputPrefix}` });
    new TerraformOutput(this, 'run_manifests', { value: `s3://${config.names.dataBucket}/${batch.runsPrefix}` });
    new TerraformOutput(this, 'state_machine_arn', { value: this.workflow.stateMachine.arn });
    addServerlessOutputs(this, config);
  }
}
