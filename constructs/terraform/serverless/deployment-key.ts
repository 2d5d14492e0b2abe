/** The deployment's customer-managed KMS key (cdktf): same key policy as the CDK and Pulumi keys, kept on destroy. */
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { deploymentKeyPolicy } from '../../../lib/inference/deployment/policies';

export interface DeploymentKeyProps {
  /** `config.kmsKeyArn` imports an existing key instead of creating one. */
  readonly config: ServerlessDeploymentConfig;
}

export class DeploymentKey extends Construct {
  public readonly keyArn: string;

  constructor(scope: Construct, id: string, props: DeploymentKeyProps) {
    super(scope, id);
    const { config } = props;
    this.keyArn = config.kmsKeyArn ?? new KmsKey(this, 'Key', {
      description: `Encrypts the model, data, logs, queues and alarms of ${config.name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify(deploymentKeyPolicy(config)),
      lifecycle: { preventDestroy: true },
    }).arn;
    // The standby deployment's key encrypts the replicas; the primary region names it by this alias.
    if (config.keyAlias !== undefined) new KmsAlias(this, 'Alias', { name: config.keyAlias, targetKeyId: this.keyArn });
  }
}
