/**
 * `SageMakerEndpointNetwork`: private subnets and a security group for the model containers of an
 * endpoint. A new VPC has isolated subnets (no internet route) in three availability zones, an S3
 * gateway endpoint (SageMaker loads model artifacts from S3 through the model's VPC) and flow logs.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ProblemCollector } from '../../../lib/errors';
import { FLOW_LOG_RETENTION_DAYS } from '../../../lib/sagemaker/limits';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';

/** Subnets and security group the models are attached to. */
export interface ISageMakerEndpointNetwork {
  readonly vpc: ec2.IVpc;
  readonly subnetIds: readonly string[];
  readonly securityGroup: ec2.ISecurityGroup;
}

export interface SageMakerEndpointNetworkProps {
  /**
   * An existing VPC. Cannot be specified without `subnetIds`.
   * @default - a new VPC with isolated subnets in three availability zones
   */
  readonly vpcId?: string;
  /**
   * Private subnets of `vpcId` (at least two, in different availability zones). Required with `vpcId`.
   * @default - the isolated subnets of the new VPC
   */
  readonly subnetIds?: readonly string[];
  /**
   * Availability zones of a new VPC. Given explicitly so that synthesis needs no account lookup.
   * @default - zones a, b and c of the stack's region
   */
  readonly availabilityZones?: readonly string[];
  /**
   * Key of the flow log group of a new VPC (it must allow CloudWatch Logs, as SageMakerEndpointStorage's key does).
   * @default - flow logs encrypted with CloudWatch Logs' own key
   */
  readonly encryptionKey?: kms.IKey;
}

/** VPC, subnets and security group of an endpoint's models. */
export class SageMakerEndpointNetwork extends Construct implements ISageMakerEndpointNetwork {
  public readonly vpc: ec2.IVpc;
  public readonly subnetIds: readonly string[];
  public readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: SageMakerEndpointNetworkProps = {}) {
    super(scope, id);
    const p = new ProblemCollector();
    p.check((props.vpcId === undefined) === (props.subnetIds === undefined), props.vpcId === undefined ? 'subnetIds' : 'vpcId', props.vpcId ?? props.subnetIds,
      'vpcId and subnetIds go together', 'give both an existing vpcId and its private subnetIds, or neither for a new VPC');
    if (props.subnetIds !== undefined) {
      p.check(props.subnetIds.length >= 2, 'subnetIds', props.subnetIds, 'must list at least two subnets', 'add private subnets in a second availability zone');
    }
    p.throwIfAny(`SageMakerEndpointNetwork '${id}'`);
    const region = Stack.of(this).region;

    if (props.vpcId !== undefined && props.subnetIds !== undefined) {
      this.vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
        vpcId: props.vpcId,
        // Zone names are only bookkeeping here: SageMaker places instances by subnet.
        availabilityZones: props.subnetIds.map((_, i) => `${region}${'abcdef'[i % 6]}`),
        privateSubnetIds: [...props.subnetIds],
      });
      this.subnetIds = props.subnetIds;
    } else {
      const flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
        retention: FLOW_LOG_RETENTION_DAYS as logs.RetentionDays,
        encryptionKey: props.encryptionKey,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      const vpc = new ec2.Vpc(this, 'Vpc', {
        availabilityZones: [...(props.availabilityZones ?? ['a', 'b', 'c'].map((z) => `${region}${z}`))],
        natGateways: 0,
        subnetConfiguration: [{ name: 'models', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 }],
        gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
        flowLogs: { rejected: { trafficType: ec2.FlowLogTrafficType.REJECT, destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup) } },
      });
      const restrictDefaultSg = Stack.of(this).node.tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider');
      if (restrictDefaultSg !== undefined) {
        acknowledgeFinding(restrictDefaultSg, 'cdk-validator-cfnguard::lambda_inside_vpc_check',
          "CDK's deploy-time provider that strips the default security group's rules; it only calls the EC2 API and cannot run inside the isolated subnets it secures");
      }
      this.vpc = vpc;
      this.subnetIds = vpc.isolatedSubnets.map((s) => s.subnetId);
    }
    this.securityGroup = new ec2.SecurityGroup(this, 'ModelSecurityGroup', {
      vpc: this.vpc,
      description: 'SageMaker model containers: no inbound; HTTPS out (S3 through the gateway endpoint)',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to S3 (gateway endpoint) and AWS APIs');
  }
}
