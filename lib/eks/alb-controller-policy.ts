/**
 * The IAM policy of the AWS Load Balancer Controller, as published with the controller: `docs/install/iam_policy.json`
 * of kubernetes-sigs/aws-load-balancer-controller at v2.14.1, the release the EKS user guide ("Install AWS Load
 * Balancer Controller with Helm") downloads it from (read 2026-11-24). Kept statement for statement; only the
 * partition of the ARNs is a parameter. Bump it together with `CHART_VERSIONS.awsLoadBalancerController`.
 */
import type { PolicyDocumentJson } from './karpenter-iam';

const CLUSTER_TAG = 'elbv2.k8s.aws/cluster';

export function albControllerPolicy(partition: string): PolicyDocumentJson {
  const elb = (resource: string) => `arn:${partition}:elasticloadbalancing:*:*:${resource}`;
  const lbAndTargetGroups = [elb('targetgroup/*/*'), elb('loadbalancer/net/*/*'), elb('loadbalancer/app/*/*')];
  const statement = (Action: string[], Resource: string | string[], Condition?: Record<string, unknown>) =>
    ({ Effect: 'Allow', Action, Resource, ...(Condition && { Condition }) });
  return {
    Version: '2012-10-17',
    Statement: [
      statement(['iam:CreateServiceLinkedRole'], '*', { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } }),
      statement([
        'ec2:DescribeAccountAttributes', 'ec2:DescribeAddresses', 'ec2:DescribeAvailabilityZones', 'ec2:DescribeInternetGateways',
        'ec2:DescribeVpcs', 'ec2:DescribeVpcPeeringConnections', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
        'ec2:DescribeInstances', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeTags', 'ec2:GetCoipPoolUsage', 'ec2:DescribeCoipPools',
        'ec2:GetSecurityGroupsForVpc',
        'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeLoadBalancerAttributes', 'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeListenerCertificates', 'elasticloadbalancing:DescribeSSLPolicies', 'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetGroupAttributes', 'elasticloadbalancing:DescribeTargetHealth',
        'elasticloadbalancing:DescribeTags', 'elasticloadbalancing:DescribeTrustStores', 'elasticloadbalancing:DescribeListenerAttributes',
        'elasticloadbalancing:DescribeCapacityReservation',
      ], '*'),
      statement([
        'cognito-idp:DescribeUserPoolClient', 'acm:ListCertificates', 'acm:DescribeCertificate', 'iam:ListServerCertificates', 'iam:GetServerCertificate',
        'waf-regional:GetWebACL', 'waf-regional:GetWebACLForResource', 'waf-regional:AssociateWebACL', 'waf-regional:DisassociateWebACL',
        'wafv2:GetWebACL', 'wafv2:GetWebACLForResource', 'wafv2:AssociateWebACL', 'wafv2:DisassociateWebACL',
        'shield:GetSubscriptionState', 'shield:DescribeProtection', 'shield:CreateProtection', 'shield:DeleteProtection',
      ], '*'),
      statement(['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'], '*'),
      statement(['ec2:CreateSecurityGroup'], '*'),
      statement(['ec2:CreateTags'], `arn:${partition}:ec2:*:*:security-group/*`, {
        StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup' },
        Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: 'false' },
      }),
      statement(['ec2:CreateTags', 'ec2:DeleteTags'], `arn:${partition}:ec2:*:*:security-group/*`, {
        Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: 'true', [`aws:ResourceTag/${CLUSTER_TAG}`]: 'false' },
      }),
      statement(['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup'], '*', {
        Null: { [`aws:ResourceTag/${CLUSTER_TAG}`]: 'false' },
      }),
      statement(['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'], '*', {
        Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: 'false' },
      }),
      statement(['elasticloadbalancing:CreateListener', 'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:CreateRule', 'elasticloadbalancing:DeleteRule'], '*'),
      statement(['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'], lbAndTargetGroups, {
        Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: 'true', [`aws:ResourceTag/${CLUSTER_TAG}`]: 'false' },
      }),
      statement(['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'], [
        elb('listener/net/*/*/*'), elb('listener/app/*/*/*'), elb('listener-rule/net/*/*/*'), elb('listener-rule/app/*/*/*'),
      ]),
      statement([
        'elasticloadbalancing:ModifyLoadBalancerAttributes', 'elasticloadbalancing:SetIpAddressType', 'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets', 'elasticloadbalancing:DeleteLoadBalancer', 'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes', 'elasticloadbalancing:DeleteTargetGroup', 'elasticloadbalancing:ModifyListenerAttributes',
        'elasticloadbalancing:ModifyCapacityReservation',
      ], '*', { Null: { [`aws:ResourceTag/${CLUSTER_TAG}`]: 'false' } }),
      statement(['elasticloadbalancing:AddTags'], lbAndTargetGroups, {
        StringEquals: { 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer'] },
        Null: { [`aws:RequestTag/${CLUSTER_TAG}`]: 'false' },
      }),
      statement(['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'], elb('targetgroup/*/*')),
      statement([
        'elasticloadbalancing:SetWebAcl', 'elasticloadbalancing:ModifyListener', 'elasticloadbalancing:AddListenerCertificates',
        'elasticloadbalancing:RemoveListenerCertificates', 'elasticloadbalancing:ModifyRule',
      ], '*'),
    ],
  };
}
