/**
 * Names of the AWS resources of an EKS GPU deployment, decided once for all three engines.
 *
 * Engine-free (no CDK, cdktf or Pulumi import): the CDK, cdktf and Pulumi constructs all import this
 * folder so that the names that end up inside Kubernetes objects (bucket, cluster, node role) are the
 * same literal strings on every engine and the objects compare equal in the parity test.
 */

/** S3 bucket names: 3–63 characters (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html, read 2026-11-24). */
const MAX_BUCKET_NAME = 63;
/** IAM role names: at most 64 characters (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, read 2026-11-24). */
const MAX_ROLE_NAME = 64;
/** SQS queue names: at most 80 characters (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-queues.html, read 2026-11-24). */
const MAX_QUEUE_NAME = 80;

function trimTo(value: string, max: number): string {
  return value.length <= max ? value : value.slice(0, max).replace(/-+$/, '');
}

/**
 * The model bucket of a deployment: `<name>-models-<account>-<region>`. Bucket names are global, so the
 * account and region make it unique; the deployment name is shortened when the whole would exceed 63.
 */
export function modelBucketName(deploymentName: string, account: string, region: string): string {
  const suffix = `-models-${account}-${region}`;
  return `${trimTo(deploymentName, MAX_BUCKET_NAME - suffix.length)}${suffix}`;
}

/** Bucket receiving the model bucket's server access logs. */
export function accessLogBucketName(deploymentName: string, account: string, region: string): string {
  const suffix = `-logs-${account}-${region}`;
  return `${trimTo(deploymentName, MAX_BUCKET_NAME - suffix.length)}${suffix}`;
}

/** Role that nodes launched by Karpenter (or EKS Auto Mode) assume; the EC2NodeClass names it. */
export function gpuNodeRoleName(clusterName: string): string {
  return trimTo(`${clusterName}-gpu-node`, MAX_ROLE_NAME);
}

/** Role of the Karpenter controller (Pod Identity). */
export function karpenterControllerRoleName(clusterName: string): string {
  return trimTo(`${clusterName}-karpenter`, MAX_ROLE_NAME);
}

/** Role the vLLM pods assume through Pod Identity to read the model prefix. */
export function modelReaderRoleName(deploymentName: string): string {
  return trimTo(`${deploymentName}-model-reader`, MAX_ROLE_NAME);
}

/** SQS queue Karpenter reads Spot interruption, rebalance, health and state-change events from. */
export function interruptionQueueName(clusterName: string): string {
  return trimTo(`${clusterName}-karpenter-interruption`, MAX_QUEUE_NAME);
}

/** Prefix under which the deployment's model weights are stored in the model bucket: `models/<model id>/`. */
export function defaultModelPrefix(modelId: string): string {
  return `models/${modelId.replace(/[^A-Za-z0-9._/-]/g, '-')}/`;
}
