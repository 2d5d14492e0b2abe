/**
 * The drift job (Pulumi): the drift bundle as a FileArchive, a least-privilege role, an encrypted log
 * group, the function in the deployment's VPC, and the EventBridge schedule that invokes it, like the CDK
 * and cdktf `DriftDetectionJob`. Its alarm is one of the deployment's alarms (inference-monitoring.ts); an edge
 * fleet's job (lib/edge/edge-drift.ts) runs without a VPC and renders its own alarms (`alarmTopicArn`).
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { DRIFT_HANDLER_ENTRY, ensureDriftJobBundle } from '../../../lib/drift/bundle';
import { driftAlarms, driftJobEnvironment, driftJobRoleStatements, type DriftJobHost } from '../../../lib/inference/deployment/drift';
import { serviceRole } from './private/resources';

export interface DriftDetectionJobArgs {
  /** The deployment (a `serverlessDeploymentConfig(plan, env)`, an EKS LLM deployment's `llmDriftJobHost`, or an edge fleet's `planEdgeDriftJob` host); must have `drift` and `capture`. */
  readonly config: DriftJobHost;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** ARN of the key of the job's log group (its policy must let CloudWatch Logs use it). @default - kmsKeyArn */
  readonly logsKmsKeyArn?: pulumi.Input<string>;
  /**
   * The same host with the values only known once deployed (the bucket name, the account of an edge fleet): the
   * environment, the role policy and the alarm descriptions are rendered from it; names and settings from `config`.
   * @default - config
   */
  readonly resolvedConfig?: pulumi.Input<DriftJobHost>;
  /**
   * Subnets and security group the job runs in (the inference function's). Required unless the host says
   * `runsInVpc: false` (an edge fleet, which has no VPC).
   * @default - no VPC
   */
  readonly network?: { readonly subnetIds: pulumi.Input<string>[]; readonly securityGroupId: pulumi.Input<string> };
  /**
   * ARN of the topic the job's own alarms (`driftAlarms`) notify. Give it where no deployment monitoring renders them
   * (an edge fleet); the serverless targets' `InferenceMonitoring` does.
   * @default - the job renders no alarms
   */
  readonly alarmTopicArn?: pulumi.Input<string>;
  /** Directory of the drift job bundle. @default - built and cached by `ensureDriftJobBundle()` */
  readonly bundleDirectory?: string;
}

export class DriftDetectionJob extends pulumi.ComponentResource {
  public readonly function: aws.lambda.Function;
  public readonly schedule: aws.cloudwatch.EventRule;
  /** The job's alarms, when `alarmTopicArn` is given. */
  public readonly alarms: aws.cloudwatch.MetricAlarm[] = [];

  constructor(name: string, args: DriftDetectionJobArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:serverless:DriftDetectionJob', name, {}, opts);
    const { config, kmsKeyArn } = args;
    const drift = config.drift;
    if (!drift || !config.capture) throw new Error(`DriftDetectionJob '${name}': the deployment has no drift job (monitoring.driftDetection with monitoring.dataCapture)`);
    if (!args.network && config.runsInVpc !== false) throw new Error(`DriftDetectionJob '${name}': pass network (the job runs in the deployment's VPC), or describe a host with runsInVpc: false`);
    const parent = { parent: this };
    const resolved = args.resolvedConfig === undefined ? undefined : pulumi.output(args.resolvedConfig);
    const statements = driftJobRoleStatements<pulumi.Input<string>>(config, { kmsKeyArn });
    // `config` and the resolved host give statements of the same shape; only the names in the ARNs differ.
    const resolvedStatements = resolved
      ? statements.map((statement, i) => ({
        ...statement,
        resources: statement.resources.map((resource, j) => (typeof resource === 'string' ? resolved.apply((c) => driftJobRoleStatements(c, { kmsKeyArn: '' })[i]!.resources[j] as string) : resource)),
      }))
      : statements;
    const role = serviceRole(`${name}-role`, 'lambda.amazonaws.com', resolvedStatements, `Drift job of ${config.name}`, this);
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
      environment: { variables: resolved ? resolved.apply(driftJobEnvironment) : driftJobEnvironment(config) },
      kmsKeyArn,
      loggingConfig: { logFormat: 'Text', logGroup: logGroup.name },
      ...(args.network && { vpcConfig: { subnetIds: args.network.subnetIds, securityGroupIds: [args.network.securityGroupId] } }),
    }, { parent: this, dependsOn: [role.policy, logGroup] });
    this.schedule = new aws.cloudwatch.EventRule(`${name}-schedule`, { name: drift.ruleName, description: `Runs the ${drift.quality ? 'quality' : 'drift'} job of ${config.name}`, scheduleExpression: drift.schedule }, parent);
    new aws.cloudwatch.EventTarget(`${name}-target`, { rule: this.schedule.name, arn: this.function.arn, retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 } }, parent);
    new aws.lambda.Permission(`${name}-schedule-invokes`, {
      action: 'lambda:InvokeFunction', function: this.function.name, principal: 'events.amazonaws.com', sourceArn: this.schedule.arn,
    }, parent);
    const topic = args.alarmTopicArn;
    if (topic) {
      driftAlarms(config).forEach((def, i) => {
        this.alarms.push(new aws.cloudwatch.MetricAlarm(`${name}-${def.id}`, {
          name: def.alarmName, alarmDescription: resolved ? resolved.apply((c) => driftAlarms(c)[i]!.description) : def.description,
          namespace: def.namespace, metricName: def.metricName, dimensions: { ...def.dimensions }, statistic: def.statistic, period: def.periodSeconds,
          evaluationPeriods: def.evaluationPeriods, datapointsToAlarm: def.datapointsToAlarm, threshold: def.threshold, comparisonOperator: def.comparisonOperator,
          treatMissingData: def.treatMissingData, alarmActions: [topic], okActions: [topic],
        }, parent));
      });
    }
    this.registerOutputs({ functionName: this.function.name });
  }
}
