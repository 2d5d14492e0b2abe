/** The batch-scoring state machine and its trigger (cdktf): the same literal definition as CDK and Pulumi. */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { batchTriggerRoleStatements, stateMachineRoleStatements } from '../../../lib/inference/deployment/policies';
import { batchScoringDefinition, type BatchTransformSettings } from '../../../lib/inference/deployment/state-machine';
import { batchTrigger } from '../../../lib/inference/deployment/triggers';
import { serviceRole } from './private/iam';

export interface BatchScoringWorkflowProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: string;
  /** SageMaker Batch Transform settings (executor `sagemaker-batch-transform` only). @default - none */
  readonly transform?: Omit<BatchTransformSettings, 'kmsKeyArn'>;
  /** Created first (the alias the definition invokes, the alarm topic). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

export class BatchScoringWorkflow extends Construct {
  public readonly stateMachine: SfnStateMachine;

  constructor(scope: Construct, id: string, props: BatchScoringWorkflowProps) {
    super(scope, id);
    const { config, kmsKeyArn } = props;
    if (!config.batch) throw new Error(`BatchScoringWorkflow '${id}': deployment '${config.name}' is not a batch deployment`);
    const transform = props.transform && { ...props.transform, kmsKeyArn };
    const role = serviceRole(this, 'Role', 'states.amazonaws.com', stateMachineRoleStatements(config, { kmsKeyArn, transformModelName: props.transform?.modelName }), `Batch scoring state machine of ${config.name}`);
    const logs = new CloudwatchLogGroup(this, 'Logs', { name: `/aws/vendedlogs/states/${config.names.stateMachine}`, retentionInDays: config.logRetentionDays, kmsKeyId: kmsKeyArn });
    this.stateMachine = new SfnStateMachine(this, 'StateMachine', {
      name: config.names.stateMachine,
      type: 'STANDARD',
      roleArn: role.role.arn,
      definition: JSON.stringify(batchScoringDefinition(config, transform)),
      loggingConfiguration: { level: 'ALL', includeExecutionData: true, logDestination: `${logs.arn}:*` },
      tracingConfiguration: { enabled: true },
      dependsOn: [role.policy, ...(props.dependsOn ?? [])],
    });
    const trigger = batchTrigger(config);
    const triggerRole = serviceRole(this, 'TriggerRole', 'events.amazonaws.com', batchTriggerRoleStatements(config), `Starts batch scoring runs of ${config.name}`);
    const rule = new CloudwatchEventRule(this, 'Trigger', {
      name: trigger.ruleName,
      description: trigger.description,
      scheduleExpression: trigger.scheduleExpression,
      eventPattern: trigger.eventPattern && JSON.stringify(trigger.eventPattern),
    });
    new CloudwatchEventTarget(this, 'TriggerTarget', {
      rule: rule.name,
      targetId: 'batch-scoring',
      arn: this.stateMachine.arn,
      roleArn: triggerRole.role.arn,
      input: trigger.input,
      inputTransformer: trigger.inputTransformer && { inputPaths: { ...trigger.inputTransformer.inputPathsMap }, inputTemplate: trigger.inputTransformer.inputTemplate },
    });
  }
}
