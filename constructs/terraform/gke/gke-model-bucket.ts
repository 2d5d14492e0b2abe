/**
 * The weights bucket of an `llm-gke` deployment: Cloud Storage with uniform bucket-level access, public access
 * prevention enforced, versioning, and CMEK from a Cloud KMS key the Cloud Storage service agent may use. The bucket
 * is retained: `force_destroy` false and Terraform's `prevent_destroy`, so a `destroy` never deletes the weights.
 * Every setting comes from the neutral design (lib/gke/llm-gke-design.ts).
 */
import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { Construct } from 'constructs';
import type { LlmGkeDesign } from '../../../lib/gke/llm-gke-design';

export interface GkeModelBucketProps {
  /** The deployment's neutral description (`llmGkeDesign(config)`): bucket, key ring and key settings. */
  readonly design: LlmGkeDesign;
}

export class GkeModelBucket extends Construct {
  public readonly bucket: StorageBucket;
  public readonly cryptoKey: KmsCryptoKey;

  constructor(scope: Construct, id: string, props: GkeModelBucketProps) {
    super(scope, id);
    const { project } = props.design;
    const w = props.design.weights;
    const lifecycle = { preventDestroy: w.retainOnDestroy };
    const ring = new KmsKeyRing(this, 'KeyRing', { ...w.keyRing, project });
    this.cryptoKey = new KmsCryptoKey(this, 'Key', { ...w.cryptoKey, keyRing: ring.id, lifecycle });
    // The Cloud Storage service agent encrypts and decrypts the bucket's objects with the key.
    const agent = new DataGoogleStorageProjectServiceAccount(this, 'StorageAgent', { project });
    const grant = new KmsCryptoKeyIamMember(this, 'StorageAgentUsesKey', { cryptoKeyId: this.cryptoKey.id, role: w.storageAgentRole, member: `serviceAccount:${agent.emailAddress}` });
    this.bucket = new StorageBucket(this, 'Bucket', { ...w.bucket, project, encryption: { defaultKmsKeyName: this.cryptoKey.id }, lifecycle, dependsOn: [grant] });
  }
}
