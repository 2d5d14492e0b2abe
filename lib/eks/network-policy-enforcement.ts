/**
 * Who enforces NetworkPolicies on EKS. On clusters with nodes we run (managed node groups, Karpenter) the VPC CNI's
 * network policy agent does, once the managed `vpc-cni` add-on is configured with `enableNetworkPolicy: "true"` (EKS
 * user guide, "Configure your cluster for Kubernetes network policies", read 2026-12-02); every engine installs the
 * add-on with this configuration, adopting the self-managed CNI EKS bootstrapped (`OVERWRITE`). EKS Auto Mode has
 * its own switch, in the GPU NodePool objects (see `lib/kubernetes/node-pools.ts`). Engine-free.
 */

/** The managed VPC CNI add-on with network policy enforcement on. */
export const VPC_CNI_NETWORK_POLICY_ADDON = {
  addonName: 'vpc-cni',
  configurationValues: JSON.stringify({ enableNetworkPolicy: 'true' }),
  /** Take over the self-managed CNI's fields (the aws-node DaemonSet EKS installed) on create. */
  resolveConflicts: 'OVERWRITE',
} as const;
