/**
 * Roles of the GKE nodes' own service account: what GKE's "Use least privilege IAM service accounts" lists for
 * nodes (logging, monitoring, metadata) plus reading images from Artifact Registry (GKE hardening guide, read
 * 2026-12-03). Nothing here reaches the weights: the serving pods read them through Workload Identity.
 */
export const GKE_NODE_SERVICE_ACCOUNT_ROLES: readonly string[] = [
  'roles/logging.logWriter',
  'roles/monitoring.metricWriter',
  'roles/monitoring.viewer',
  'roles/stackdriver.resourceMetadata.writer',
  'roles/artifactregistry.reader',
];
