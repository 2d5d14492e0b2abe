/**
 * The network a deployment's function runs in. AWS Control Tower's CT.LAMBDA.PR.3 wants functions in a
 * customer-managed VPC; the function only needs S3 (a free gateway endpoint) and, in stream mode, the
 * service it publishes results to (an interface endpoint), so the subnets are isolated: no NAT, no
 * internet route. Logs, metrics (EMF) and event source polling go through the Lambda service itself.
 */
import type { ServerlessDeploymentConfig } from './config';

export interface NetworkPlan {
  /** `undefined` when the spec names an existing VPC. */
  readonly create?: { readonly cidr: string; readonly subnetCidrs: readonly string[] };
  readonly existing?: { readonly vpcId: string; readonly subnetIds: readonly string[] };
  /** Interface endpoint services (short names, e.g. `sqs`), besides the S3 gateway endpoint. */
  readonly interfaceEndpoints: readonly string[];
  /** Days VPC flow logs are kept. */
  readonly flowLogRetentionDays: number;
}

/** Two isolated /20 subnets in the first two availability zones of a /16. */
const VPC_CIDR = '10.42.0.0/16';
const SUBNET_CIDRS = ['10.42.0.0/20', '10.42.16.0/20'];

const SINK_ENDPOINT: Record<'kinesis' | 'sqs' | 'eventbridge', string> = { kinesis: 'kinesis-streams', sqs: 'sqs', eventbridge: 'events' };

export function networkPlan(config: ServerlessDeploymentConfig): NetworkPlan {
  // The drift job publishes its metrics with PutMetricData: the CloudWatch API needs an interface endpoint.
  const interfaceEndpoints = [...(config.streaming ? [SINK_ENDPOINT[config.streaming.sink]] : []), ...(config.drift ? ['monitoring'] : [])];
  const base = { interfaceEndpoints, flowLogRetentionDays: config.logRetentionDays };
  if (config.vpc) return { ...base, existing: { vpcId: config.vpc.vpcId, subnetIds: config.vpc.privateSubnetIds } };
  return { ...base, create: { cidr: VPC_CIDR, subnetCidrs: SUBNET_CIDRS } };
}

/** Full service name of an interface endpoint, e.g. `com.amazonaws.us-east-1.sqs`. */
export function endpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}
