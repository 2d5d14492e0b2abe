/** The batch-scoring state machine and its trigger (Pulumi): the same literal definition as CDK and cdktf. */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { batchTriggerRoleStatements, stateMachineRoleStatements } from '../../../lib/inference/deployment/policies';
import { batchScoringDefinition, type BatchTransformSettings } from '../../../lib/inference/deployment/state-machine';
import { batchTrigger } from '../../../lib/inference/deployment/triggers';
import { serviceRole } from './private/resources';

export interface BatchScoringWorkflowArgs {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** SageMaker Batch Transform settings (executor `sagemaker-batch-transform`); the key must then be a literal ARN. @default - none */
  readonly transform?: BatchTransformSettings;
  /** Created first (the alias the definition invokes, the alarm topic). @default [] */
  readonly dependsOn?: readonly pulumi.Resource[];
}

export class BatchScoringWorkflow extends pulumi.ComponentResource {
  public readonly stateMachine: aws.sfn.StateMachine;

  constructor(name: string, args: BatchScoringWorkflowArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:serverless:BatchScoringWorkflow', name, {}, opts);
    const { config, kmsKeyArn } = args;
    if (!config.batch) throw new Error(`BatchScoringWorkflow '${name}': deployment '${config.name}' is not a batch deployment`);
    const parent = { parent: this };
    const role = serviceRole(`${name}-role`, 'states.amazonaws.com', stateMachineRoleStatements(config, { kmsKeyArn, transformModelName: args.transform?.modelName }), `Batch scoring state machine of ${config.name}`, this);
    const logs = new aws.cloudwatch.LogGroup(`${name}-logs`, { name: `/aws/vendedlogs/states/${config.names.stateMachine}`, retentionInDays: config.logRetentionDays, kmsKeyId: kmsKeyArn }, parent);
    this.stateMachine = new aws.sfn.StateMachine(`${name}-state-machine`, {
      name: config.names.stateMachine,
      type: 'STANDARD',
      roleArn: role.role.arn,
      definition: JSON.stringify(batchScoringDefinition(config, args.transform)),
      loggingConfiguration: { level: 'ALL', includeExecutionData: true, logDestination: pulumi.interpolate`${logs.arn}:*` },
      tracingConfiguration: { enabled: true },
    }, { parent: this, dependsOn: [role.policy, ...(args.dependsOn ?? [])] });
    const trigger = batchTrigger(config);
    const triggerRole = serviceRole(`${name}-trigger-role`, 'events.amazonaws.com', batchTriggerRoleStatements(config), `Starts batch scoring runs of ${config.name}`, this);
    const rule = new aws.cloudwatch.EventRule(`${name}-trigger`, {
      name: trigger.ruleName,
      description: trigger.description,
      scheduleExpression: trigger.scheduleExpression,
      eventPattern: trigger.eventPattern && JSON.stringify(trigger.eventPattern),
    }, parent);
    new aws.cloudwatch.EventTarget(`${name}-trigger-target`, {
      rule: rule.name,
      targetId: 'batch-scoring',
      arn: this.stateMachine.arn,
      roleArn: triggerRole.role.arn,
      input: trigger.input,
      inputTransformer: trigger.inputTransformer && { inputPaths: { ...trigger.inputTransformer.inputPathsMap }, inputTemplate: trigger.inputTransformer.inputTemplate },
    }, parent);
    this.registerOutputs({ stateMachineArn: this.stateMachine.arn });
  }
}
