/**
 * `SageMakerEndpointNetwork` (cdktf): isolated private subnets in three availability zones, an S3
 * gateway endpoint, flow logs of rejected traffic, and the models' security group; or an existing
 * VPC's subnets.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { Construct } from 'constructs';
import { FLOW_LOG_RETENTION_DAYS } from '../../../lib/sagemaker/limits';

export interface SageMakerEndpointNetworkProps {
  /** Name tag prefix of the network resources. */
  readonly name: string;
  /** Region of the availability zones (`<region>a`, `b`, `c`) and the S3 endpoint. */
  readonly region: string;
  /** Existing VPC; requires `subnetIds`. @default - a new VPC 10.0.0.0/16 */
  readonly vpcId?: string;
  /** Private subnets of `vpcId`. @default - three new isolated subnets */
  readonly subnetIds?: readonly string[];
  /** Key of the flow log group (its policy must let CloudWatch Logs use it). */
  readonly kmsKeyArn: string;
}

export class SageMakerEndpointNetwork extends Construct {
  public readonly vpcId: string;
  public readonly subnetIds: readonly string[];
  public readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: SageMakerEndpointNetworkProps) {
    super(scope, id);
    if ((props.vpcId === undefined) !== (props.subnetIds === undefined)) {
      throw new Error(`SageMakerEndpointNetwork '${id}': vpcId and subnetIds go together. Fix: give both or neither.`);
    }
    if (props.vpcId !== undefined) {
      this.vpcId = props.vpcId;
      this.subnetIds = props.subnetIds!;
    } else {
      const vpc = new Vpc(this, 'Vpc', { cidrBlock: '10.0.0.0/16', enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: props.name } });
      const routes = new RouteTable(this, 'IsolatedRoutes', { vpcId: vpc.id, tags: { Name: `${props.name}-isolated` } });
      this.subnetIds = ['a', 'b', 'c'].map((zone, i) => {
        const subnet = new Subnet(this, `Models${zone.toUpperCase()}`, { vpcId: vpc.id, availabilityZone: `${props.region}${zone}`, cidrBlock: `10.0.${i * 4}.0/22`, tags: { Name: `${props.name}-models-${zone}` } });
        new RouteTableAssociation(this, `Models${zone.toUpperCase()}Routes`, { subnetId: subnet.id, routeTableId: routes.id });
        return subnet.id;
      });
      // No rules on the default security group: nothing may use it by accident.
      new DefaultSecurityGroup(this, 'ClosedDefaultSecurityGroup', { vpcId: vpc.id });
      new VpcEndpoint(this, 'S3Endpoint', { vpcId: vpc.id, serviceName: `com.amazonaws.${props.region}.s3`, vpcEndpointType: 'Gateway', routeTableIds: [routes.id] });
      this.flowLogs(vpc.id, props);
      this.vpcId = vpc.id;
    }
    const sg = new SecurityGroup(this, 'ModelSecurityGroup', { namePrefix: `${props.name}-models-`, vpcId: this.vpcId, description: 'SageMaker model containers: no inbound; HTTPS out (S3 through the gateway endpoint)' });
    new VpcSecurityGroupEgressRule(this, 'HttpsOut', { securityGroupId: sg.id, cidrIpv4: '0.0.0.0/0', ipProtocol: 'tcp', fromPort: 443, toPort: 443, description: 'HTTPS to S3 (gateway endpoint) and AWS APIs' });
    this.securityGroupId = sg.id;
  }

  private flowLogs(vpcId: string, props: SageMakerEndpointNetworkProps): void {
    const group = new CloudwatchLogGroup(this, 'FlowLogGroup', { namePrefix: `/vpc/${props.name}-`, retentionInDays: FLOW_LOG_RETENTION_DAYS, kmsKeyId: props.kmsKeyArn });
    const trust = new DataAwsIamPolicyDocument(this, 'FlowLogTrust', { statement: [{ effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }] }] });
    const role = new IamRole(this, 'FlowLogRole', { namePrefix: 'vpc-flow-logs-', assumeRolePolicy: trust.json });
    const write = new DataAwsIamPolicyDocument(this, 'FlowLogWrite', {
      statement: [{ effect: 'Allow', actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], resources: [`${group.arn}:*`] }],
    });
    new IamRolePolicy(this, 'FlowLogPolicy', { role: role.id, policy: write.json });
    new FlowLog(this, 'FlowLog', { vpcId, trafficType: 'REJECT', logDestination: group.arn, iamRoleArn: role.arn });
  }
}
