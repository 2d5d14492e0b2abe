/**
 * Cluster add-ons that call AWS APIs, as Helm components with the Pod Identity grant their controller needs: the
 * External Secrets Operator (syncs the Hugging Face token from Secrets Manager) and the AWS Load Balancer Controller
 * (turns the serving Ingress into an internal ALB). Each engine's Helm installer creates the role and the Pod Identity
 * association of `podIdentity` before the release. Engine-free.
 */
import { albControllerPolicy } from './alb-controller-policy';
import type { PolicyDocumentJson } from './karpenter-iam';

/** Where a policy is evaluated; values may be engine tokens. */
export interface AwsScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** An IAM role a Helm component's service account assumes through EKS Pod Identity. */
export interface PodIdentityGrant {
  readonly serviceAccount: string;
  /** Literal role name (≤ 64 characters). */
  readonly roleName: string;
  readonly description: string;
  readonly policy: (scope: AwsScope) => PolicyDocumentJson;
  /** Why the policy has wildcard resources (written into the cdk-nag acknowledgement). @default - it has none */
  readonly wildcardReason?: string;
}

export const EXTERNAL_SECRETS_NAMESPACE = 'external-secrets';
export const EXTERNAL_SECRETS_SERVICE_ACCOUNT = 'external-secrets';
export const ALB_CONTROLLER_NAMESPACE = 'kube-system';
export const ALB_CONTROLLER_SERVICE_ACCOUNT = 'aws-load-balancer-controller';
export const CLUSTER_AUTOSCALER_NAMESPACE = 'kube-system';
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = 'cluster-autoscaler';

const MAX_ROLE_NAME = 64;
const roleName = (clusterName: string, suffix: string) => `${clusterName.slice(0, MAX_ROLE_NAME - suffix.length - 1)}-${suffix}`;

/**
 * ARN of a Secrets Manager secret given by name or ARN. A name matches any of the secret's ARNs: Secrets Manager
 * appends a hyphen and six random characters to it ("IAM policy examples for secrets in AWS Secrets Manager").
 */
export function secretsManagerSecretArn(secretId: string, scope: AwsScope): string {
  if (secretId.startsWith('arn:')) return secretId;
  return `arn:${scope.partition}:secretsmanager:${scope.region}:${scope.accountId}:secret:${secretId}-??????`;
}

/** `secretsmanager:GetSecretValue` on the given secrets and nothing else. */
export function secretReadPolicy(secretIds: readonly string[], scope: AwsScope): PolicyDocumentJson {
  return {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'ReadDeploymentSecrets',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: [...new Set(secretIds)].map((id) => secretsManagerSecretArn(id, scope)),
    }],
  };
}

/** The External Secrets Operator's grant: read exactly the secrets its ExternalSecrets name. */
export function externalSecretsGrant(clusterName: string, secretIds: readonly string[]): PodIdentityGrant {
  return {
    serviceAccount: EXTERNAL_SECRETS_SERVICE_ACCOUNT,
    roleName: roleName(clusterName, 'external-secrets'),
    description: `External Secrets Operator of ${clusterName}: reads only the deployment's Secrets Manager secrets (EKS Pod Identity)`,
    policy: (scope) => secretReadPolicy(secretIds, scope),
    ...(secretIds.some((id) => !id.startsWith('arn:')) && {
      wildcardReason: 'Secrets given by name are matched with the six-character random suffix Secrets Manager appends to the ARN (name-??????); no other secret matches.',
    }),
  };
}

/** The AWS Load Balancer Controller's grant: its published policy, scoped by the elbv2.k8s.aws/cluster tag. */
export function albControllerGrant(clusterName: string): PodIdentityGrant {
  return {
    serviceAccount: ALB_CONTROLLER_SERVICE_ACCOUNT,
    roleName: roleName(clusterName, 'alb-controller'),
    description: `AWS Load Balancer Controller of ${clusterName} (EKS Pod Identity)`,
    policy: (scope) => albControllerPolicy(scope.partition),
    wildcardReason: "The AWS Load Balancer Controller's published iam_policy.json: load balancers, target groups and security groups are created at run time with unknown ids; mutations are scoped by the elbv2.k8s.aws/cluster tag.",
  };
}

/**
 * The Cluster Autoscaler's grant: read the Auto Scaling groups and node groups, and resize or shrink only the groups
 * EKS tagged for this cluster (managed node groups carry `k8s.io/cluster-autoscaler/<cluster>: owned`). Actions from
 * the "Full Cluster Autoscaler Features Policy" of kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/README.md,
 * read 2026-12-02.
 */
export function clusterAutoscalerGrant(clusterName: string): PodIdentityGrant {
  return {
    serviceAccount: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
    roleName: roleName(clusterName, 'cluster-autoscaler'),
    description: `Cluster Autoscaler of ${clusterName}: resizes its managed node groups (EKS Pod Identity)`,
    policy: () => ({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadScalingState',
          Effect: 'Allow',
          Action: [
            'autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeAutoScalingInstances', 'autoscaling:DescribeLaunchConfigurations',
            'autoscaling:DescribeScalingActivities', 'autoscaling:DescribeTags', 'ec2:DescribeImages', 'ec2:DescribeInstanceTypes',
            'ec2:DescribeLaunchTemplateVersions', 'ec2:GetInstanceTypesFromInstanceRequirements', 'eks:DescribeNodegroup',
          ],
          Resource: '*',
        },
        {
          Sid: 'ResizeOwnNodeGroups',
          Effect: 'Allow',
          Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
          Resource: '*',
          Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: 'owned' } },
        },
      ],
    }),
    wildcardReason: 'Describe calls of Auto Scaling, EC2 and EKS support no resource-level permissions; resizing is limited to Auto Scaling groups tagged k8s.io/cluster-autoscaler/<cluster>=owned, which EKS puts on this cluster\'s managed node groups.',
  };
}
