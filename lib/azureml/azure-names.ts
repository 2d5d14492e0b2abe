/** Azure names the Azure ML renderers share: built-in role ids and resource names. */

/**
 * Built-in role definition ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles, read
 * 2026-12-03): the endpoint identity reads the weights blobs and pulls its image; the workspace's CMK
 * identity wraps and unwraps with the key.
 */
export const AZURE_ROLES = {
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  keyVaultCryptoServiceEncryptionUser: 'e147488a-f6f5-4113-8e2d-b22465e65bf6',
} as const;

/** The subscription-scoped id of a built-in role. */
export function roleDefinitionId(subscriptionId: string, roleId: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;
}

/** A storage account / key vault / registry name: letters and digits only, within the service's length limit. */
export function alphanumericName(name: string, suffix: string, max: number): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${base.slice(0, max - suffix.length)}${suffix}`;
}
