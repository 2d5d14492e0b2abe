/**
 * The VPC of a GPU inference cluster on Terraform: public subnets for the NAT gateways only, private /18
 * subnets for nodes and pods in three AZs (one NAT gateway each), an S3 gateway endpoint for weight
 * downloads, and flow logs to an encrypted log group kept for a year. Same layout as the CDK construct.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { SecureKmsKey } from './kms-key';
import { serviceTrustPolicy } from './trust-policies';

export interface GpuClusterNetworkProps {
  readonly clusterName: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  /** @default '10.0.0.0/16' */
  readonly cidr?: string;
}

const AZ_COUNT = 3;

export class GpuClusterNetwork extends Construct {
  public readonly vpcId: string;
  public readonly privateSubnetIds: string[];

  constructor(scope: Construct, id: string, props: GpuClusterNetworkProps) {
    super(scope, id);
    const cidr = props.cidr ?? '10.0.0.0/16';
    const zones = new DataAwsAvailabilityZones(this, 'Zones', { state: 'available' });
    const vpc = new Vpc(this, 'Vpc', { cidrBlock: cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: props.clusterName } });
    const igw = new InternetGateway(this, 'Igw', { vpcId: vpc.id });
    const publicRoutes = new RouteTable(this, 'PublicRoutes', { vpcId: vpc.id });
    new Route(this, 'PublicDefault', { routeTableId: publicRoutes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    const privateRouteTableIds: string[] = [];
    this.privateSubnetIds = [];
    for (let i = 0; i < AZ_COUNT; i++) {
      const az = Fn.element(zones.names, i);
      // /24 public subnets after the three /18 private ones: 10.0.192.0/24, 10.0.193.0/24, ...
      const publicSubnet = new Subnet(this, `Public${i}`, {
        vpcId: vpc.id, availabilityZone: az, cidrBlock: Fn.cidrsubnet(cidr, 8, 192 + i), mapPublicIpOnLaunch: false,
        tags: { Name: `${props.clusterName}-public-${i}`, 'kubernetes.io/role/elb': '1' },
      });
      new RouteTableAssociation(this, `PublicAssoc${i}`, { subnetId: publicSubnet.id, routeTableId: publicRoutes.id });
      const eip = new Eip(this, `NatIp${i}`, { domain: 'vpc' });
      const nat = new NatGateway(this, `Nat${i}`, { allocationId: eip.id, subnetId: publicSubnet.id, dependsOn: [igw] });
      const privateSubnet = new Subnet(this, `Private${i}`, {
        vpcId: vpc.id, availabilityZone: az, cidrBlock: Fn.cidrsubnet(cidr, 2, i),
        tags: { Name: `${props.clusterName}-private-${i}`, 'kubernetes.io/role/internal-elb': '1', 'karpenter.sh/discovery': props.clusterName },
      });
      const routes = new RouteTable(this, `PrivateRoutes${i}`, { vpcId: vpc.id });
      new Route(this, `PrivateDefault${i}`, { routeTableId: routes.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
      new RouteTableAssociation(this, `PrivateAssoc${i}`, { subnetId: privateSubnet.id, routeTableId: routes.id });
      this.privateSubnetIds.push(privateSubnet.id);
      privateRouteTableIds.push(routes.id);
    }
    new VpcEndpoint(this, 'S3Endpoint', { vpcId: vpc.id, serviceName: `com.amazonaws.${props.region}.s3`, vpcEndpointType: 'Gateway', routeTableIds: privateRouteTableIds });
    this.vpcId = vpc.id;

    const logKey = new SecureKmsKey(this, 'FlowLogKey', {
      description: `Encrypts the VPC flow logs of ${props.clusterName}`,
      accountId: props.accountId,
      partition: props.partition,
      servicePrincipals: [`logs.${props.region}.amazonaws.com`],
    });
    const logGroup = new CloudwatchLogGroup(this, 'FlowLogGroup', {
      name: `/aws/vpc/${props.clusterName}/flow-logs`,
      retentionInDays: 365,
      kmsKeyId: logKey.key.arn,
    });
    const role = new IamRole(this, 'FlowLogRole', {
      assumeRolePolicy: serviceTrustPolicy('vpc-flow-logs.amazonaws.com'),
    });
    new IamRolePolicy(this, 'FlowLogWrite', {
      role: role.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: `${logGroup.arn}:*` }],
      }),
    });
    new FlowLog(this, 'FlowLog', { vpcId: vpc.id, trafficType: 'ALL', logDestinationType: 'cloud-watch-logs', logDestination: logGroup.arn, iamRoleArn: role.arn });
  }
}
