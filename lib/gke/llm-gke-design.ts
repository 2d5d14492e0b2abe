/**
 * The engine-neutral description of an `llm-gke` deployment's Google Cloud resources: every name, address range,
 * flag and setting of the network, the cluster, its node pools, the weights bucket and its key, the service accounts
 * and their IAM bindings, and KEDA's identity and firewall rule, decided once from the {@link LlmGkeDeploymentConfig}.
 * The cdktf constructs (constructs/terraform/gke) and the Pulumi component (constructs/pulumi/gke) render it thinly:
 * they add only what an engine owns (references between resources, `prevent_destroy` / `protect`). Pure: no engine
 * import. Field names follow the google provider's arguments where both engines spell them alike.
 */
import type { HelmComponent } from '../eks/components';
import { InputValidationError, type InputProblem } from '../errors';
import { type LlmGkeDeploymentConfig, workloadIdentityMember } from './deployment-config';
import { GMP_READER_ROLE, gkeKedaComponent, kedaControlPlaneFirewall, kedaServiceAccountId, kedaWorkloadIdentityMember } from './keda';
import { GKE_GPU_TAINT, gkeGpuNodeLabels } from './node-pool';
import { GKE_NODE_SERVICE_ACCOUNT_ROLES } from './node-roles';
import { GKE_GPU_DRIVER_VERSION, GKE_NODE_OAUTH_SCOPES, GKE_SYSTEM_MACHINE_TYPE, KMS_KEY_ROTATION_PERIOD } from './security-defaults';

/** Lets a Google service account be impersonated by a Kubernetes ServiceAccount (Workload Identity, read 2026-12-03). */
export const WORKLOAD_IDENTITY_USER_ROLE = 'roles/iam.workloadIdentityUser';
/** Reads a bucket's objects and nothing else (Cloud Storage IAM roles, read 2026-12-03). */
export const STORAGE_OBJECT_VIEWER_ROLE = 'roles/storage.objectViewer';
/** What the Cloud Storage service agent needs on a CMEK key (Cloud Storage, "Use customer-managed encryption keys", read 2026-12-03). */
export const KMS_ENCRYPTER_DECRYPTER_ROLE = 'roles/cloudkms.cryptoKeyEncrypterDecrypter';

/** A Google service account: its id (6-30 characters) and display name. */
export interface GkeServiceAccountDesign {
  readonly accountId: string;
  readonly displayName: string;
}

/** A `roles/iam.workloadIdentityUser` binding on a service account, for one Kubernetes ServiceAccount. */
export interface GkeWorkloadIdentityDesign {
  readonly role: string;
  /** `serviceAccount:<project>.svc.id.goog[<namespace>/<ksa>]`. */
  readonly member: string;
}

/** What both node pools share (the node's own account is a reference each engine adds). */
export interface GkeNodeConfigDesign {
  readonly oauthScopes: string[];
  readonly shieldedInstanceConfig: { readonly enableSecureBoot: boolean; readonly enableIntegrityMonitoring: boolean };
  /** `GKE_METADATA`: pods see the GKE metadata server (Workload Identity), never the node's credentials. */
  readonly workloadMetadataConfig: { readonly mode: 'GKE_METADATA' };
  readonly resourceLabels: Readonly<Record<string, string>>;
}

export interface GkeNodePoolDesign {
  /** Node pool name (at most 40 characters). */
  readonly name: string;
  readonly location: string;
  readonly machineType: string;
  /** Total (not per zone) bounds; `locationPolicy` only on the GPU pool. */
  readonly autoscaling: { readonly totalMinNodeCount: number; readonly totalMaxNodeCount: number; readonly locationPolicy?: 'ANY' | 'BALANCED' };
  readonly management: { readonly autoRepair: boolean; readonly autoUpgrade: boolean };
}

export interface GkeGpuNodePoolDesign extends GkeNodePoolDesign {
  /** `guest_accelerator` (cdktf) / `guestAccelerators` (Pulumi). */
  readonly guestAccelerators: { readonly type: string; readonly count: number; readonly gpuDriverInstallationConfig: { readonly gpuDriverVersion: string } }[];
  readonly labels: Readonly<Record<string, string>>;
  /** `taint` (cdktf) / `taints` (Pulumi). */
  readonly taints: { readonly key: string; readonly value: string; readonly effect: string }[];
}

export interface LlmGkeDesign {
  readonly project: string;
  readonly region: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The cluster's own VPC, its node subnet (pods and services as secondary ranges) and Cloud NAT. */
  readonly network: {
    readonly name: string;
    readonly autoCreateSubnetworks: false;
    readonly subnet: {
      readonly name: string;
      readonly ipCidrRange: string;
      readonly privateIpGoogleAccess: boolean;
      /** `secondary_ip_range` (cdktf) / `secondaryIpRanges` (Pulumi). */
      readonly secondaryIpRanges: { readonly rangeName: string; readonly ipCidrRange: string }[];
      readonly logConfig: { readonly aggregationInterval: string; readonly flowSampling: number; readonly metadata: string };
    };
    readonly routerName: string;
    readonly nat: { readonly name: string; readonly natIpAllocateOption: string; readonly sourceSubnetworkIpRangesToNat: string; readonly logConfig: { readonly enable: boolean; readonly filter: string } };
  };
  /** The GKE Standard cluster's own settings (network and subnetwork are references each engine adds). */
  readonly cluster: {
    readonly name: string;
    readonly location: string;
    readonly removeDefaultNodePool: boolean;
    readonly initialNodeCount: number;
    readonly deletionProtection: boolean;
    readonly ipAllocationPolicy: { readonly clusterSecondaryRangeName: string; readonly servicesSecondaryRangeName: string };
    readonly privateClusterConfig: { readonly enablePrivateNodes: boolean; readonly enablePrivateEndpoint: boolean; readonly masterIpv4CidrBlock: string; readonly masterGlobalAccessConfig: { readonly enabled: boolean } };
    readonly masterAuthorizedNetworksConfig: { readonly cidrBlocks: { readonly cidrBlock: string; readonly displayName: string }[] };
    readonly workloadIdentityConfig: { readonly workloadPool: string };
    readonly enableShieldedNodes: boolean;
    readonly releaseChannel: { readonly channel: string };
    readonly datapathProvider: string;
    readonly monitoringConfig: { readonly enableComponents: string[]; readonly managedPrometheus: { readonly enabled: boolean } };
    readonly resourceLabels: Readonly<Record<string, string>>;
  };
  /** The nodes' own least-privilege account and its project roles (never the Compute Engine default account). */
  readonly nodeAccount: GkeServiceAccountDesign & { readonly roles: readonly string[] };
  readonly nodeConfig: GkeNodeConfigDesign;
  readonly systemPool: GkeNodePoolDesign;
  readonly gpuPool: GkeGpuNodePoolDesign;
  /** Weights: the CMEK key ring and key (kept on destroy), the storage agent's grant, and the retained bucket. */
  readonly weights: {
    readonly keyRing: { readonly name: string; readonly location: string };
    readonly cryptoKey: { readonly name: string; readonly rotationPeriod: string; readonly purpose: 'ENCRYPT_DECRYPT' };
    /** The role the Cloud Storage service agent gets on the key. */
    readonly storageAgentRole: string;
    readonly bucket: {
      readonly name: string;
      /** Cloud Storage location (upper case, as the API returns it: no diff after apply). */
      readonly location: string;
      readonly uniformBucketLevelAccess: boolean;
      readonly publicAccessPrevention: 'enforced' | 'inherited';
      readonly versioning: { readonly enabled: boolean };
      readonly forceDestroy: boolean;
      readonly labels: Readonly<Record<string, string>>;
    };
    /** Key and bucket survive `destroy` (Terraform `prevent_destroy`; Pulumi `protect` / `retainOnDelete`). */
    readonly retainOnDestroy: true;
  };
  /** The serving pods' account: reads the weights bucket, impersonated by the serving ServiceAccount. */
  readonly reader: GkeServiceAccountDesign & { readonly bucketRole: string; readonly workloadIdentity: GkeWorkloadIdentityDesign };
  /** KEDA's operator account (reads Managed Prometheus), its binding, the control plane's firewall rule and the chart. */
  readonly keda: {
    readonly account: GkeServiceAccountDesign;
    readonly projectRole: string;
    readonly workloadIdentity: GkeWorkloadIdentityDesign;
    readonly firewall: { readonly name: string; readonly direction: 'INGRESS'; readonly sourceRanges: string[]; readonly allows: { readonly protocol: string; readonly ports: string[] }[] };
    readonly component: HelmComponent;
  };
}

/**
 * Decides every Google Cloud setting of an `llm-gke` deployment from its config.
 * @throws InputValidationError naming every name that breaks one of Google's limits
 */
export function llmGkeDesign(config: LlmGkeDeploymentConfig): LlmGkeDesign {
  const c = config;
  // Each resource gets its own copy of the labels.
  const labels = () => ({ ...c.labels });
  const design: LlmGkeDesign = {
    project: c.project,
    region: c.region,
    labels: labels(),
    network: {
      name: c.name,
      autoCreateSubnetworks: false,
      subnet: {
        name: `${c.name}-nodes`,
        ipCidrRange: c.network.nodes,
        privateIpGoogleAccess: true,
        secondaryIpRanges: [{ rangeName: 'pods', ipCidrRange: c.network.pods }, { rangeName: 'services', ipCidrRange: c.network.services }],
        logConfig: { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' },
      },
      routerName: `${c.name}-nat`,
      nat: { name: `${c.name}-nat`, natIpAllocateOption: 'AUTO_ONLY', sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES', logConfig: { enable: true, filter: 'ERRORS_ONLY' } },
    },
    cluster: {
      name: c.name,
      location: c.region,
      // Node pools are managed separately; the default pool is created and removed at once, as the provider requires.
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      deletionProtection: true,
      ipAllocationPolicy: { clusterSecondaryRangeName: 'pods', servicesSecondaryRangeName: 'services' },
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: c.network.controlPlane, masterGlobalAccessConfig: { enabled: false } },
      masterAuthorizedNetworksConfig: { cidrBlocks: c.authorizedNetworks.map((cidr) => ({ cidrBlock: cidr, displayName: 'authorized' })) },
      workloadIdentityConfig: { workloadPool: `${c.project}.svc.id.goog` },
      enableShieldedNodes: true,
      releaseChannel: { channel: c.releaseChannel },
      // Dataplane V2: network policy enforced.
      datapathProvider: 'ADVANCED_DATAPATH',
      // Managed Prometheus scrapes vLLM; GKE's DCGM metrics replace a self-run exporter.
      monitoringConfig: { enableComponents: ['SYSTEM_COMPONENTS', 'DCGM'], managedPrometheus: { enabled: true } },
      resourceLabels: labels(),
    },
    nodeAccount: { accountId: `${c.serviceAccountId.slice(0, 24)}-node`, displayName: `${c.name} GKE nodes`, roles: GKE_NODE_SERVICE_ACCOUNT_ROLES },
    nodeConfig: {
      oauthScopes: GKE_NODE_OAUTH_SCOPES,
      shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      workloadMetadataConfig: { mode: 'GKE_METADATA' },
      resourceLabels: labels(),
    },
    systemPool: {
      name: 'system',
      location: c.region,
      machineType: GKE_SYSTEM_MACHINE_TYPE,
      autoscaling: { totalMinNodeCount: 1, totalMaxNodeCount: 3 },
      management: { autoRepair: true, autoUpgrade: true },
    },
    gpuPool: {
      name: c.serving.nodePoolName ?? `${c.name}-gpu`,
      location: c.region,
      machineType: c.machineType,
      autoscaling: { totalMinNodeCount: c.minNodes, totalMaxNodeCount: c.maxNodes, locationPolicy: 'ANY' },
      management: { autoRepair: true, autoUpgrade: true },
      guestAccelerators: [{ type: c.acceleratorType, count: c.acceleratorCount, gpuDriverInstallationConfig: { gpuDriverVersion: GKE_GPU_DRIVER_VERSION } }],
      labels: gkeGpuNodeLabels(c),
      taints: [GKE_GPU_TAINT],
    },
    weights: {
      keyRing: { name: c.keyRingName, location: c.region },
      cryptoKey: { name: c.cryptoKeyName, rotationPeriod: KMS_KEY_ROTATION_PERIOD, purpose: 'ENCRYPT_DECRYPT' },
      storageAgentRole: KMS_ENCRYPTER_DECRYPTER_ROLE,
      bucket: {
        name: c.bucketName,
        location: c.region.toUpperCase(),
        uniformBucketLevelAccess: true,
        publicAccessPrevention: 'enforced',
        versioning: { enabled: true },
        forceDestroy: false,
        labels: labels(),
      },
      retainOnDestroy: true,
    },
    reader: {
      accountId: c.serviceAccountId,
      displayName: `${c.name} model reader`,
      bucketRole: STORAGE_OBJECT_VIEWER_ROLE,
      workloadIdentity: { role: WORKLOAD_IDENTITY_USER_ROLE, member: workloadIdentityMember(c) },
    },
    keda: {
      account: { accountId: kedaServiceAccountId(c), displayName: `${c.name} KEDA metrics reader` },
      projectRole: GMP_READER_ROLE,
      workloadIdentity: { role: WORKLOAD_IDENTITY_USER_ROLE, member: kedaWorkloadIdentityMember(c) },
      firewall: kedaFirewallDesign(c),
      component: gkeKedaComponent(c),
    },
  };
  const problems = gkeNameProblems(design);
  if (problems.length > 0) throw new InputValidationError(`Blueprint '${c.name}' on GKE`, problems);
  return design;
}

function kedaFirewallDesign(c: LlmGkeDeploymentConfig): LlmGkeDesign['keda']['firewall'] {
  const rule = kedaControlPlaneFirewall(c);
  return { name: rule.name, direction: 'INGRESS', sourceRanges: rule.sourceRanges, allows: [{ protocol: 'tcp', ports: rule.ports }] };
}

/** A Google Cloud name rule: the pattern, and the limit as people read it. */
interface NameRule { readonly pattern: RegExp; readonly says: string }

/**
 * Google's naming limits, read 2026-12-03: GKE cluster and node pool names (container v1 API, `Cluster.name`: up to 40
 * lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit; node pools alike);
 * Compute Engine resources (RFC 1035, at most 63 characters); IAM service account ids (6-30 characters,
 * `[a-z]([-a-z0-9]*[a-z0-9])`); Cloud Storage bucket names (3-63 characters, lowercase letters, digits, `-`, `_`, `.`,
 * starting and ending with a letter or digit); Cloud KMS key ring and key names (`[a-zA-Z0-9_-]{1,63}`).
 */
const GKE_NAME: NameRule = { pattern: /^[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?$/, says: 'at most 40 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen' };
const COMPUTE_NAME: NameRule = { pattern: /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/, says: 'at most 63 lowercase letters, digits and hyphens (RFC 1035), starting with a letter and not ending with a hyphen' };
const SERVICE_ACCOUNT_ID: NameRule = { pattern: /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/, says: '6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen' };
const BUCKET_NAME: NameRule = { pattern: /^[a-z0-9][-a-z0-9_.]{1,61}[a-z0-9]$/, says: '3 to 63 lowercase letters, digits, hyphens, underscores and dots, starting and ending with a letter or digit' };
const KMS_NAME: NameRule = { pattern: /^[a-zA-Z0-9_-]{1,63}$/, says: '1 to 63 letters, digits, underscores and hyphens' };

/** Every design name that breaks Google's limits, each with the rule it breaks (empty when all fit). */
export function gkeNameProblems(design: LlmGkeDesign): InputProblem[] {
  const names: [string, string, NameRule][] = [
    ['cluster.name', design.cluster.name, GKE_NAME],
    ['gpuPool.name', design.gpuPool.name, GKE_NAME],
    ['systemPool.name', design.systemPool.name, GKE_NAME],
    ['network.name', design.network.name, COMPUTE_NAME],
    ['network.subnet.name', design.network.subnet.name, COMPUTE_NAME],
    ['network.routerName', design.network.routerName, COMPUTE_NAME],
    ['network.nat.name', design.network.nat.name, COMPUTE_NAME],
    ['keda.firewall.name', design.keda.firewall.name, COMPUTE_NAME],
    ['nodeAccount.accountId', design.nodeAccount.accountId, SERVICE_ACCOUNT_ID],
    ['reader.accountId', design.reader.accountId, SERVICE_ACCOUNT_ID],
    ['keda.account.accountId', design.keda.account.accountId, SERVICE_ACCOUNT_ID],
    ['weights.bucket.name', design.weights.bucket.name, BUCKET_NAME],
    ['weights.keyRing.name', design.weights.keyRing.name, KMS_NAME],
    ['weights.cryptoKey.name', design.weights.cryptoKey.name, KMS_NAME],
  ];
  return names.filter(([, value, rule]) => !rule.pattern.test(value)).map(([field, value, rule]) => ({
    field, value, message: `is not a valid Google Cloud name: ${rule.says}`, fix: 'choose a shorter deployment name (spec.name) made of lowercase letters, digits and hyphens',
  }));
}
