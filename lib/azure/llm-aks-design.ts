/**
 * The engine-neutral description of an `llm-aks` deployment: every name, address range, version and
 * setting the cdktf stack and the Pulumi program render, decided once from the plan. Pure: no engine import.
 */
import { lowestReplicaFloor } from '../spec/check-off-hours';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { InputValidationError, type InputProblem } from '../errors';
// The AKS docs' GPU pool taint, shared with the pods' tolerations (the cloud seam).
import { AKS_GPU_TAINT } from '../kubernetes/cloud/azure';

/**
 * AKS Kubernetes version (minor: AKS picks the latest supported patch). Source: AKS release calendar,
 * learn.microsoft.com/azure/aks/supported-kubernetes-versions (1.33 generally available; read 2026-12-03).
 */
export const AKS_KUBERNETES_VERSION = '1.33';


/**
 * Built-in role granting read access to blob data (role definition id from learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage, read 2026-12-03).
 */
export const STORAGE_BLOB_DATA_READER = { name: 'Storage Blob Data Reader', id: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1' } as const;
/** Built-in role the storage account's identity needs to wrap keys with the vault's key (same page, read 2026-12-03). */
export const KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER = { name: 'Key Vault Crypto Service Encryption User', id: 'e147488a-f6f5-4113-8e2d-b22465e65bf6' } as const;
/** Built-in role the deployer needs to create the vault's key (same page, read 2026-12-03). */
export const KEY_VAULT_CRYPTO_OFFICER = { name: 'Key Vault Crypto Officer', id: '14b46e9e-c2b7-41b4-b07b-48a6ebf60603' } as const;

/** Private DNS zone of blob private endpoints (learn.microsoft.com/azure/private-link/private-endpoint-dns, read 2026-12-03). */
export const BLOB_PRIVATE_DNS_ZONE = 'privatelink.blob.core.windows.net';
/** Audience of AKS workload identity federated credentials (learn.microsoft.com/azure/aks/workload-identity-deploy-cluster, read 2026-12-03). */
export const WORKLOAD_IDENTITY_AUDIENCE = 'api://AzureADTokenExchange';

/**
 * The application id of the AKS Entra ID server every managed-Entra cluster accepts tokens for (`kubelogin get-token
 * --server-id`; learn.microsoft.com/azure/aks/kubelogin-authentication, read 2026-12-03).
 */
export const AKS_ENTRA_SERVER_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

/** Default Azure region: the region the catalogue prices Azure VM sizes in. */
export const DEFAULT_AZURE_LOCATION = 'eastus';

export interface AksNodePoolDesign {
  /** Node pool name: lowercase letters and digits, at most 12 characters (AKS rule for Linux pools). */
  readonly name: string;
  readonly vmSize: string;
  readonly minCount: number;
  readonly maxCount: number;
  readonly labels: Readonly<Record<string, string>>;
  /** `key=value:Effect`, as AKS writes taints. */
  readonly taints: readonly string[];
  readonly osDiskSizeGb: number;
}

export interface LlmAksDesign {
  /** Blueprint (stack) name. */
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
  readonly clusterName: string;
  readonly kubernetesVersion: string;
  readonly network: {
    readonly vnetName: string;
    readonly addressSpace: string;
    /** Nodes and pods (Azure CNI overlay: pods get addresses from `podCidr`, nodes from this subnet). */
    readonly nodesSubnet: { readonly name: string; readonly prefix: string };
    /** Private endpoints (blob). */
    readonly endpointsSubnet: { readonly name: string; readonly prefix: string };
    readonly podCidr: string;
    readonly serviceCidr: string;
    readonly dnsServiceIp: string;
  };
  readonly systemPool: AksNodePoolDesign;
  readonly gpuPool: AksNodePoolDesign & { readonly gpusPerNode: number };
  readonly monitorWorkspaceName: string;
  readonly storage: {
    /** 3-24 lowercase letters and digits, globally unique. */
    readonly accountName: string;
    readonly containerName: string;
    readonly keyVaultName: string;
    readonly keyName: string;
    readonly encryptionIdentityName: string;
  };
  readonly workloadIdentity: {
    readonly identityName: string;
    readonly namespace: string;
    readonly serviceAccount: string;
    /** `system:serviceaccount:<namespace>:<name>`, the federated credential's subject. */
    readonly subject: string;
  };
  readonly tags: Readonly<Record<string, string>>;
}

/** Azure region names are lowercase letters and digits (`eastus`, `westeurope`); AWS names have dashes. */
function azureLocationOf(region: string | undefined): string {
  return region !== undefined && /^[a-z]+[0-9]*$/.test(region) ? region : DEFAULT_AZURE_LOCATION;
}

/** Lowercase letters and digits only, cut to `max` (storage account and node pool names). */
function alphanumeric(text: string, max: number): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, max);
}

/** A short stable hash, so that globally unique names (storage account, vault) differ per subscription use. */
function shortHash(text: string): string {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h.toString(36).slice(0, 6);
}

/**
 * Decides every setting of an `llm-aks` deployment from its plan.
 * @throws InputValidationError when the plan has no LLM serving plan, or the scaling bounds are unusable.
 */
export function llmAksDesign(context: BlueprintContext): LlmAksDesign {
  const { plan, name } = context;
  const problems: InputProblem[] = [];
  const llm = plan.llm;
  if (llm === undefined) problems.push({ field: 'runtime.engine', value: plan.spec.runtime.engine, message: 'is not served as an LLM on AKS', fix: "use runtime.engine 'vllm'" });
  const { minReplicas, maxReplicas } = plan.spec.scaling;
  if (llm !== undefined && llm.nodes > 1) {
    problems.push({ field: 'runtime.pipelineParallelSize', value: llm.pipelineParallelSize, message: `needs ${llm.nodes} nodes per replica; llm-aks serves single-node replicas`, fix: 'choose a VM size whose GPUs hold the model (target.instanceType)' });
  }
  if (problems.length > 0) throw new InputValidationError(`Blueprint '${name}'`, problems);
  const nodesPerReplica = llm!.nodes;
  const target = plan.spec.target;
  const namespace = ('namespace' in target ? target.namespace : undefined) ?? name;
  const salt = shortHash(`${name}/${context.env.account}`);
  const base = alphanumeric(name, 14);
  return {
    name,
    location: azureLocationOf(llm!.region),
    resourceGroupName: `rg-${name}`,
    clusterName: name,
    kubernetesVersion: AKS_KUBERNETES_VERSION,
    network: {
      vnetName: `vnet-${name}`,
      addressSpace: '10.40.0.0/16',
      nodesSubnet: { name: 'snet-nodes', prefix: '10.40.0.0/20' },
      endpointsSubnet: { name: 'snet-endpoints', prefix: '10.40.16.0/24' },
      // Overlay pod and service ranges must not overlap the VNet (learn.microsoft.com/azure/aks/azure-cni-overlay, read 2026-12-03).
      podCidr: '192.168.0.0/16',
      serviceCidr: '10.41.0.0/16',
      dnsServiceIp: '10.41.0.10',
    },
    systemPool: { name: 'system', vmSize: 'Standard_D4ds_v5', minCount: 2, maxCount: 3, labels: { 'aimd/pool': 'system' }, taints: [], osDiskSizeGb: 128 },
    gpuPool: {
      name: 'gpu',
      vmSize: llm!.instanceType,
      // GPU nodes kept at every hour: the off-hours floor when there is one (the cluster autoscaler adds nodes in the morning).
      minCount: lowestReplicaFloor(plan.spec.scaling) * nodesPerReplica,
      maxCount: (maxReplicas ?? minReplicas) * nodesPerReplica,
      gpusPerNode: llm!.acceleratorCount,
      labels: { 'aimd/pool': 'gpu', 'aimd/accelerator': llm!.accelerator },
      taints: [`${AKS_GPU_TAINT.key}=${AKS_GPU_TAINT.value}:${AKS_GPU_TAINT.effect}`],
      // Room for the vLLM image (~10 GB) and the model cache on the node.
      osDiskSizeGb: 512,
    },
    monitorWorkspaceName: `amw-${name}`,
    storage: {
      accountName: `${alphanumeric(base, 12)}w${salt}`.slice(0, 24),
      containerName: 'models',
      keyVaultName: `kv-${base.slice(0, 10)}-${salt}`,
      keyName: 'model-weights',
      encryptionIdentityName: `id-${name}-storage-cmk`,
    },
    workloadIdentity: {
      identityName: `id-${name}-model-reader`,
      namespace,
      serviceAccount: name,
      subject: `system:serviceaccount:${namespace}:${name}`,
    },
    tags: { 'aimd-blueprint': name, ...(plan.spec.tags ?? {}) },
  };
}

/** The scope of a role assignment on one blob container (ARM id of the container). */
export function blobContainerScope(storageAccountId: string, containerName: string): string {
  return `${storageAccountId}/blobServices/default/containers/${containerName}`;
}

/** The ARM id of a built-in role definition at a scope's subscription. */
export function builtInRoleDefinitionId(subscriptionId: string, roleId: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;
}
