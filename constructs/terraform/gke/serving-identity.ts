/**
 * The identity the serving pods act as: a Google service account with read-only access to the weights bucket and
 * nothing else (`roles/storage.objectViewer` on that bucket), which the Kubernetes ServiceAccount may impersonate
 * through Workload Identity (`roles/iam.workloadIdentityUser` for `<project>.svc.id.goog[<namespace>/<ksa>]`).
 * Every setting comes from the neutral design (lib/gke/llm-gke-design.ts).
 */
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import type { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import type { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { Construct } from 'constructs';
import type { LlmGkeDesign } from '../../../lib/gke/llm-gke-design';

export interface GkeServingIdentityProps {
  /** The deployment's neutral description (`llmGkeDesign(config)`): the reader account and its bindings. */
  readonly design: LlmGkeDesign;
  readonly bucket: StorageBucket;
  /** The workload pool exists once the cluster does. */
  readonly cluster: ContainerCluster;
}

export class GkeServingIdentity extends Construct {
  public readonly serviceAccount: ServiceAccount;

  constructor(scope: Construct, id: string, props: GkeServingIdentityProps) {
    super(scope, id);
    const { project, reader } = props.design;
    this.serviceAccount = new ServiceAccount(this, 'Account', { accountId: reader.accountId, project, displayName: reader.displayName });
    new StorageBucketIamMember(this, 'ReadsWeights', { bucket: props.bucket.name, role: reader.bucketRole, member: this.serviceAccount.member });
    new ServiceAccountIamMember(this, 'WorkloadIdentity', { ...reader.workloadIdentity, serviceAccountId: this.serviceAccount.name, dependsOn: [props.cluster] });
  }
}
