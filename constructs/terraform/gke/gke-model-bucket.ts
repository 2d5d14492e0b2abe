/**
 * The weights bucket of an `llm-gke` deployment: Cloud Storage with uniform bucket-level access, public access
 * prevention enforced, versioning, and CMEK from a Cloud KMS key the Cloud Storage service agent may use. The bucket
 * is retained: `force_destroy` false and Terraform's `prevent_destroy`, so a `destroy` never deletes the weights.
 */
import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { Construct } from 'constructs';
import type { LlmGkeDeploymentConfig } from '../../../lib/gke/deployment-config';
import { KMS_KEY_ROTATION_PERIOD } from '../../../lib/gke/security-defaults';

export interface GkeModelBucketProps {
  /** Bucket, key ring and key names, project, region and labels. */
  readonly config: LlmGkeDeploymentConfig;
}

export class GkeModelBucket extends Construct {
  public readonly bucket: StorageBucket;
  public readonly cryptoKey: KmsCryptoKey;

  constructor(scope: Construct, id: string, props: GkeModelBucketProps) {
    super(scope, id);
    const c = props.config;
    const ring = new KmsKeyRing(this, 'KeyRing', { name: c.keyRingName, location: c.region, project: c.project });
    this.cryptoKey = new KmsCryptoKey(this, 'Key', {
      name: c.cryptoKeyName,
      keyRing: ring.id,
      rotationPeriod: KMS_KEY_ROTATION_PERIOD,
      purpose: 'ENCRYPT_DECRYPT',
      lifecycle: { preventDestroy: true },
    });
    // The Cloud Storage service agent encrypts and decrypts the bucket's objects with the key.
    const agent = new DataGoogleStorageProjectServiceAccount(this, 'StorageAgent', { project: c.project });
    const grant = new KmsCryptoKeyIamMember(this, 'StorageAgentUsesKey', {
      cryptoKeyId: this.cryptoKey.id,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: `serviceAccount:${agent.emailAddress}`,
    });
    this.bucket = new StorageBucket(this, 'Bucket', {
      name: c.bucketName,
      project: c.project,
      location: c.region.toUpperCase(),
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      versioning: { enabled: true },
      encryption: { defaultKmsKeyName: this.cryptoKey.id },
      forceDestroy: false,
      labels: { ...c.labels },
      lifecycle: { preventDestroy: true },
      dependsOn: [grant],
    });
  }
}
