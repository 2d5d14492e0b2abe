/**
 * Where the model weights live on Azure (cdktf, azurerm): a storage account and a private container,
 * encrypted with a customer-managed key from a purge-protected Key Vault, reachable only through a private
 * endpoint in the cluster's VNet, with shared-key (and SAS) authentication off so that only Entra ID
 * identities (the workload identity) read it. The account, vault and key are kept on `terraform destroy`
 * (`lifecycle.prevent_destroy`): weights outlive clusters.
 */
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { BLOB_PRIVATE_DNS_ZONE, KEY_VAULT_CRYPTO_OFFICER, KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER, type LlmAksDesign } from '../../../lib/azure/llm-aks-design';

export interface ModelWeightsStorageProps {
  readonly design: LlmAksDesign;
  readonly resourceGroupName: string;
  readonly tenantId: string;
  /** Object id of whoever applies the stack: it creates the vault's key (Key Vault Crypto Officer). */
  readonly deployerObjectId: string;
  /** Subnet of the blob private endpoint. */
  readonly endpointsSubnetId: string;
  /** VNet whose resolvers must resolve the blob endpoint to its private address. */
  readonly vnetId: string;
  /**
   * Public CIDRs allowed through the vault's firewall, e.g. the CI runner that applies the stack (the
   * key is created over the vault's data plane).
   * @default - none: apply from inside the VNet, or through a trusted Azure service
   */
  readonly operatorCidrs?: readonly string[];
}

export class ModelWeightsStorage extends Construct {
  public readonly account: StorageAccount;
  public readonly container: StorageContainer;
  public readonly keyVault: KeyVault;
  public readonly key: KeyVaultKey;

  constructor(scope: Construct, id: string, props: ModelWeightsStorageProps) {
    super(scope, id);
    const { design, resourceGroupName } = props;
    const { storage, location } = design;
    const tags = { ...design.tags };
    const keep = { preventDestroy: true };

    this.keyVault = new KeyVault(this, 'KeyVault', {
      name: storage.keyVaultName, location, resourceGroupName, tenantId: props.tenantId, skuName: 'premium',
      purgeProtectionEnabled: true, softDeleteRetentionDays: 90, rbacAuthorizationEnabled: true,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [...(props.operatorCidrs ?? [])] },
      tags, lifecycle: keep,
    });
    const deployerCanCreateKeys = new RoleAssignment(this, 'DeployerCryptoOfficer', {
      scope: this.keyVault.id, roleDefinitionName: KEY_VAULT_CRYPTO_OFFICER.name, principalId: props.deployerObjectId,
    });
    this.key = new KeyVaultKey(this, 'Key', {
      name: storage.keyName, keyVaultId: this.keyVault.id, keyType: 'RSA-HSM', keySize: 3072,
      keyOpts: ['wrapKey', 'unwrapKey'],
      rotationPolicy: { automatic: { timeBeforeExpiry: 'P30D' }, expireAfter: 'P2Y', notifyBeforeExpiry: 'P29D' },
      dependsOn: [deployerCanCreateKeys], lifecycle: keep,
    });
    // The account unwraps its key with its own identity: created first, granted on the vault, then named by the account.
    const encryptionIdentity = new UserAssignedIdentity(this, 'EncryptionIdentity', { name: storage.encryptionIdentityName, location, resourceGroupName, tags });
    const identityCanUseKey = new RoleAssignment(this, 'EncryptionIdentityKeyUser', {
      scope: this.keyVault.id, roleDefinitionName: KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER.name,
      principalId: encryptionIdentity.principalId, principalType: 'ServicePrincipal',
    });

    this.account = new StorageAccount(this, 'Account', {
      name: storage.accountName, location, resourceGroupName,
      accountTier: 'Standard', accountReplicationType: 'ZRS', accountKind: 'StorageV2',
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      publicNetworkAccessEnabled: false,
      infrastructureEncryptionEnabled: true,
      crossTenantReplicationEnabled: false,
      identity: { type: 'UserAssigned', identityIds: [encryptionIdentity.id] },
      customerManagedKey: { keyVaultKeyId: this.key.versionlessId, userAssignedIdentityId: encryptionIdentity.id },
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'] },
      blobProperties: { versioningEnabled: true, deleteRetentionPolicy: { days: 30 }, containerDeleteRetentionPolicy: { days: 30 } },
      tags, dependsOn: [identityCanUseKey], lifecycle: keep,
    });
    // With storage_account_id the container is managed through Azure Resource Manager, not the (private) blob endpoint.
    this.container = new StorageContainer(this, 'Container', {
      name: storage.containerName, storageAccountId: this.account.id, containerAccessType: 'private', lifecycle: keep,
    });

    const zone = new PrivateDnsZone(this, 'BlobDnsZone', { name: BLOB_PRIVATE_DNS_ZONE, resourceGroupName, tags });
    new PrivateDnsZoneVirtualNetworkLink(this, 'BlobDnsLink', {
      name: `${design.network.vnetName}-blob`, resourceGroupName, privateDnsZoneName: zone.name, virtualNetworkId: props.vnetId, registrationEnabled: false, tags,
    });
    new PrivateEndpoint(this, 'BlobEndpoint', {
      name: `pe-${storage.accountName}-blob`, location, resourceGroupName, subnetId: props.endpointsSubnetId,
      privateServiceConnection: { name: 'blob', isManualConnection: false, privateConnectionResourceId: this.account.id, subresourceNames: ['blob'] },
      privateDnsZoneGroup: { name: 'blob', privateDnsZoneIds: [zone.id] },
      tags,
    });
  }
}
