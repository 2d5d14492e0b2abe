/**
 * The VPC of a GPU inference cluster on Pulumi: the same layout as the CDK and Terraform constructs
 * (3 AZs, /18 private subnets tagged for Karpenter discovery, one NAT gateway per AZ, S3 gateway
 * endpoint, encrypted flow logs kept a year).
 */
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { secureKmsKey, serviceTrust } from './kms-key';

export interface NetworkArgs {
  readonly clusterName: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: pulumi.Input<string>;
}

const AZ_COUNT = 3;
const CIDR = '10.0.0.0/16';
const PRIVATE_CIDRS = ['10.0.0.0/18', '10.0.64.0/18', '10.0.128.0/18'];
const PUBLIC_CIDRS = ['10.0.192.0/24', '10.0.193.0/24', '10.0.194.0/24'];

export function createNetwork(name: string, args: NetworkArgs, parent: pulumi.Resource): { vpcId: pulumi.Output<string>; privateSubnetIds: pulumi.Output<string>[] } {
  const opts = { parent };
  const zones = aws.getAvailabilityZonesOutput({ state: 'available' }, opts);
  const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: CIDR, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: args.clusterName } }, opts);
  const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id }, opts);
  const publicRoutes = new aws.ec2.RouteTable(`${name}-public`, { vpcId: vpc.id, routes: [{ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }] }, opts);
  const privateSubnetIds: pulumi.Output<string>[] = [];
  const privateRouteTableIds: pulumi.Output<string>[] = [];
  for (let i = 0; i < AZ_COUNT; i++) {
    const az = zones.names[i]!;
    const publicSubnet = new aws.ec2.Subnet(`${name}-public-${i}`, {
      vpcId: vpc.id, availabilityZone: az, cidrBlock: PUBLIC_CIDRS[i]!, mapPublicIpOnLaunch: false,
      tags: { Name: `${args.clusterName}-public-${i}`, 'kubernetes.io/role/elb': '1' },
    }, opts);
    new aws.ec2.RouteTableAssociation(`${name}-public-${i}`, { subnetId: publicSubnet.id, routeTableId: publicRoutes.id }, opts);
    const eip = new aws.ec2.Eip(`${name}-nat-${i}`, { domain: 'vpc' }, opts);
    const nat = new aws.ec2.NatGateway(`${name}-nat-${i}`, { allocationId: eip.id, subnetId: publicSubnet.id }, { parent, dependsOn: [igw] });
    const privateSubnet = new aws.ec2.Subnet(`${name}-private-${i}`, {
      vpcId: vpc.id, availabilityZone: az, cidrBlock: PRIVATE_CIDRS[i]!,
      tags: { Name: `${args.clusterName}-private-${i}`, 'kubernetes.io/role/internal-elb': '1', 'karpenter.sh/discovery': args.clusterName },
    }, opts);
    const routes = new aws.ec2.RouteTable(`${name}-private-${i}`, { vpcId: vpc.id, routes: [{ cidrBlock: '0.0.0.0/0', natGatewayId: nat.id }] }, opts);
    new aws.ec2.RouteTableAssociation(`${name}-private-${i}`, { subnetId: privateSubnet.id, routeTableId: routes.id }, opts);
    privateSubnetIds.push(privateSubnet.id);
    privateRouteTableIds.push(routes.id);
  }
  new aws.ec2.VpcEndpoint(`${name}-s3`, { vpcId: vpc.id, serviceName: `com.amazonaws.${args.region}.s3`, vpcEndpointType: 'Gateway', routeTableIds: privateRouteTableIds }, opts);

  const key = secureKmsKey(`${name}-flow-logs`, {
    description: `Encrypts the VPC flow logs of ${args.clusterName}`,
    accountId: args.accountId,
    partition: args.partition,
    servicePrincipals: [`logs.${args.region}.amazonaws.com`],
  }, { parent, retainOnDelete: true });
  const logGroup = new aws.cloudwatch.LogGroup(`${name}-flow-logs`, { name: `/aws/vpc/${args.clusterName}/flow-logs`, retentionInDays: 365, kmsKeyId: key.arn }, opts);
  const role = new aws.iam.Role(`${name}-flow-logs`, { assumeRolePolicy: serviceTrust('vpc-flow-logs.amazonaws.com') }, opts);
  new aws.iam.RolePolicy(`${name}-flow-logs`, {
    role: role.id,
    policy: logGroup.arn.apply((arn) => JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: `${arn}:*` }],
    })),
  }, opts);
  new aws.ec2.FlowLog(`${name}-flow-logs`, { vpcId: vpc.id, trafficType: 'ALL', logDestinationType: 'cloud-watch-logs', logDestination: logGroup.arn, iamRoleArn: role.arn }, opts);
  return { vpcId: vpc.id, privateSubnetIds };
}
