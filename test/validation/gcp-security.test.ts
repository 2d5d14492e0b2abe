/** The Google Cloud security rules, one by one, on hand-written Terraform JSON (pure, no synthesis). */
import { gcpResourcesOfPulumi, gcpResourcesOfTerraform, gcpSecurityFindings } from '../../lib/validation/gcp-security';

const GOOD_BUCKET = {
  name: 'weights', uniform_bucket_level_access: true, public_access_prevention: 'enforced', force_destroy: false,
  encryption: { default_kms_key_name: '${google_kms_crypto_key.key.id}' }, lifecycle: { prevent_destroy: true },
};
const GOOD_CLUSTER = {
  name: 'c', private_cluster_config: { enable_private_nodes: true, enable_private_endpoint: true },
  master_authorized_networks_config: { cidr_blocks: [{ cidr_block: '10.0.0.0/20' }] },
  workload_identity_config: { workload_pool: 'p.svc.id.goog' }, enable_shielded_nodes: true,
};
const GOOD_POOL = { node_config: { workload_metadata_config: { mode: 'GKE_METADATA' } } };

function findings(resource: Record<string, Record<string, unknown>>) {
  return gcpSecurityFindings(gcpResourcesOfTerraform({ resource: Object.fromEntries(Object.entries(resource).map(([type, body]) => [type, { x: body }])) }, 'stack'));
}
const rules = (resource: Record<string, Record<string, unknown>>) => findings(resource).map((f) => f.rule);

describe('Google Cloud security rules', () => {
  test('GIVEN a private CMEK bucket, a private cluster and GKE metadata pools THEN nothing is reported', () => {
    expect(findings({ google_storage_bucket: GOOD_BUCKET, google_container_cluster: GOOD_CLUSTER, google_container_node_pool: GOOD_POOL })).toEqual([]);
  });

  test('GCP-GCS-1: a bucket without enforced public access prevention, or granted to allUsers, is public', () => {
    expect(rules({ google_storage_bucket: { ...GOOD_BUCKET, public_access_prevention: 'inherited' } })).toEqual(['GCP-GCS-1']);
    expect(rules({ google_storage_bucket_iam_member: { bucket: 'weights', role: 'roles/storage.objectViewer', member: 'allUsers' } })).toEqual(['GCP-GCS-1']);
  });

  test('GCP-GCS-2: a bucket without a customer-managed key is reported', () => {
    const { encryption: _, ...plain } = GOOD_BUCKET;
    expect(findings({ google_storage_bucket: plain })[0]).toMatchObject({ rule: 'GCP-GCS-2', resource: 'stack/google_storage_bucket.x' });
  });

  test('GCP-GCS-3: force_destroy or a bucket not kept on destroy loses the weights', () => {
    expect(rules({ google_storage_bucket: { ...GOOD_BUCKET, force_destroy: true } })).toEqual(['GCP-GCS-3']);
    expect(rules({ google_storage_bucket: { ...GOOD_BUCKET, lifecycle: {} } })).toEqual(['GCP-GCS-3']);
  });

  test('GCP-GKE-1: public nodes, or a public endpoint open to 0.0.0.0/0, are reported', () => {
    expect(rules({ google_container_cluster: { ...GOOD_CLUSTER, private_cluster_config: { enable_private_nodes: false, enable_private_endpoint: true } } })).toEqual(['GCP-GKE-1']);
    expect(findings({ google_container_cluster: { ...GOOD_CLUSTER, private_cluster_config: { enable_private_nodes: true }, master_authorized_networks_config: { cidr_blocks: [{ cidr_block: '0.0.0.0/0' }] } } })
      .map((f) => f.message)).toEqual(['master_authorized_networks_config admits 0.0.0.0/0']);
  });

  test('GCP-GKE-2: no workload pool, or a pool exposing the node metadata, is reported', () => {
    expect(rules({ google_container_cluster: { ...GOOD_CLUSTER, workload_identity_config: undefined } as any })).toEqual(['GCP-GKE-2']);
    expect(rules({ google_container_node_pool: { node_config: {} } })).toEqual(['GCP-GKE-2']);
  });

  test('GCP-VPC-1: an ingress firewall rule from 0.0.0.0/0 is reported; egress is not', () => {
    expect(rules({ google_compute_firewall: { source_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['22'] }] } })).toEqual(['GCP-VPC-1']);
    expect(rules({ google_compute_firewall: { direction: 'EGRESS', destination_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'all' }] } })).toEqual([]);
  });

  test('GIVEN an exception THEN it needs a written reason, and then silences exactly that rule on that resource', () => {
    const resources = gcpResourcesOfTerraform({ resource: { google_storage_bucket: { x: { ...GOOD_BUCKET, force_destroy: true } } } }, 'stack');
    expect(gcpSecurityFindings(resources, [{ rule: 'GCP-GCS-3', resource: 'stack/google_storage_bucket.x', reason: 'Scratch bucket of the load test, rebuilt every run.' }])).toEqual([]);
    expect(gcpSecurityFindings(resources, [{ rule: 'GCP-GCS-3', resource: 'stack/google_storage_bucket.x', reason: 'ok' }]).map((f) => f.message))
      .toEqual(['an exception needs a written reason (at least a sentence)', 'force_destroy is true: destroying the stack deletes every object']);
  });

  test('GIVEN Pulumi resources THEN the same rules read them under Terraform names', () => {
    const bucket = { type: 'gcp:storage/bucket:Bucket', name: 'b', custom: true, dependencies: [], protect: false, inputs: { uniformBucketLevelAccess: true, publicAccessPrevention: 'inherited', encryption: { defaultKmsKeyName: 'k' } } };
    expect(gcpSecurityFindings(gcpResourcesOfPulumi([{ ...bucket, retainOnDelete: true }])).map((f) => `${f.engine} ${f.rule}`)).toEqual(['pulumi GCP-GCS-1']);
    // Without retainOnDelete, `pulumi destroy` deletes the weights.
    expect(gcpSecurityFindings(gcpResourcesOfPulumi([{ ...bucket, retainOnDelete: false }])).map((f) => f.rule)).toEqual(['GCP-GCS-1', 'GCP-GCS-3']);
  });
});
