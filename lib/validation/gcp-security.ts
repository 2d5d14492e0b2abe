/**
 * Our own security rules for Google Cloud resources, over the synthesized Terraform JSON and the Pulumi resources
 * alike (the AWS stacks have cdk-nag and cfn-guard; nothing equivalent runs offline for Google Cloud). One small pure
 * function per rule, on resources normalized to Terraform's attribute names:
 *
 * - GCP-GCS-1 no public bucket: public access prevention enforced, uniform bucket-level access, no allUsers grant;
 * - GCP-GCS-2 CMEK: the bucket's default KMS key is set;
 * - GCP-GCS-3 retained: `force_destroy` is not true (and Terraform's `prevent_destroy` is on);
 * - GCP-GKE-1 private nodes, and a private endpoint or authorized networks without 0.0.0.0/0;
 * - GCP-GKE-2 Workload Identity on the cluster, and the GKE metadata server on every node pool;
 * - GCP-GKE-3 Shielded Nodes not turned off;
 * - GCP-VPC-1 no firewall rule admitting 0.0.0.0/0.
 *
 * An exception is an acknowledgement with a written reason; one without a reason is itself a finding.
 */
import type { RecordedPulumiResource } from './pulumi-mocks';
import type { FindingEngine, ValidationFinding } from './types';

/** A Google Cloud resource with Terraform's type and snake_case attribute names. */
export interface GcpResource {
  readonly engine: FindingEngine;
  readonly address: string;
  readonly type: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Terraform `lifecycle.prevent_destroy`, or Pulumi `retainOnDelete` when the caller knows it. */
  readonly retained?: boolean;
}

/** A deliberate exception: the rule, the resource address it applies to, and why. */
export interface GcpRuleAcknowledgement {
  readonly rule: string;
  readonly resource: string;
  readonly reason: string;
}

type Rule = (resource: GcpResource) => string[];

const OPEN_CIDRS = new Set(['0.0.0.0/0', '::/0']);
const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);

/** Terraform JSON writes a single nested block as an object or a one-element list; read both. */
function block(value: unknown): Record<string, unknown> | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export const GCP_SECURITY_RULES: Readonly<Record<string, { readonly types: readonly string[]; readonly check: Rule }>> = {
  'GCP-GCS-1': {
    types: ['google_storage_bucket', 'google_storage_bucket_iam_member', 'google_storage_bucket_iam_binding'],
    check: (r) => {
      if (r.type !== 'google_storage_bucket') {
        const members = [r.attributes.member, ...list(r.attributes.members)].filter((m): m is string => typeof m === 'string');
        return members.filter((m) => PUBLIC_MEMBERS.has(m)).map((m) => `grants ${r.attributes.role as string} to ${m}: the bucket is public`);
      }
      const problems: string[] = [];
      if (r.attributes.public_access_prevention !== 'enforced') problems.push(`public_access_prevention is ${JSON.stringify(r.attributes.public_access_prevention)}, not "enforced"`);
      if (r.attributes.uniform_bucket_level_access !== true) problems.push('uniform_bucket_level_access is not true: object ACLs could make objects public');
      return problems;
    },
  },
  'GCP-GCS-2': {
    types: ['google_storage_bucket'],
    check: (r) => (block(r.attributes.encryption)?.default_kms_key_name ? [] : ['has no encryption.default_kms_key_name: objects are encrypted with Google-managed keys, not a customer-managed key']),
  },
  'GCP-GCS-3': {
    types: ['google_storage_bucket'],
    check: (r) => [
      ...(r.attributes.force_destroy === true ? ['force_destroy is true: destroying the stack deletes every object'] : []),
      ...(r.retained === false ? ['is not retained on destroy (Terraform lifecycle.prevent_destroy / Pulumi retainOnDelete)'] : []),
    ],
  },
  'GCP-GKE-1': {
    types: ['google_container_cluster'],
    check: (r) => {
      const priv = block(r.attributes.private_cluster_config);
      const problems: string[] = [];
      if (priv?.enable_private_nodes !== true) problems.push('private_cluster_config.enable_private_nodes is not true: nodes get public addresses');
      const authorized = list(block(r.attributes.master_authorized_networks_config)?.cidr_blocks).map((b) => block(b)?.cidr_block);
      if (authorized.some((cidr) => OPEN_CIDRS.has(cidr as string))) problems.push('master_authorized_networks_config admits 0.0.0.0/0');
      if (priv?.enable_private_endpoint !== true && authorized.length === 0) problems.push('the control plane endpoint is public and no authorized networks restrict it');
      return problems;
    },
  },
  'GCP-GKE-2': {
    types: ['google_container_cluster', 'google_container_node_pool'],
    check: (r) => {
      if (r.type === 'google_container_cluster') {
        return block(r.attributes.workload_identity_config)?.workload_pool ? [] : ['workload_identity_config.workload_pool is not set: pods would use the node service account'];
      }
      const mode = block(block(r.attributes.node_config)?.workload_metadata_config)?.mode;
      return mode === 'GKE_METADATA' ? [] : [`node_config.workload_metadata_config.mode is ${JSON.stringify(mode)}, not "GKE_METADATA": pods could read the node's credentials`];
    },
  },
  'GCP-GKE-3': {
    types: ['google_container_cluster'],
    check: (r) => (r.attributes.enable_shielded_nodes === false ? ['enable_shielded_nodes is false'] : []),
  },
  'GCP-VPC-1': {
    types: ['google_compute_firewall'],
    check: (r) => {
      const ingress = (r.attributes.direction ?? 'INGRESS') === 'INGRESS';
      const open = list(r.attributes.source_ranges).some((cidr) => OPEN_CIDRS.has(cidr as string));
      return ingress && open && list(r.attributes.allow).length > 0 ? ['allows ingress from 0.0.0.0/0'] : [];
    },
  },
};

/** Runs every rule over the resources; acknowledged findings are dropped, acknowledgements without a reason reported. */
export function gcpSecurityFindings(resources: readonly GcpResource[], acknowledgements: readonly GcpRuleAcknowledgement[] = []): ValidationFinding[] {
  const findings: ValidationFinding[] = [];
  for (const ack of acknowledgements) {
    if (ack.reason.trim().length < 10) {
      findings.push({ engine: 'terraform', resource: ack.resource, rule: ack.rule, severity: 'error', message: 'an exception needs a written reason (at least a sentence)' });
    }
  }
  const acknowledged = (rule: string, address: string) => acknowledgements.some((a) => a.rule === rule && a.resource === address && a.reason.trim().length >= 10);
  for (const resource of resources) {
    for (const [id, rule] of Object.entries(GCP_SECURITY_RULES)) {
      if (!rule.types.includes(resource.type) || acknowledged(id, resource.address)) continue;
      for (const message of rule.check(resource)) findings.push({ engine: resource.engine, resource: resource.address, rule: id, severity: 'error', message });
    }
  }
  return findings;
}

/** The `google_*` resources of a synthesized cdktf stack. */
export function gcpResourcesOfTerraform(json: Record<string, any>, stack: string): GcpResource[] {
  const resources: GcpResource[] = [];
  for (const [type, byName] of Object.entries((json.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
    if (!type.startsWith('google_')) continue;
    for (const [name, body] of Object.entries(byName)) {
      const lifecycle = block(body.lifecycle);
      resources.push({ engine: 'terraform', address: `${stack}/${type}.${name}`, type, attributes: body, retained: lifecycle?.prevent_destroy === true });
    }
  }
  return resources;
}

/** Pulumi's gcp type tokens (`gcp:storage/bucket:Bucket`) to Terraform's (`google_storage_bucket`). */
const PULUMI_TYPES: Readonly<Record<string, string>> = {
  'gcp:storage/bucket:Bucket': 'google_storage_bucket',
  'gcp:storage/bucketIAMMember:BucketIAMMember': 'google_storage_bucket_iam_member',
  'gcp:storage/bucketIAMBinding:BucketIAMBinding': 'google_storage_bucket_iam_binding',
  'gcp:container/cluster:Cluster': 'google_container_cluster',
  'gcp:container/nodePool:NodePool': 'google_container_node_pool',
  'gcp:compute/firewall:Firewall': 'google_compute_firewall',
};
/** Pulumi pluralizes repeated blocks where Terraform does not. */
const PULUMI_PLURALS: Readonly<Record<string, string>> = { sourceRanges: 'source_ranges', allows: 'allow', cidrBlocks: 'cidr_blocks', members: 'members' };

function snakeCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCase);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [PULUMI_PLURALS[k] ?? k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeCase(v)]));
}

/** The Google Cloud resources of a Pulumi program recorded under mocks (retained = `retainOnDelete` or `protect`). */
export function gcpResourcesOfPulumi(resources: readonly RecordedPulumiResource[]): GcpResource[] {
  return resources.flatMap((r) => {
    const type = PULUMI_TYPES[r.type];
    if (type === undefined) return [];
    return [{ engine: 'pulumi' as const, address: r.urn ?? `${r.type}::${r.name}`, type, attributes: snakeCase(r.inputs) as Record<string, unknown>, retained: r.retainOnDelete || r.protect }];
  });
}
