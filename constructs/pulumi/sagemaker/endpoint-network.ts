/**
 * `SageMakerEndpointNetwork` (Pulumi): isolated private subnets in three availability zones, an S3
 * gateway endpoint, flow logs of rejected traffic, and the models' security group; or an existing
 * VPC's subnets.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { FLOW_LOG_RETENTION_DAYS } from '../../../lib/sagemaker/limits';

export interface SageMakerEndpointNetworkArgs {
  /** Name tag prefix of the network resources. */
  readonly name: string;
  /** Region of the availability zones (`<region>a`, `b`, `c`) and the S3 endpoint. */
  readonly region: string;
  /** Key of the flow log group (its policy must let CloudWatch Logs use it). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Existing VPC; requires `subnetIds`. @default - a new VPC 10.0.0.0/16 */
  readonly vpcId?: string;
  /** Private subnets of `vpcId`. @default - three new isolated subnets */
  readonly subnetIds?: readonly string[];
}

export class SageMakerEndpointNetwork extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly subnetIds: pulumi.Output<string>[];
  public readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: SageMakerEndpointNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:sagemaker:EndpointNetwork', name, {}, opts);
    if ((args.vpcId === undefined) !== (args.subnetIds === undefined)) {
      throw new Error(`SageMakerEndpointNetwork '${name}': vpcId and subnetIds go together. Fix: give both or neither.`);
    }
    const o = { parent: this };
    if (args.vpcId !== undefined) {
      this.vpcId = pulumi.output(args.vpcId);
      this.subnetIds = args.subnetIds!.map((s) => pulumi.output(s));
    } else {
      const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: '10.0.0.0/16', enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: args.name } }, o);
      const routes = new aws.ec2.RouteTable(`${name}-isolated`, { vpcId: vpc.id, tags: { Name: `${args.name}-isolated` } }, o);
      this.subnetIds = ['a', 'b', 'c'].map((zone, i) => {
        const subnet = new aws.ec2.Subnet(`${name}-models-${zone}`, { vpcId: vpc.id, availabilityZone: `${args.region}${zone}`, cidrBlock: `10.0.${i * 4}.0/22`, tags: { Name: `${args.name}-models-${zone}` } }, o);
        new aws.ec2.RouteTableAssociation(`${name}-models-${zone}`, { subnetId: subnet.id, routeTableId: routes.id }, o);
        return subnet.id;
      });
      // No rules on the default security group: nothing may use it by accident.
      new aws.ec2.DefaultSecurityGroup(`${name}-default-closed`, { vpcId: vpc.id }, o);
      new aws.ec2.VpcEndpoint(`${name}-s3`, { vpcId: vpc.id, serviceName: `com.amazonaws.${args.region}.s3`, vpcEndpointType: 'Gateway', routeTableIds: [routes.id] }, o);
      const group = new aws.cloudwatch.LogGroup(`${name}-flow-logs`, { namePrefix: `/vpc/${args.name}-`, retentionInDays: FLOW_LOG_RETENTION_DAYS, kmsKeyId: args.kmsKeyArn }, o);
      const role = new aws.iam.Role(`${name}-flow-logs`, {
        assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      }, o);
      new aws.iam.RolePolicy(`${name}-flow-logs`, {
        role: role.id,
        policy: group.arn.apply((arn) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: `${arn}:*` }] })),
      }, o);
      new aws.ec2.FlowLog(`${name}-flow-log`, { vpcId: vpc.id, trafficType: 'REJECT', logDestination: group.arn, iamRoleArn: role.arn }, o);
      this.vpcId = vpc.id;
    }
    const sg = new aws.ec2.SecurityGroup(`${name}-models`, { vpcId: this.vpcId, description: 'SageMaker model containers: no inbound; HTTPS out (S3 through the gateway endpoint)' }, o);
    new aws.vpc.SecurityGroupEgressRule(`${name}-https-out`, { securityGroupId: sg.id, cidrIpv4: '0.0.0.0/0', ipProtocol: 'tcp', fromPort: 443, toPort: 443, description: 'HTTPS to S3 (gateway endpoint) and AWS APIs' }, o);
    this.securityGroupId = sg.id;
    this.registerOutputs({ vpcId: this.vpcId, securityGroupId: this.securityGroupId });
  }
}
