/**
 * A serverless ONNX inference deployment (Pulumi): key and retained buckets, network, function and alias,
 * monitoring, CodeDeploy releases and the drift job, like the CDK and cdktf `ServerlessInference`.
 */
import * as pulumi from '@pulumi/pulumi';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { BucketReplication } from './bucket-replication';
import { DriftDetectionJob } from './drift-detection-job';
import { OnnxInferenceFunction } from './inference-function';
import { InferenceMonitoring } from './inference-monitoring';
import { InferenceNetwork } from './inference-network';
import { InferenceStorage } from './inference-storage';
import { LambdaCanaryRelease } from './lambda-canary-release';

export interface ServerlessInferenceArgs {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** Handler bundle directory. @default - built and cached by `ensureInferenceBundle()` */
  readonly bundleDirectory?: string;
  /**
   * The standby deployment whose buckets and key are the replicas (required when `config.replication.replicasOwnedBy`
   * is `standby-deployment`). @default - none
   */
  readonly standby?: ServerlessInference;
}

export class ServerlessInference extends pulumi.ComponentResource {
  public readonly storage: InferenceStorage;
  public readonly network: InferenceNetwork;
  public readonly inference: OnnxInferenceFunction;
  public readonly monitoring: InferenceMonitoring;
  public readonly release: LambdaCanaryRelease;
  /** The scheduled drift job, when the deployment has one (`config.drift`). */
  public readonly drift?: DriftDetectionJob;
  /** The ground-truth quality job, when `monitoring.quality` is set. */
  public readonly quality?: DriftDetectionJob;
  /** Replication of the buckets to the standby region, when the spec has `disasterRecovery` (`config.replication`). */
  public readonly replication?: BucketReplication;

  constructor(name: string, args: ServerlessInferenceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:serverless:ServerlessInference', name, {}, opts);
    const { config } = args;
    const parent = { parent: this };
    this.storage = new InferenceStorage(`${name}-storage`, { config }, parent);
    const kmsKeyArn = this.storage.kmsKeyArn;
    this.network = new InferenceNetwork(`${name}-network`, { config, kmsKeyArn }, parent);
    this.inference = new OnnxInferenceFunction(`${name}-inference`, { config, kmsKeyArn, network: this.network, bundleDirectory: args.bundleDirectory }, parent);
    this.monitoring = new InferenceMonitoring(`${name}-monitoring`, { config, kmsKeyArn }, parent);
    this.release = new LambdaCanaryRelease(`${name}-release`, {
      config, rollbackAlarmNames: this.monitoring.rollbackAlarmNames, dependsOn: [...this.monitoring.alarms, this.inference.alias],
    }, parent);
    if (config.drift) this.drift = new DriftDetectionJob(`${name}-drift`, { config, kmsKeyArn, network: this.network }, parent);
    // The ground-truth quality job: the same component and bundle, with the quality settings in place of the drift ones.
    if (config.quality) this.quality = new DriftDetectionJob(`${name}-quality`, { config: { ...config, drift: config.quality }, kmsKeyArn, network: this.network }, parent);
    if (config.replication) {
      this.replication = new BucketReplication(`${name}-replication`, {
        plan: config.replication, sourceKeyArn: kmsKeyArn, alarmTopicArn: this.monitoring.alarmTopic.arn, tags: config.tags, dependsOn: [this.storage],
        ...(args.standby && { standbyKeyArn: args.standby.storage.kmsKeyArn, standbyDependsOn: [args.standby.storage] }),
      }, parent);
    }
    this.registerOutputs({});
  }
}
