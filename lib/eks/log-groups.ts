/**
 * The CloudWatch log groups EKS writes for a cluster: control-plane logs (`/aws/eks/<cluster>/cluster`, EKS user
 * guide "Send control plane logs to CloudWatch Logs") and Container Insights (`/aws/containerinsights/<cluster>/
 * {application,dataplane,host,performance}`, "Container Insights log groups"), read 2026-12-02. Left to EKS they are
 * created on first write with no retention and no key; every engine declares them first, encrypted, with a year's
 * retention (the AWS Control Tower minimum, CT.CLOUDWATCH.PR.2). Engine-free.
 */

export const CLUSTER_LOG_RETENTION_DAYS = 365;

/** Every log group the cluster (control plane, Container Insights) writes. */
export function clusterLogGroupNames(clusterName: string): string[] {
  return [
    `/aws/eks/${clusterName}/cluster`,
    ...['application', 'dataplane', 'host', 'performance'].map((n) => `/aws/containerinsights/${clusterName}/${n}`),
  ];
}
