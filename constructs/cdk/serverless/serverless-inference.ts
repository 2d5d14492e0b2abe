/**
 * A serverless ONNX inference deployment, whatever its workload: the KMS key, the retained buckets, the
 * network, the inference function with its `live` alias, monitoring (alarms, dashboard), CodeDeploy
 * releases with automatic rollback and the scheduled drift job. The stacks add the real-time API, the batch workflow or the stream.
 */
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { BucketReplication } from '../disaster-recovery/bucket-replication';
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
  /**
   * Function code.
   * @default - the handler bundle built locally by esbuild
   */
  readonly code?: lambda.Code;
}

export class ServerlessInference extends Construct {
  public readonly config: ServerlessDeploymentConfig;
  public readonly key: DeploymentKey;
  public readonly buckets: InferenceBuckets;
  public readonly network: InferenceNetwork;
  public readonly inference: OnnxInferenceFunction;
  public readonly monitoring: InferenceMonitoring;
  public readonly release: LambdaCanaryRelease;
  /** The scheduled drift job, when the deployment has one (`config.drift`). */
  public readonly drift?: DriftDetectionJob;
  /** Replication of the buckets to the standby deployment's, when the deployment has `config.replication`. */
  public readonly replication?: BucketReplication;
  /** The ground-truth quality job, when `monitoring.quality` is set. */
  public readonly quality?: DriftDetectionJob;

  constructor(scope: Construct, id: string, props: ServerlessInferenceProps) {
    super(scope, id);
    const { config } = props;
    this.config = config;
    this.key = new DeploymentKey(this, 'Key', { config });
    const encryptionKey = this.key.key;
    this.buckets = new InferenceBuckets(this, 'Buckets', { config, encryptionKey });
    this.network = new InferenceNetwork(this, 'Network', { config, encryptionKey });
    this.inference = new OnnxInferenceFunction(this, 'Inference', { config, encryptionKey, network: this.network, code: props.code });
    this.monitoring = new InferenceMonitoring(this, 'Monitoring', { config, encryptionKey });
    this.release = new LambdaCanaryRelease(this, 'Release', { config, alias: this.inference.alias, rollbackAlarms: this.monitoring.rollbackAlarms });
    if (config.replication) {
      this.replication = new BucketReplication(this, 'Replication', {
        plan: config.replication, sourceKey: encryptionKey, alarmTopic: this.monitoring.alarmTopic,
        sourceBuckets: { models: this.buckets.modelBucket, data: this.buckets.dataBucket },
      });
    }
    if (config.drift) this.drift = new DriftDetectionJob(this, 'Drift', { config, encryptionKey, network: this.network });
    // The ground-truth quality job: the same construct and bundle, with the quality settings in place of the drift ones.
    if (config.quality) this.quality = new DriftDetectionJob(this, 'Quality', { config: { ...config, drift: config.quality }, encryptionKey, network: this.network });
  }
}
