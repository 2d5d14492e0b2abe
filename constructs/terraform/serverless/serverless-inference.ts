/**
 * A serverless ONNX inference deployment (cdktf): key, retained buckets, network, function and alias,
 * monitoring, CodeDeploy releases and the drift job, like the CDK `ServerlessInference`.
 */
import { Construct } from 'constructs';
import { BucketReplication } from './bucket-replication';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { DeploymentKey } from './deployment-key';
import { DriftDetectionJob } from './drift-detection-job';
import { InferenceBuckets } from './inference-buckets';
import { OnnxInferenceFunction } from './inference-function';
import { InferenceMonitoring } from './inference-monitoring';
import { InferenceNetwork } from './inference-network';
import { LambdaCanaryRelease } from './lambda-canary-release';

export interface ServerlessInferenceProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** Handler bundle directory. @default - built and cached by `ensureInferenceBundle()` */
  readonly bundleDirectory?: string;
}

export class ServerlessInference extends Construct {
  public readonly kmsKeyArn: string;
  public readonly buckets: InferenceBuckets;
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

  constructor(scope: Construct, id: string, props: ServerlessInferenceProps) {
    super(scope, id);
    const { config } = props;
    this.kmsKeyArn = new DeploymentKey(this, 'Key', { config }).keyArn;
    this.buckets = new InferenceBuckets(this, 'Buckets', { config, kmsKeyArn: this.kmsKeyArn });
    this.network = new InferenceNetwork(this, 'Network', { config, kmsKeyArn: this.kmsKeyArn });
    this.inference = new OnnxInferenceFunction(this, 'Inference', { config, kmsKeyArn: this.kmsKeyArn, network: this.network, bundleDirectory: props.bundleDirectory });
    this.monitoring = new InferenceMonitoring(this, 'Monitoring', { config, kmsKeyArn: this.kmsKeyArn });
    this.release = new LambdaCanaryRelease(this, 'Release', { config, rollbackAlarmNames: this.monitoring.rollbackAlarmNames, dependsOn: [...this.monitoring.alarms, this.inference.alias] });
    if (config.drift) this.drift = new DriftDetectionJob(this, 'Drift', { config, kmsKeyArn: this.kmsKeyArn, network: this.network });
    // The ground-truth quality job: the same construct and bundle, with the quality settings in place of the drift ones.
    if (config.quality) this.quality = new DriftDetectionJob(this, 'Quality', { config: { ...config, drift: config.quality }, kmsKeyArn: this.kmsKeyArn, network: this.network });
    if (config.replication) {
      const sources = [this.buckets.modelBucket, this.buckets.dataBucket].filter((b) => b !== undefined);
      this.replication = new BucketReplication(this, 'Replication', {
        plan: config.replication, sourceKeyArn: this.kmsKeyArn, alarmTopicArn: this.monitoring.alarmTopic.arn, tags: config.tags,
        dependsOn: sources.flatMap((b) => [b.bucket, b.versioning]),
      });
    }
  }
}
