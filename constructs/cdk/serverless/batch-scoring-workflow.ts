/**
 * Batch scoring: a Step Functions state machine (Distributed Map over the objects under the input
 * prefix, the inference function in batch mode per object, retries, a failure manifest per run) with
 * logging and tracing, started by an EventBridge schedule or by new input objects.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { batchTriggerRoleStatements, stateMachineRoleStatements } from '../../../lib/inference/deployment/policies';
import { batchScoringDefinition, type BatchTransformSettings } from '../../../lib/inference/deployment/state-machine';
import { batchTrigger } from '../../../lib/inference/deployment/triggers';
import { serviceRole } from './private/policy-statements';

export interface IBatchScoringWorkflow {
  readonly stateMachineArn: string;
}

export interface BatchScoringWorkflowProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** The deployment's customer-managed KMS key. */
  readonly encryptionKey: kms.IKey;
  /**
   * SageMaker Batch Transform settings. Required when the executor is `sagemaker-batch-transform`;
   * cannot be given for the `lambda` executor.
   * @default - none (the Lambda executor)
   */
  readonly transform?: Omit<BatchTransformSettings, 'kmsKeyArn'>;
  /** Resources the state machine must be created after (the alias it invokes, the alarm topic). @default [] */
  readonly dependsOn?: readonly IConstruct[];
}

export class BatchScoringWorkflow extends Construct implements IBatchScoringWorkflow {
  public readonly stateMachine: sfn.CfnStateMachine;
  public readonly stateMachineArn: string;
  public readonly trigger: events.CfnRule;

  constructor(scope: Construct, id: string, props: BatchScoringWorkflowProps) {
    super(scope, id);
    const { config, encryptionKey } = props;
    if (!config.batch) throw new Error(`BatchScoringWorkflow '${id}': deployment '${config.name}' is not a batch deployment`);
    const transform = props.transform && { ...props.transform, kmsKeyArn: encryptionKey.keyArn };
    const definition = batchScoringDefinition(config, transform);
    const role = serviceRole(this, 'Role', 'states.amazonaws.com', stateMachineRoleStatements(config, { kmsKeyArn: encryptionKey.keyArn, transformModelName: props.transform?.modelName }), `Batch scoring state machine of ${config.name}`);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${config.names.stateMachine}`,
      retention: config.logRetentionDays as logs.RetentionDays,
      encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The definition is literal JSON (identical on every engine), hence the L1 resource.
    this.stateMachine = new sfn.CfnStateMachine(this, 'StateMachine', {
      stateMachineName: config.names.stateMachine,
      stateMachineType: 'STANDARD',
      roleArn: role.roleArn,
      definitionString: JSON.stringify(definition),
      loggingConfiguration: { level: 'ALL', includeExecutionData: true, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: logGroup.logGroupArn } }] },
      tracingConfiguration: { enabled: true },
    });
    this.stateMachine.node.addDependency(role, ...(props.dependsOn ?? []));
    this.stateMachineArn = this.stateMachine.attrArn;

    const trigger = batchTrigger(config);
    const triggerRole = serviceRole(this, 'TriggerRole', 'events.amazonaws.com', batchTriggerRoleStatements(config), `Starts batch scoring runs of ${config.name}`);
    this.trigger = new events.CfnRule(this, 'Trigger', {
      name: trigger.ruleName,
      description: trigger.description,
      scheduleExpression: trigger.scheduleExpression,
      eventPattern: trigger.eventPattern,
      targets: [{
        id: 'batch-scoring',
        arn: this.stateMachine.attrArn,
        roleArn: triggerRole.roleArn,
        input: trigger.input,
        inputTransformer: trigger.inputTransformer && { inputPathsMap: { ...trigger.inputTransformer.inputPathsMap }, inputTemplate: trigger.inputTransformer.inputTemplate },
      }],
    });
  }
}
