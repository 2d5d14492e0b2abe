/**
 * Where the inference function runs: a VPC with isolated subnets (no NAT, no internet route), an S3
 * gateway endpoint, interface endpoints only for the services stream mode publishes to, flow logs, and a
 * security group that lets the function reach nothing but those endpoints. Or an existing VPC.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { endpointServiceName, networkPlan } from '../../../lib/inference/deployment/network';

export interface IInferenceNetwork {
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly securityGroup: ec2.ISecurityGroup;
}

export interface InferenceNetworkProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** Encrypts the flow log group. */
  readonly encryptionKey: kms.IKey;
}

export class InferenceNetwork extends Construct implements IInferenceNetwork {
  public readonly vpc: ec2.IVpc;
  public readonly subnets: ec2.SubnetSelection;
  public readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: InferenceNetworkProps) {
    super(scope, id);
    const { config } = props;
    const plan = networkPlan(config);
    if (plan.existing) {
      this.vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
        vpcId: plan.existing.vpcId,
        availabilityZones: plan.existing.subnetIds.map((_, i) => `${config.region}${'abcdef'[i]}`),
        isolatedSubnetIds: [...plan.existing.subnetIds],
      });
      this.subnets = { subnets: plan.existing.subnetIds.map((s, i) => ec2.Subnet.fromSubnetId(this, `Subnet${i}`, s)) };
    } else {
      const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
        retention: plan.flowLogRetentionDays as logs.RetentionDays,
        encryptionKey: props.encryptionKey,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      const vpc = new ec2.Vpc(this, 'Vpc', {
        ipAddresses: ec2.IpAddresses.cidr(plan.create!.cidr),
        maxAzs: plan.create!.subnetCidrs.length,
        natGateways: 0,
        subnetConfiguration: [{ name: 'inference', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 20 }],
        restrictDefaultSecurityGroup: false,
        flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: ec2.FlowLogTrafficType.ALL } },
      });
      vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
      this.vpc = vpc;
      this.subnets = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
    }
    this.securityGroup = new ec2.SecurityGroup(this, 'FunctionSecurityGroup', {
      vpc: this.vpc,
      description: `Inference function of ${config.name}: HTTPS to AWS endpoints only`,
      allowAllOutbound: false,
    });
    // HTTPS only. The subnets have no route to the internet, so 443 reaches the S3 gateway endpoint (whose
    // regional prefix list would need a lookup) and the interface endpoints, nothing else.
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to the VPC endpoints (isolated subnets: no other route)');
    for (const service of plan.interfaceEndpoints) {
      const endpoint = new ec2.InterfaceVpcEndpoint(this, `Endpoint-${service}`, {
        vpc: this.vpc,
        service: new ec2.InterfaceVpcEndpointService(endpointServiceName(config.region, service), 443),
        subnets: this.subnets,
        privateDnsEnabled: true,
        open: false,
      });
      endpoint.connections.allowFrom(this.securityGroup, ec2.Port.tcp(443), 'inference function');
    }
  }
}
