/**
 * The function's network (Pulumi): a VPC with two isolated subnets, an S3 gateway endpoint, interface
 * endpoints for the services stream mode publishes to, flow logs, the default security group closed, and a
 * function security group with HTTPS out only. Or an existing VPC.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { endpointServiceName, networkPlan } from '../../../lib/inference/deployment/network';
import { serviceRole } from './private/resources';

export interface InferenceNetworkArgs {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: pulumi.Input<string>;
}

export class InferenceNetwork extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly subnetIds: pulumi.Output<string>[];
  public readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: InferenceNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:serverless:InferenceNetwork', name, {}, opts);
    const { config } = args;
    const plan = networkPlan(config);
    const parent = { parent: this };
    let routeTableIds: pulumi.Output<string>[] = [];
    if (plan.existing) {
      this.vpcId = pulumi.output(plan.existing.vpcId);
      this.subnetIds = plan.existing.subnetIds.map((s) => pulumi.output(s));
    } else {
      const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: plan.create!.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: `${config.name}-inference` } }, parent);
      this.vpcId = vpc.id;
      new aws.ec2.DefaultSecurityGroup(`${name}-default-sg-closed`, { vpcId: vpc.id }, parent);
      const zones = aws.getAvailabilityZonesOutput({ state: 'available' }, parent);
      const routes = new aws.ec2.RouteTable(`${name}-routes`, { vpcId: vpc.id, tags: { Name: `${config.name}-isolated` } }, parent);
      routeTableIds = [routes.id];
      this.subnetIds = plan.create!.subnetCidrs.map((cidr, i) => {
        const subnet = new aws.ec2.Subnet(`${name}-subnet-${i}`, { vpcId: vpc.id, cidrBlock: cidr, availabilityZone: zones.names[i], tags: { Name: `${config.name}-isolated-${i}` } }, parent);
        new aws.ec2.RouteTableAssociation(`${name}-subnet-${i}-routes`, { subnetId: subnet.id, routeTableId: routes.id }, parent);
        return subnet.id;
      });
      const flowLogs = new aws.cloudwatch.LogGroup(`${name}-flow-logs`, { name: `/aws/vpc/${config.name}-inference`, retentionInDays: plan.flowLogRetentionDays, kmsKeyId: args.kmsKeyArn }, parent);
      const flowRole = serviceRole(`${name}-flow-log-role`, 'vpc-flow-logs.amazonaws.com', [{
        sid: 'WriteFlowLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], resources: [pulumi.interpolate`${flowLogs.arn}:*`],
        wildcardReason: 'flow log streams are created per network interface at run time',
      }], `VPC flow logs of ${config.name}`, this);
      new aws.ec2.FlowLog(`${name}-flow-log`, { vpcId: vpc.id, trafficType: 'ALL', logDestinationType: 'cloud-watch-logs', logDestination: flowLogs.arn, iamRoleArn: flowRole.role.arn }, parent);
    }
    const functionGroup = new aws.ec2.SecurityGroup(`${name}-function-sg`, { vpcId: this.vpcId, description: `Inference function of ${config.name}: HTTPS to AWS endpoints only` }, parent);
    this.securityGroupId = functionGroup.id;
    // The subnets have no route to the internet: 443 reaches the S3 gateway endpoint and the interface endpoints only.
    new aws.vpc.SecurityGroupEgressRule(`${name}-https-to-endpoints`, { securityGroupId: functionGroup.id, cidrIpv4: '0.0.0.0/0', ipProtocol: 'tcp', fromPort: 443, toPort: 443, description: 'HTTPS to the VPC endpoints (isolated subnets: no other route)' }, parent);
    if (plan.create) {
      new aws.ec2.VpcEndpoint(`${name}-s3`, { vpcId: this.vpcId, serviceName: endpointServiceName(config.region, 's3'), vpcEndpointType: 'Gateway', routeTableIds }, parent);
    }
    for (const service of plan.interfaceEndpoints) {
      const group = new aws.ec2.SecurityGroup(`${name}-${service}-endpoint-sg`, { vpcId: this.vpcId, description: `${service} endpoint of ${config.name}` }, parent);
      new aws.vpc.SecurityGroupIngressRule(`${name}-${service}-from-function`, { securityGroupId: group.id, referencedSecurityGroupId: functionGroup.id, ipProtocol: 'tcp', fromPort: 443, toPort: 443, description: 'inference function' }, parent);
      new aws.ec2.VpcEndpoint(`${name}-${service}`, {
        vpcId: this.vpcId, serviceName: endpointServiceName(config.region, service), vpcEndpointType: 'Interface',
        subnetIds: this.subnetIds, securityGroupIds: [group.id], privateDnsEnabled: true,
      }, parent);
    }
    this.registerOutputs({ vpcId: this.vpcId });
  }
}
