/**
 * The identity the serving pods act as: a Google service account with read-only access to the weights bucket and
 * nothing else (`roles/storage.objectViewer` on that bucket), which the Kubernetes ServiceAccount may impersonate
 * through Workload Identity (`roles/iam.workloadIdentityUser` for `<project>.svc.id.goog[<namespace>/<ksa>]`).
 */
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import type { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import type { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { Construct } from 'constructs';
import { type LlmGkeDeploymentConfig, workloadIdentityMember } from '../../../lib/gke/deployment-config';

export interface GkeServingIdentityProps {
  readonly config: LlmGkeDeploymentConfig;
  readonly bucket: StorageBucket;
  /** The workload pool exists once the cluster does. */
  readonly cluster: ContainerCluster;
}

export class GkeServingIdentity extends Construct {
  public readonly serviceAccount: ServiceAccount;

  constructor(scope: Construct, id: string, props: GkeServingIdentityProps) {
    super(scope, id);
    const c = props.config;
    this.serviceAccount = new ServiceAccount(this, 'Account', { accountId: c.serviceAccountId, project: c.project, displayName: `${c.name} model reader` });
    new StorageBucketIamMember(this, 'ReadsWeights', { bucket: props.bucket.name, role: 'roles/storage.objectViewer', member: this.serviceAccount.member });
    new ServiceAccountIamMember(this, 'WorkloadIdentity', {
      serviceAccountId: this.serviceAccount.name,
      role: 'roles/iam.workloadIdentityUser',
      member: workloadIdentityMember(c),
      dependsOn: [props.cluster],
    });
  }
}
