/**
 * Our security rules for Azure, over the synthesized Terraform JSON (azurerm) and the Pulumi resources
 * (azure-native): the Azure counterparts of the AWS checks (cdk-nag, cfn-guard) that run on CDK output.
 * Each engine's resources are first read into the same facts (what a storage account, a cluster, a vault
 * or a network rule allows); the rules are small pure functions over those facts, so one rule covers both
 * engines. An attribute left out counts as the provider's default (azurerm 4.x defaults for Terraform, where
 * most are the permissive value; Pulumi inputs must say it explicitly, as ARM defaults vary by API version).
 * Exceptions are written in {@link AZURE_RULE_EXCEPTIONS} with their reason; an excepted finding is reported
 * as a warning that quotes the reason.
 */
import type { RecordedPulumiResource } from '../pulumi-mocks';
import type { FindingEngine, ValidationFinding } from '../types';

type Props = Record<string, unknown>;

/** What a rule sees of one resource, whichever engine produced it. */
export type AzureResourceFacts =
  | { readonly kind: 'storage-account'; readonly address: string; readonly publicBlobAccess: boolean; readonly sharedKeyAccess: boolean; readonly minTls: string | undefined; readonly customerManagedKey: boolean; readonly publicNetworkAccess: boolean }
  | { readonly kind: 'blob-container'; readonly address: string; readonly publicAccess: boolean }
  | { readonly kind: 'key-vault'; readonly address: string; readonly purgeProtection: boolean; readonly firewallDenies: boolean }
  | { readonly kind: 'aks-cluster'; readonly address: string; readonly privateApiServer: boolean; readonly oidcIssuer: boolean; readonly workloadIdentity: boolean; readonly localAccountsDisabled: boolean; readonly entraRbac: boolean }
  | { readonly kind: 'inbound-rule'; readonly address: string; readonly allowFromInternet: string | undefined }
  | { readonly kind: 'gpu-node-pool'; readonly address: string; readonly vmSize: string | undefined };

export interface AzureRuleFinding {
  readonly rule: string;
  readonly message: string;
}

/** One rule: facts in, problems out. */
export type AzureRule = (facts: AzureResourceFacts) => AzureRuleFinding[];

const problem = (rule: string, message: string): AzureRuleFinding[] => [{ rule, message }];

/** Blob data is never public: no anonymous containers, no account that allows them. */
export const noPublicBlobAccess: AzureRule = (f) => {
  if (f.kind === 'storage-account' && f.publicBlobAccess) return problem('azure/storage-public-blob', 'the account allows public (anonymous) blob access: set allow_nested_items_to_be_public = false / allowBlobPublicAccess: false');
  if (f.kind === 'blob-container' && f.publicAccess) return problem('azure/storage-public-blob', "the container is public: set container_access_type = 'private' / publicAccess: 'None'");
  return [];
};

/** Only Entra ID identities read the account: shared keys (and the SAS tokens they sign) are off. */
export const noSharedKeyAccess: AzureRule = (f) => (f.kind === 'storage-account' && f.sharedKeyAccess
  ? problem('azure/storage-shared-key', 'shared-key authorization is on: set shared_access_key_enabled = false / allowSharedKeyAccess: false')
  : []);

/** TLS 1.2 or later. */
export const minimumTls12: AzureRule = (f) => (f.kind === 'storage-account' && f.minTls !== 'TLS1_2' && f.minTls !== 'TLS1_3'
  ? problem('azure/storage-tls', `minimum TLS version is ${f.minTls ?? 'not set'}: set it to TLS1_2`)
  : []);

/** Data encrypted with a customer-managed key. */
export const customerManagedKey: AzureRule = (f) => (f.kind === 'storage-account' && !f.customerManagedKey
  ? problem('azure/storage-cmk', 'the account is encrypted with a Microsoft-managed key: add a customer-managed key from Key Vault')
  : []);

/** Reached through private endpoints only. */
export const privateStorage: AzureRule = (f) => (f.kind === 'storage-account' && f.publicNetworkAccess
  ? problem('azure/storage-public-network', "public network access is on: set public_network_access_enabled = false / publicNetworkAccess: 'Disabled' and use a private endpoint")
  : []);

/** Keys that encrypt data cannot be purged before their retention ends; the vault's firewall denies by default. */
export const protectedKeyVault: AzureRule = (f) => {
  if (f.kind !== 'key-vault') return [];
  return [
    ...(f.purgeProtection ? [] : problem('azure/key-vault-purge-protection', 'purge protection is off: a deleted key could be purged and the data encrypted with it lost')),
    ...(f.firewallDenies ? [] : problem('azure/key-vault-firewall', "the vault accepts every network: set network_acls.default_action = 'Deny' / networkAcls.defaultAction: 'Deny'")),
  ];
};

/** The API server is private; pods authenticate with workload identity; only Entra ID identities log in. */
export const hardenedAksCluster: AzureRule = (f) => {
  if (f.kind !== 'aks-cluster') return [];
  return [
    ...(f.privateApiServer ? [] : problem('azure/aks-private-cluster', 'the API server is public: set private_cluster_enabled = true / apiServerAccessProfile.enablePrivateCluster: true')),
    ...(f.oidcIssuer && f.workloadIdentity ? [] : problem('azure/aks-workload-identity', 'workload identity is off: enable the OIDC issuer and workload identity so pods use federated credentials, not secrets')),
    ...(f.localAccountsDisabled ? [] : problem('azure/aks-local-accounts', 'local accounts are on: a static admin kubeconfig bypasses Entra ID; set local_account_disabled = true / disableLocalAccounts: true')),
    ...(f.entraRbac ? [] : problem('azure/aks-entra-rbac', 'Entra ID authentication with Azure RBAC is not configured')),
  ];
};

/** No inbound rule allows the whole internet. */
export const noOpenIngress: AzureRule = (f) => (f.kind === 'inbound-rule' && f.allowFromInternet !== undefined
  ? problem('azure/nsg-open-ingress', `an inbound Allow rule admits source '${f.allowFromInternet}' (the whole internet): name the sources that need access`)
  : []);

/**
 * A GPU pool's VM size comes from the Azure catalogue. A warning, not an error: until the planner searches
 * Azure VM sizes, a plan may carry another cloud's instance type.
 */
export const azureVmSize: AzureRule = (f) => (f.kind === 'gpu-node-pool' && !/^Standard_/.test(f.vmSize ?? '')
  ? problem('azure/gpu-vm-size', `VM size '${f.vmSize ?? ''}' is not an Azure VM size (Standard_*): plan on the Azure catalogue or set target.instanceType`)
  : []);

export const AZURE_RULES: readonly AzureRule[] = [noPublicBlobAccess, noSharedKeyAccess, minimumTls12, customerManagedKey, privateStorage, protectedKeyVault, hardenedAksCluster, noOpenIngress, azureVmSize];

/** Rules whose findings are warnings by design (see each rule). */
const WARNING_RULES = new Set(['azure/gpu-vm-size']);

/** A finding accepted on purpose: which rule, on which resources (address pattern), and why. */
export interface AzureRuleException {
  readonly rule: string;
  readonly resource: RegExp;
  readonly reason: string;
}

/** Findings we accept, each with its reason. Empty today: every Azure blueprint passes every rule. */
export const AZURE_RULE_EXCEPTIONS: readonly AzureRuleException[] = [];

const OPEN_SOURCES = new Set(['*', '0.0.0.0/0', '::/0', 'internet', 'any']);

const bool = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);
const block = (value: unknown): Props | undefined => (Array.isArray(value) ? (value[0] as Props | undefined) : (value as Props | undefined)) ?? undefined;
const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : undefined);

/** Facts of one inbound rule (`direction`, `access`, source prefix or prefixes), azurerm or azure-native names. */
function inboundRule(address: string, rule: Props): AzureResourceFacts | undefined {
  if (lower(rule.direction) !== 'inbound' || lower(rule.access) !== 'allow') return undefined;
  const sources = [rule.source_address_prefix, rule.sourceAddressPrefix, ...((rule.source_address_prefixes ?? rule.sourceAddressPrefixes ?? []) as unknown[])];
  const open = sources.find((s) => typeof s === 'string' && OPEN_SOURCES.has(s.toLowerCase())) as string | undefined;
  return { kind: 'inbound-rule', address, allowFromInternet: open };
}

/** Facts of every azurerm resource a rule looks at, from a stack's Terraform JSON. */
export function azureFactsOfTerraform(json: Record<string, any>): AzureResourceFacts[] {
  const resources = (json.resource ?? {}) as Record<string, Record<string, Props>>;
  const all = (type: string) => Object.entries(resources[type] ?? {}).map(([name, body]) => [`${type}.${name}`, body ?? {}] as const);
  const separateKeys = new Set(all('azurerm_storage_account_customer_managed_key').map(([, b]) => String(b.storage_account_id ?? '')));
  const facts: AzureResourceFacts[] = [];
  for (const [address, b] of all('azurerm_storage_account')) {
    facts.push({
      kind: 'storage-account', address,
      publicBlobAccess: bool(b.allow_nested_items_to_be_public, true),
      sharedKeyAccess: bool(b.shared_access_key_enabled, true),
      minTls: typeof b.min_tls_version === 'string' ? b.min_tls_version : 'TLS1_2',
      customerManagedKey: block(b.customer_managed_key) !== undefined || separateKeys.has(`\${${address}.id}`),
      publicNetworkAccess: bool(b.public_network_access_enabled, true),
    });
  }
  for (const [address, b] of all('azurerm_storage_container')) facts.push({ kind: 'blob-container', address, publicAccess: (b.container_access_type ?? 'private') !== 'private' });
  for (const [address, b] of all('azurerm_key_vault')) {
    facts.push({ kind: 'key-vault', address, purgeProtection: bool(b.purge_protection_enabled, false), firewallDenies: lower(block(b.network_acls)?.default_action) === 'deny' || b.public_network_access_enabled === false });
  }
  for (const [address, b] of all('azurerm_kubernetes_cluster')) {
    facts.push({
      kind: 'aks-cluster', address,
      privateApiServer: bool(b.private_cluster_enabled, false),
      oidcIssuer: bool(b.oidc_issuer_enabled, false),
      workloadIdentity: bool(b.workload_identity_enabled, false),
      localAccountsDisabled: bool(b.local_account_disabled, false),
      entraRbac: block(b.azure_active_directory_role_based_access_control) !== undefined,
    });
  }
  for (const [address, b] of all('azurerm_kubernetes_cluster_node_pool')) {
    if (Array.isArray(b.node_taints) && b.node_taints.some((t) => String(t).startsWith('sku=gpu'))) facts.push({ kind: 'gpu-node-pool', address, vmSize: b.vm_size as string | undefined });
  }
  for (const [address, b] of all('azurerm_network_security_group')) {
    for (const [i, rule] of ((b.security_rule ?? []) as Props[]).entries()) {
      const f = inboundRule(`${address}.security_rule[${i}]`, rule);
      if (f) facts.push(f);
    }
  }
  for (const [address, b] of all('azurerm_network_security_rule')) {
    const f = inboundRule(address, b);
    if (f) facts.push(f);
  }
  return facts;
}

/** Facts of every azure-native resource a rule looks at, from a Pulumi program's recorded resources. */
export function azureFactsOfPulumi(resources: readonly RecordedPulumiResource[]): AzureResourceFacts[] {
  const facts: AzureResourceFacts[] = [];
  for (const r of resources) {
    const i = r.inputs as Props;
    const address = r.urn ?? r.name;
    switch (r.type) {
      case 'azure-native:storage:StorageAccount':
        facts.push({
          kind: 'storage-account', address,
          publicBlobAccess: bool(i.allowBlobPublicAccess, true),
          sharedKeyAccess: bool(i.allowSharedKeyAccess, true),
          minTls: i.minimumTlsVersion as string | undefined,
          customerManagedKey: lower(block(i.encryption)?.keySource) === 'microsoft.keyvault',
          publicNetworkAccess: i.publicNetworkAccess !== 'Disabled',
        });
        break;
      case 'azure-native:storage:BlobContainer':
        facts.push({ kind: 'blob-container', address, publicAccess: (i.publicAccess ?? 'None') !== 'None' });
        break;
      case 'azure-native:keyvault:Vault': {
        const p = (i.properties ?? {}) as Props;
        facts.push({ kind: 'key-vault', address, purgeProtection: bool(p.enablePurgeProtection, false), firewallDenies: lower(block(p.networkAcls)?.defaultAction) === 'deny' || p.publicNetworkAccess === 'Disabled' });
        break;
      }
      case 'azure-native:containerservice:ManagedCluster': {
        const security = (i.securityProfile ?? {}) as Props;
        facts.push({
          kind: 'aks-cluster', address,
          privateApiServer: bool((i.apiServerAccessProfile as Props | undefined)?.enablePrivateCluster, false),
          oidcIssuer: bool((i.oidcIssuerProfile as Props | undefined)?.enabled, false),
          workloadIdentity: bool((security.workloadIdentity as Props | undefined)?.enabled, false),
          localAccountsDisabled: bool(i.disableLocalAccounts, false),
          entraRbac: bool((i.aadProfile as Props | undefined)?.managed, false) && bool((i.aadProfile as Props | undefined)?.enableAzureRBAC, false),
        });
        break;
      }
      case 'azure-native:containerservice:AgentPool':
        if (Array.isArray(i.nodeTaints) && i.nodeTaints.some((t) => String(t).startsWith('sku=gpu'))) facts.push({ kind: 'gpu-node-pool', address, vmSize: i.vmSize as string | undefined });
        break;
      case 'azure-native:network:NetworkSecurityGroup':
        for (const [n, rule] of ((i.securityRules ?? []) as Props[]).entries()) {
          const f = inboundRule(`${address}.securityRules[${n}]`, rule);
          if (f) facts.push(f);
        }
        break;
      case 'azure-native:network:SecurityRule': {
        const f = inboundRule(address, i);
        if (f) facts.push(f);
        break;
      }
      default:
    }
  }
  return facts;
}

/** Runs every rule over the facts; exceptions become warnings quoting their reason. */
export function checkAzureFacts(
  facts: readonly AzureResourceFacts[], engine: FindingEngine, resourcePrefix = '',
  rules: readonly AzureRule[] = AZURE_RULES, exceptions: readonly AzureRuleException[] = AZURE_RULE_EXCEPTIONS,
): ValidationFinding[] {
  return facts.flatMap((f) => rules.flatMap((rule) => rule(f)).map((found): ValidationFinding => {
    const excepted = exceptions.find((e) => e.rule === found.rule && e.resource.test(f.address));
    const resource = `${resourcePrefix}${f.address}`;
    if (excepted) return { engine, resource, rule: found.rule, severity: 'warning', message: `${found.message} (accepted: ${excepted.reason})` };
    return { engine, resource, rule: found.rule, severity: WARNING_RULES.has(found.rule) ? 'warning' : 'error', message: found.message };
  }));
}

/** Azure findings of a Terraform stack (`<stack>/<address>`); nothing for stacks without azurerm resources. */
export function azureSecurityOfTerraform(json: Record<string, any>, stack: string): ValidationFinding[] {
  return checkAzureFacts(azureFactsOfTerraform(json), 'terraform', `${stack}/`);
}

/** Azure findings of a Pulumi program's resources. */
export function azureSecurityOfPulumi(resources: readonly RecordedPulumiResource[]): ValidationFinding[] {
  return checkAzureFacts(azureFactsOfPulumi(resources), 'pulumi');
}
