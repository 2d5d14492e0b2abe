/**
 * The Pulumi program of the `vertex-ai-endpoint` blueprint: the same resources as the cdktf stack
 * (stacks/terraform/vertex-ai-endpoint-stack.ts), from the same description. @pulumi/gcp has no Model
 * upload or deployed-model resource either, so the `gcloud` steps are the `deployCommands` output.
 * Error-rate and latency alerting policies notify the spec's recipients, beside the Cloud Billing budget.
 */
import * as artifactregistry from '@pulumi/gcp/artifactregistry';
import * as kms from '@pulumi/gcp/kms';
import * as organizations from '@pulumi/gcp/organizations';
import * as projects from '@pulumi/gcp/projects';
import * as serviceaccount from '@pulumi/gcp/serviceaccount';
import * as storage from '@pulumi/gcp/storage';
import * as vertex from '@pulumi/gcp/vertex';
import * as pulumi from '@pulumi/pulumi';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { gcpDeploymentAlerting } from '../../constructs/pulumi/gcp/deployment-alerting';
import { gcpAlertRouting } from '../../lib/gcp/alert-routing';
import { gcpBillingBudget, gcpDeploymentLabel } from '../../lib/gcp/billing-budget';
import { vertexAiAlertPolicies } from '../../lib/gcp/vertex-ai-alerts';
import { describeVertexAiEndpoint, vertexAiDeployCommands } from '../../lib/vertex-ai/describe-endpoint';
import { gcpLabels, gcpServiceAgents } from '../../lib/vertex-ai/gcp-names';

export interface VertexAiEndpointProgram {
  readonly endpoint: vertex.AiEndpoint;
  readonly weightsBucket: storage.Bucket;
  /** The `gcloud` steps that upload and deploy the model. */
  readonly deployCommands: pulumi.Output<string>;
}

/** A provider-function result Google always returns (the project of the credentials). */
function definedOr(value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`gcp.organizations.getProject returned no ${what}: set gcp:project (pulumi config set gcp:project <id>)`);
  return value;
}

/** Registers the Vertex AI endpoint of a blueprint in the running Pulumi program. */
export function renderVertexAiEndpointPulumi(context: BlueprintContext, opts: pulumi.ComponentResourceOptions = {}): VertexAiEndpointProgram {
  const spec = context.plan.spec;
  const d = describeVertexAiEndpoint(context.plan);
  const labels = { ...gcpLabels(spec.tags), ...gcpDeploymentLabel(spec.name) };
  const project = organizations.getProjectOutput({}, { parent: opts.parent });
  const storageAgent = storage.getProjectServiceAccountOutput({}, { parent: opts.parent });
  const projectId = project.apply((p) => definedOr(p.projectId, 'project id'));
  const agents = project.number.apply((n) => gcpServiceAgents(n));
  const n = (suffix: string) => `${d.name}-${suffix}`;

  const keyRing = new kms.KeyRing(n('keys'), { name: n('keys'), location: d.region }, { ...opts, retainOnDelete: true });
  // 90-day rotation (CIS GCP 1.10); the key outlives the stack, or the retained weights become unreadable.
  const key = new kms.CryptoKey(n('cmek'), { name: n('cmek'), keyRing: keyRing.id, rotationPeriod: '7776000s', labels }, { ...opts, retainOnDelete: true });
  const grant = (id: string, member: pulumi.Input<string>) => new kms.CryptoKeyIAMMember(n(id), { cryptoKeyId: key.id, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: pulumi.interpolate`serviceAccount:${member}` }, opts);
  const vertexKey = grant('key-vertex-ai', agents.vertexAi);
  const storageKey = grant('key-storage', storageAgent.emailAddress);
  const registryKey = grant('key-artifact-registry', agents.artifactRegistry);

  const weightsBucket = new storage.Bucket(n('weights'), {
    name: `${d.name}-weights-${d.endpointId}`,
    location: d.region,
    uniformBucketLevelAccess: true,
    publicAccessPrevention: 'enforced',
    encryption: { defaultKmsKeyName: key.id },
    versioning: { enabled: true },
    forceDestroy: false,
    labels,
  }, { ...opts, dependsOn: [storageKey], retainOnDelete: true });

  const serving = new serviceaccount.Account(n('serving'), { accountId: d.serviceAccountId, displayName: `Vertex AI serving identity of ${spec.name}` }, opts);
  const member = pulumi.interpolate`serviceAccount:${serving.email}`;
  new storage.BucketIAMMember(n('serving-reads-weights'), { bucket: weightsBucket.name, role: 'roles/storage.objectViewer', member }, opts);
  d.serviceAccountProjectRoles.forEach((role, i) => new projects.IAMMember(n(`serving-role-${i}`), { project: projectId, role, member }, opts));

  const images = new artifactregistry.Repository(n('images'), {
    repositoryId: n('images'),
    location: d.region,
    format: 'DOCKER',
    mode: 'REMOTE_REPOSITORY',
    remoteRepositoryConfig: { description: 'Docker Hub mirror for the vLLM image', dockerRepository: { publicRepository: 'DOCKER_HUB' } },
    kmsKeyName: key.id,
    labels,
  }, { ...opts, dependsOn: [registryKey] });

  const endpoint = new vertex.AiEndpoint(n('endpoint'), {
    name: d.endpointId,
    displayName: d.name,
    location: d.region,
    region: d.region,
    encryptionSpec: { kmsKeyName: key.id },
    privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlists: [projectId] },
    labels,
  }, { ...opts, dependsOn: [vertexKey] });

  gcpDeploymentAlerting(d.name, {
    routing: gcpAlertRouting(d.name, spec.monitoring.recipients, vertexAiAlertPolicies(d, context.plan)),
    budget: gcpBillingBudget(context.plan),
    projectNumber: project.number,
  }, opts);

  const weightsUri = pulumi.interpolate`gs://${weightsBucket.name}/${d.weightsPrefix}`;
  const deployCommands = pulumi.all([projectId, endpoint.name, images.repositoryId, weightsUri, serving.email, key.id]).apply(
    ([projectId, endpointId, repositoryId, uri, email, keyName]) => vertexAiDeployCommands(d, {
      project: projectId, endpointId, imageUri: `${d.region}-docker.pkg.dev/${projectId}/${repositoryId}/${d.container.imagePath}`,
      weightsUri: uri, serviceAccountEmail: email, kmsKeyName: keyName,
    }).join('\n'),
  );
  return { endpoint, weightsBucket, deployCommands };
}
