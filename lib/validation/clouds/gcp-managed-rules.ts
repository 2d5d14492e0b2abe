/**
 * Our security rules for the Vertex AI blueprint's Google Cloud resources, on cdktf (hashicorp/google) and
 * Pulumi (@pulumi/gcp) output alike: the counterparts of the AWS checks (cdk-nag, cfn-guard). One small
 * pure function per rule; the accepted exceptions are written below with their reasons.
 */
import type { RecordedPulumiResource } from '../pulumi-mocks';
import type { ValidationFinding } from '../types';
import { findingsOf, pulumiResources, terraformResources, type EngineResource, type RuleException, type RuleProblem } from './managed-rule-support';

type Rule = (r: EngineResource) => RuleProblem[];

const is = (r: EngineResource, terraform: string, pulumi: string) => r.type === terraform || r.type === pulumi;
const get = (r: EngineResource, snake: string, camel: string): any => (r.engine === 'terraform' ? r.props[snake] : r.props[camel]);

/** GCS buckets: public access prevention enforced and uniform bucket-level access (no object ACLs). */
export const bucketNotPublic: Rule = (r) => {
  if (!is(r, 'google_storage_bucket', 'gcp:storage/bucket:Bucket')) return [];
  const out: RuleProblem[] = [];
  if (get(r, 'public_access_prevention', 'publicAccessPrevention') !== 'enforced') out.push({ rule: 'gcp/bucket-public-access', address: r.address, message: "public access prevention is not 'enforced'" });
  if (get(r, 'uniform_bucket_level_access', 'uniformBucketLevelAccess') !== true) out.push({ rule: 'gcp/bucket-uniform-access', address: r.address, message: 'uniform bucket-level access is off: object ACLs could make objects public' });
  return out;
};

/** GCS buckets encrypt with our key (CMEK). */
export const bucketCmek: Rule = (r) => (is(r, 'google_storage_bucket', 'gcp:storage/bucket:Bucket') && !get(r, 'encryption', 'encryption')?.[r.engine === 'terraform' ? 'default_kms_key_name' : 'defaultKmsKeyName']
  ? [{ rule: 'gcp/bucket-cmek', address: r.address, message: 'no default KMS key: objects are encrypted with a Google-managed key' }]
  : []);

/** Vertex AI endpoints: private (Private Service Connect or VPC peering) and CMEK-encrypted. */
export const vertexEndpointPrivateAndCmek: Rule = (r) => {
  if (!is(r, 'google_vertex_ai_endpoint', 'gcp:vertex/aiEndpoint:AiEndpoint')) return [];
  const psc = get(r, 'private_service_connect_config', 'privateServiceConnectConfig');
  const pscOn = psc?.[r.engine === 'terraform' ? 'enable_private_service_connect' : 'enablePrivateServiceConnect'] === true;
  const out: RuleProblem[] = [];
  if (!pscOn && !get(r, 'network', 'network')) out.push({ rule: 'gcp/vertex-endpoint-public', address: r.address, message: 'the endpoint is public: enable Private Service Connect or peer it with a VPC network' });
  const key = get(r, 'encryption_spec', 'encryptionSpec')?.[r.engine === 'terraform' ? 'kms_key_name' : 'kmsKeyName'];
  if (!key) out.push({ rule: 'gcp/vertex-endpoint-cmek', address: r.address, message: 'no encryption_spec.kms_key_name: the endpoint uses a Google-managed key' });
  return out;
};

/** KMS keys rotate (CIS GCP 1.10: at most 90 days). */
export const kmsKeyRotates: Rule = (r) => {
  if (!is(r, 'google_kms_crypto_key', 'gcp:kms/cryptoKey:CryptoKey')) return [];
  const period = Number(/^(\d+)s$/.exec(String(get(r, 'rotation_period', 'rotationPeriod') ?? ''))?.[1] ?? NaN);
  return Number.isFinite(period) && period <= 90 * 24 * 3600 ? [] : [{ rule: 'gcp/kms-rotation', address: r.address, message: `rotation period ${String(get(r, 'rotation_period', 'rotationPeriod'))} is unset or longer than 90 days` }];
};

const IAM_MEMBER_TYPES = ['google_project_iam_member', 'gcp:projects/iAMMember:IAMMember', 'google_storage_bucket_iam_member', 'gcp:storage/bucketIAMMember:BucketIAMMember', 'google_kms_crypto_key_iam_member', 'gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember'];

/** Least privilege: no public members, no basic roles, and every project-wide grant written down. */
export const leastPrivilege: Rule = (r) => {
  if (!IAM_MEMBER_TYPES.includes(r.type)) return [];
  const member = String(r.props.member ?? '');
  const role = String(r.props.role ?? '');
  const out: RuleProblem[] = [];
  if (member === 'allUsers' || member === 'allAuthenticatedUsers') out.push({ rule: 'gcp/iam-public-member', address: r.address, message: `${role} is granted to ${member}` });
  if (['roles/owner', 'roles/editor', 'roles/viewer'].includes(role)) out.push({ rule: 'gcp/iam-basic-role', address: r.address, message: `basic role ${role} grants far more than serving needs` });
  if (r.type === 'google_project_iam_member' || r.type === 'gcp:projects/iAMMember:IAMMember') out.push({ rule: 'gcp/iam-project-scope', address: r.address, subject: role, message: `${role} is granted on the whole project` });
  return out;
};

export const GCP_MANAGED_RULES: readonly Rule[] = [bucketNotPublic, bucketCmek, vertexEndpointPrivateAndCmek, kmsKeyRotates, leastPrivilege];

/** Grants that can only be made on the project, and why the serving identity needs them. */
export const GCP_MANAGED_RULE_EXCEPTIONS: readonly RuleException[] = [
  { rule: 'gcp/iam-project-scope', subject: 'roles/logging.logWriter', reason: 'log writing is granted per project only; the serving container writes its logs (no read access comes with it)' },
  { rule: 'gcp/iam-project-scope', subject: 'roles/monitoring.metricWriter', reason: 'metric writing is granted per project only; the serving container writes its metrics (no read access comes with it)' },
  // GKE nodes' own service account (lib/gke/node-roles.ts): the minimal set GKE's least-privilege guide lists for nodes;
  // KEDA's Google identity (lib/gke/keda.ts) holds the same role to read the serving metrics it scales on.
  { rule: 'gcp/iam-project-scope', subject: 'roles/monitoring.viewer', reason: "Cloud Monitoring grants reading per project only: GKE's least-privilege node service account reads the project's monitoring configuration, KEDA's identity reads the serving metrics it scales on (PromQL); read-only" },
  { rule: 'gcp/iam-project-scope', subject: 'roles/stackdriver.resourceMetadata.writer', reason: "GKE's least-privilege node service account: nodes write resource metadata for their own logs and metrics" },
  { rule: 'gcp/iam-project-scope', subject: 'roles/artifactregistry.reader', reason: 'GKE nodes pull the serving images from the project\'s Artifact Registry remote repository; read-only' },
];

function check(resources: readonly EngineResource[]): ValidationFinding[] {
  return findingsOf(resources.flatMap((r) => GCP_MANAGED_RULES.flatMap((rule) => rule(r))), resources, GCP_MANAGED_RULE_EXCEPTIONS);
}

/** The rules over a cdktf stack's Terraform JSON. */
export function gcpManagedFindingsOfTerraform(json: Record<string, any>): ValidationFinding[] {
  return check(terraformResources(json));
}

/** The rules over a Pulumi program's recorded resources. */
export function gcpManagedFindingsOfPulumi(resources: readonly RecordedPulumiResource[]): ValidationFinding[] {
  return check(pulumiResources(resources));
}
