/**
 * The disaster-recovery pieces of a SageMaker endpoint stack with a standby region (cdktf; the CDK twin is
 * stacks/cdk/sagemaker-disaster-recovery.ts): replication of the artifacts bucket from the primary, the replica
 * alias on the standby's key, and each region's endpoint health check and endpoint directory.
 */
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import type { TerraformStack } from 'cdktf';
import { RegionalEndpointHealth } from '../../constructs/terraform/disaster-recovery/regional-endpoint-health';
import type { SageMakerEndpointStorage } from '../../constructs/terraform/sagemaker/endpoint-storage';
import type { SageMakerModelEndpoint } from '../../constructs/terraform/sagemaker/model-endpoint';
import { BucketReplication } from '../../constructs/terraform/serverless/bucket-replication';
import type { DeploymentRole, SageMakerStandbyPlan } from '../../lib/disaster-recovery/sagemaker-standby';

/** Which region of a deployment with a standby a stack renders. */
export interface SageMakerRegionRole {
  /** Both regions, from `planSageMakerStandby`. */
  readonly standby: SageMakerStandbyPlan;
  readonly role: DeploymentRole;
}

export function addSageMakerDisasterRecoveryTerraform(stack: TerraformStack, region: SageMakerRegionRole, storage: SageMakerEndpointStorage, endpoint: SageMakerModelEndpoint): void {
  const { standby, role } = region;
  const replication = standby.replication;
  // The primary's replication rule names the standby's key by this alias (aws_kms_alias takes a key ARN as target).
  if (replication !== undefined && role === 'standby') new KmsAlias(stack, 'ReplicaKeyAlias', { name: standby.replicaKeyAlias, targetKeyId: storage.kmsKeyArn });
  if (replication !== undefined && role === 'primary') {
    new BucketReplication(stack, 'Replication', { plan: replication, sourceKeyArn: storage.kmsKeyArn, alarmTopicArn: endpoint.alarms.topic.arn, dependsOn: [storage.artifactsVersioning] });
  }
  new RegionalEndpointHealth(stack, 'EndpointHealth', { standby, role, alarmTopicArn: endpoint.alarms.topic.arn });
}
