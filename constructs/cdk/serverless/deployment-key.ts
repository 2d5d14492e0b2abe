/**
 * The customer-managed KMS key of a serverless inference deployment: model and data buckets, log groups,
 * queues, streams, the alarm topic and the function's environment are encrypted with it.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { deploymentKeyPolicy } from '../../../lib/inference/deployment/policies';

export interface IDeploymentKey {
  readonly key: kms.IKey;
}

export interface DeploymentKeyProps {
  /** The deployment; `config.kmsKeyArn` imports an existing key instead of creating one. */
  readonly config: ServerlessDeploymentConfig;
}

/** A new key (yearly rotation, retained on destroy, key policy from the engine-neutral description) or an imported one. */
export class DeploymentKey extends Construct implements IDeploymentKey {
  public readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: DeploymentKeyProps) {
    super(scope, id);
    const { config } = props;
    this.key = config.kmsKeyArn
      ? kms.Key.fromKeyArn(this, 'Imported', config.kmsKeyArn)
      : new kms.Key(this, 'Key', {
          description: `Encrypts the model, data, logs, queues and alarms of ${config.name}`,
          enableKeyRotation: true,
          // Data encrypted with it (models, results, logs) outlives the stack.
          removalPolicy: RemovalPolicy.RETAIN,
          policy: iam.PolicyDocument.fromJson(deploymentKeyPolicy(config)),
        });
    // The standby deployment's key encrypts the replicas; the primary region names it by this alias.
    if (config.keyAlias !== undefined) new kms.Alias(this, 'Alias', { aliasName: config.keyAlias, targetKey: this.key });
  }
}
