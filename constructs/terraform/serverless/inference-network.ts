/**
 * The function's network (cdktf): a VPC with two isolated subnets (no NAT, no internet route), an S3
 * gateway endpoint, interface endpoints for the services stream mode publishes to, flow logs to an
 * encrypted log group, the default security group closed, and a function security group allowing HTTPS
 * out only. Or an existing VPC.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { endpointServiceName, networkPlan } from '../../../lib/inference/deployment/network';
import { serviceRole } from './private/iam';

export interface InferenceNetworkProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: string;
}

export class InferenceNetwork extends Construct {
  public readonly vpcId: string;
  public readonly subnetIds: string[];
  public readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: InferenceNetworkProps) {
    super(scope, id);
    const { config } = props;
    const plan = networkPlan(config);
    let routeTableIds: string[] = [];
    if (plan.existing) {
      this.vpcId = plan.existing.vpcId;
      this.subnetIds = [...plan.existing.subnetIds];
    } else {
      const vpc = new Vpc(this, 'Vpc', { cidrBlock: plan.create!.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: `${config.name}-inference` } });
      this.vpcId = vpc.id;
      new DefaultSecurityGroup(this, 'DefaultSecurityGroupClosed', { vpcId: vpc.id });
      const zones = new DataAwsAvailabilityZones(this, 'Zones', { state: 'available' });
      const routes = new RouteTable(this, 'Routes', { vpcId: vpc.id, tags: { Name: `${config.name}-isolated` } });
      routeTableIds = [routes.id];
      this.subnetIds = plan.create!.subnetCidrs.map((cidr, i) => {
        const subnet = new Subnet(this, `Subnet${i}`, { vpcId: vpc.id, cidrBlock: cidr, availabilityZone: Fn.element(zones.names, i), tags: { Name: `${config.name}-isolated-${i}` } });
        new RouteTableAssociation(this, `Subnet${i}Routes`, { subnetId: subnet.id, routeTableId: routes.id });
        return subnet.id;
      });
      const flowLogs = new CloudwatchLogGroup(this, 'FlowLogs', { name: `/aws/vpc/${config.name}-inference`, retentionInDays: plan.flowLogRetentionDays, kmsKeyId: props.kmsKeyArn });
      const flowRole = serviceRole(this, 'FlowLogRole', 'vpc-flow-logs.amazonaws.com', [{
        sid: 'WriteFlowLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], resources: [`${flowLogs.arn}:*`],
        wildcardReason: 'flow log streams are created per network interface at run time',
      }], `VPC flow logs of ${config.name}`);
      new FlowLog(this, 'FlowLog', { vpcId: vpc.id, trafficType: 'ALL', logDestinationType: 'cloud-watch-logs', logDestination: flowLogs.arn, iamRoleArn: flowRole.role.arn });
    }
    const functionGroup = new SecurityGroup(this, 'FunctionSecurityGroup', { vpcId: this.vpcId, description: `Inference function of ${config.name}: HTTPS to AWS endpoints only` });
    this.securityGroupId = functionGroup.id;
    // The subnets have no route to the internet: 443 reaches the S3 gateway endpoint and the interface endpoints only.
    new VpcSecurityGroupEgressRule(this, 'HttpsToEndpoints', { securityGroupId: functionGroup.id, cidrIpv4: '0.0.0.0/0', ipProtocol: 'tcp', fromPort: 443, toPort: 443, description: 'HTTPS to the VPC endpoints (isolated subnets: no other route)' });
    if (plan.create) {
      new VpcEndpoint(this, 'S3', { vpcId: this.vpcId, serviceName: endpointServiceName(config.region, 's3'), vpcEndpointType: 'Gateway', routeTableIds });
    }
    for (const service of plan.interfaceEndpoints) {
      const group = new SecurityGroup(this, `Endpoint-${service}-SecurityGroup`, { vpcId: this.vpcId, description: `${service} endpoint of ${config.name}` });
      new VpcSecurityGroupIngressRule(this, `Endpoint-${service}-FromFunction`, { securityGroupId: group.id, referencedSecurityGroupId: functionGroup.id, ipProtocol: 'tcp', fromPort: 443, toPort: 443, description: 'inference function' });
      new VpcEndpoint(this, `Endpoint-${service}`, {
        vpcId: this.vpcId, serviceName: endpointServiceName(config.region, service), vpcEndpointType: 'Interface',
        subnetIds: this.subnetIds, securityGroupIds: [group.id], privateDnsEnabled: true,
      });
    }
  }
}
