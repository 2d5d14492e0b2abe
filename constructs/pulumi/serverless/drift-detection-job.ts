/**
 * The drift job (Pulumi): the drift bundle as a FileArchive, a least-privilege role, an encrypted log
 * group, the function in the deployment's VPC, and the EventBridge schedule that invokes it, like the CDK
 * and cdktf `DriftDetectionJob`. Its alarm is one of the deployment's alarms (inference-monitoring.ts).
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { DRIFT_HANDLER_ENTRY, ensureDriftJobBundle } from '../../../lib/drift/bundle';
import { driftJobEnvironment, driftJobRoleStatements, type DriftJobHost } from '../../../lib/inference/deployment/drift';
import { serviceRole } from './private/resources';

export interface DriftDetectionJobArgs {
  /** The deployment (a `serverlessDeploymentConfig(plan, env)`, or an EKS LLM deployment's `llmDriftJobHost`); must have `drift` and `capture`. */
  readonly config: DriftJobHost;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** ARN of the key of the job's log group (its policy must let CloudWatch Logs use it). @default - kmsKeyArn */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /** Subnets and security group the job runs in (the inference function's). */
  readonly network: { readonly subnetIds: pulumi.Input<string>[]; readonly securityGroupId: pulumi.Input<string> };
  /** Directory of the drift job bundle. @default - built and cached by `ensureDriftJobBundle()` */
  readonly bundleDirectory?: string;
}

export class DriftDetectionJob extends pulumi.ComponentResource {
  public readonly function: aws.lambda.Function;
  public readonly schedule: aws.cloudwatch.EventRule;

  constructor(name: string, args: DriftDetectionJobArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:serverless:DriftDetectionJob', name, {}, opts);
    const { config, kmsKeyArn } = args;
    const drift = config.drift;
    if (!drift || !config.capture) throw new Error(`DriftDetectionJob '${name}': the deployment has no drift job (monitoring.driftDetection with monitoring.dataCapture)`);
    const parent = { parent: this };
    const role = serviceRole(`${name}-role`, 'lambda.amazonaws.com', driftJobRoleStatements(config, { kmsKeyArn }), `Drift job of ${config.name}`, this);
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { name: drift.logGroup, retentionInDays: config.logRetentionDays, kmsKeyId: args.logsKmsKeyArn ?? kmsKeyArn }, parent);
    this.function = new aws.lambda.Function(`${name}-function`, {
      name: drift.functionName,
      description: drift.quality
        ? `Ground-truth ${drift.quality.metric} of ${config.name}: labels joined with the captured predictions of the last ${drift.windowHours} h`
        : `Drift of ${config.name}: captured requests of the last ${drift.windowHours} h against the baseline profile`,
      code: new pulumi.asset.FileArchive(args.bundleDirectory ?? ensureDriftJobBundle()),
      handler: DRIFT_HANDLER_ENTRY,
      runtime: config.function.runtime,
      role: role.role.arn,
      architectures: ['arm64'],
      memorySize: drift.memoryMb,
      timeout: drift.timeoutSeconds,
      // One run at a time: a slow run must not overlap the next scheduled one.
      reservedConcurrentExecutions: 1,
      environment: { variables: driftJobEnvironment(config) },
      kmsKeyArn,
      loggingConfig: { logFormat: 'Text', logGroup: logGroup.name },
      vpcConfig: { subnetIds: args.network.subnetIds, securityGroupIds: [args.network.securityGroupId] },
    }, { parent: this, dependsOn: [role.policy, logGroup] });
    this.schedule = new aws.cloudwatch.EventRule(`${name}-schedule`, { name: drift.ruleName, description: `Runs the ${drift.quality ? 'quality' : 'drift'} job of ${config.name}`, scheduleExpression: drift.schedule }, parent);
    new aws.cloudwatch.EventTarget(`${name}-target`, { rule: this.schedule.name, arn: this.function.arn, retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 } }, parent);
    new aws.lambda.Permission(`${name}-schedule-invokes`, {
      action: 'lambda:InvokeFunction', function: this.function.name, principal: 'events.amazonaws.com', sourceArn: this.schedule.arn,
    }, parent);
    this.registerOutputs({ functionName: this.function.name });
  }
}
