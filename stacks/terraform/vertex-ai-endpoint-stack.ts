/**
 * The Terraform (cdktf) stack of the `vertex-ai-endpoint` blueprint: a private (Private Service Connect),
 * CMEK-encrypted Vertex AI Endpoint, the weights bucket, the KMS key, a Docker Hub mirror in Artifact
 * Registry and the serving service account. The Model upload and deployment are the `gcloud` steps of
 * the `deploy_commands` output (the provider has no resource for them: lib/vertex-ai/describe-endpoint.ts).
 * Error-rate and latency alerting policies notify the spec's recipients, beside the Cloud Billing budget.
 */
import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { VertexAiEndpoint } from '@cdktf/provider-google/lib/vertex-ai-endpoint';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { GcpDeploymentAlerting } from '../../constructs/terraform/gcp/deployment-alerting';
import { gcpAlertRouting } from '../../lib/gcp/alert-routing';
import { gcpBillingBudget, gcpDeploymentLabel } from '../../lib/gcp/billing-budget';
import { vertexAiAlertPolicies } from '../../lib/gcp/vertex-ai-alerts';
import { gcpLabels, gcpServiceAgents } from '../../lib/vertex-ai/gcp-names';
import { describeVertexAiEndpoint, vertexAiDeployCommands, type VertexAiEndpointDescription } from '../../lib/vertex-ai/describe-endpoint';

export interface VertexAiEndpointTerraformStackProps {
  /** The blueprint's planned deployment. */
  readonly context: BlueprintContext;
}

export class VertexAiEndpointTerraformStack extends TerraformStack {
  public readonly description: VertexAiEndpointDescription;
  public readonly endpoint: VertexAiEndpoint;
  public readonly weightsBucket: StorageBucket;

  constructor(scope: Construct, id: string, props: VertexAiEndpointTerraformStackProps) {
    super(scope, id);
    const spec = props.context.plan.spec;
    const d = describeVertexAiEndpoint(props.context.plan);
    this.description = d;
    const labels = { ...gcpLabels(spec.tags), ...gcpDeploymentLabel(spec.name) };
    new GoogleProvider(this, 'google', { region: d.region, defaultLabels: labels });
    const project = new DataGoogleProject(this, 'Project', {});
    const storageAgent = new DataGoogleStorageProjectServiceAccount(this, 'StorageAgent', {});
    const agents = gcpServiceAgents(project.number);

    const keyRing = new KmsKeyRing(this, 'KeyRing', { name: `${d.name}-keys`, location: d.region });
    // 90-day rotation (CIS GCP 1.10); a key is never destroyed with the stack, or the weights become unreadable.
    const key = new KmsCryptoKey(this, 'Key', { name: `${d.name}-cmek`, keyRing: keyRing.id, rotationPeriod: '7776000s', lifecycle: { preventDestroy: true } });
    const keyUsers = [
      new KmsCryptoKeyIamMember(this, 'KeyForVertexAi', { cryptoKeyId: key.id, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: `serviceAccount:${agents.vertexAi}` }),
      new KmsCryptoKeyIamMember(this, 'KeyForStorage', { cryptoKeyId: key.id, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: `serviceAccount:${storageAgent.emailAddress}` }),
      new KmsCryptoKeyIamMember(this, 'KeyForArtifactRegistry', { cryptoKeyId: key.id, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: `serviceAccount:${agents.artifactRegistry}` }),
    ];

    this.weightsBucket = new StorageBucket(this, 'Weights', {
      name: `${d.name}-weights-${d.endpointId}`,
      location: d.region,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      encryption: { defaultKmsKeyName: key.id },
      versioning: { enabled: true },
      // Weights outlive the endpoint: `terraform state rm` the bucket before `destroy` (docs/clouds/vertex-ai.md).
      forceDestroy: false,
      lifecycle: { preventDestroy: true },
      dependsOn: [keyUsers[1]],
    });

    const serving = new ServiceAccount(this, 'Serving', { accountId: d.serviceAccountId, displayName: `Vertex AI serving identity of ${spec.name}` });
    const member = `serviceAccount:${serving.email}`;
    new StorageBucketIamMember(this, 'ServingReadsWeights', { bucket: this.weightsBucket.name, role: 'roles/storage.objectViewer', member });
    d.serviceAccountProjectRoles.forEach((role, i) => new ProjectIamMember(this, `ServingRole${i}`, { project: project.projectId, role, member }));

    const images = new ArtifactRegistryRepository(this, 'Images', {
      repositoryId: `${d.name}-images`,
      location: d.region,
      format: 'DOCKER',
      mode: 'REMOTE_REPOSITORY',
      remoteRepositoryConfig: { description: 'Docker Hub mirror for the vLLM image', dockerRepository: { publicRepository: 'DOCKER_HUB' } },
      kmsKeyName: key.id,
      dependsOn: [keyUsers[2]],
    });

    this.endpoint = new VertexAiEndpoint(this, 'Endpoint', {
      name: d.endpointId,
      displayName: d.name,
      location: d.region,
      region: d.region,
      encryptionSpec: { kmsKeyName: key.id },
      privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlist: [project.projectId] },
      // Written on the endpoint, where prediction cost is billed: the budget filters on the deployment label, and the
      // cdktf provider block renders default_labels' keys in snake case (aimd_deployment).
      labels,
      dependsOn: [keyUsers[0]],
    });

    new GcpDeploymentAlerting(this, 'Alerting', {
      routing: gcpAlertRouting(d.name, spec.monitoring.recipients, vertexAiAlertPolicies(d, props.context.plan)),
      budget: gcpBillingBudget(props.context.plan),
      projectNumber: project.number,
    });

    const imageUri = `${d.region}-docker.pkg.dev/${project.projectId}/${images.repositoryId}/${d.container.imagePath}`;
    const commands = vertexAiDeployCommands(d, {
      project: project.projectId, endpointId: this.endpoint.name, imageUri,
      weightsUri: `gs://${this.weightsBucket.name}/${d.weightsPrefix}`, serviceAccountEmail: serving.email, kmsKeyName: key.id,
    });
    new TerraformOutput(this, 'endpoint_id', { value: this.endpoint.name });
    new TerraformOutput(this, 'weights_uri', { value: `gs://${this.weightsBucket.name}/${d.weightsPrefix}` });
    new TerraformOutput(this, 'machine', { value: `${d.machine.machineType} (${d.machine.acceleratorCount} × ${d.acceleratorType}): ${d.machine.reason}` });
    new TerraformOutput(this, 'deploy_commands', { value: commands.join('\n'), description: 'Upload the model and deploy it to the endpoint (no Terraform resource exists for either)' });
  }
}
