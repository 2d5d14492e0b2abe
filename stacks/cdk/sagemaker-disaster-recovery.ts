/**
 * The disaster-recovery pieces of a SageMaker endpoint stack with a standby region (docs/disaster-recovery.md):
 * the primary replicates its artifacts bucket to the standby's (KMS re-encrypted, alarmed), the standby's key
 * carries the replica alias the replication rule names, and each region gets its endpoint health check and the
 * SSM parameter naming both endpoints. Everything comes from lib/disaster-recovery/sagemaker-standby.ts.
 */
import type { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { BucketReplication } from '../../constructs/cdk/disaster-recovery/bucket-replication';
import { RegionalEndpointHealth } from '../../constructs/cdk/disaster-recovery/regional-endpoint-health';
import type { SageMakerEndpointStorage } from '../../constructs/cdk/sagemaker/endpoint-storage';
import type { SageMakerModelEndpoint } from '../../constructs/cdk/sagemaker/model-endpoint';
import type { DeploymentRole, SageMakerStandbyPlan } from '../../lib/disaster-recovery/sagemaker-standby';

/** Which region of a deployment with a standby a stack renders. */
export interface SageMakerRegionRole {
  /** Both regions, from `planSageMakerStandby`. */
  readonly standby: SageMakerStandbyPlan;
  readonly role: DeploymentRole;
}

export function addSageMakerDisasterRecovery(stack: Stack, region: SageMakerRegionRole, storage: SageMakerEndpointStorage, endpoint: SageMakerModelEndpoint): void {
  const { standby, role } = region;
  const replication = standby.replication;
  if (replication !== undefined && role === 'standby') {
    // The primary's replication rule names this key by alias ARN (a key ARN of another stack's region cannot be referenced).
    new kms.Alias(stack, 'ReplicaKeyAlias', { aliasName: standby.replicaKeyAlias, targetKey: storage.encryptionKey });
  }
  if (replication !== undefined && role === 'primary') {
    new BucketReplication(stack, 'Replication', { plan: replication, sourceBuckets: { models: storage.artifactsBucket }, sourceKey: storage.encryptionKey, alarmTopic: endpoint.alarms.topic });
  }
  new RegionalEndpointHealth(stack, 'EndpointHealth', { standby, role, alarmTopic: endpoint.alarms.topic });
}
