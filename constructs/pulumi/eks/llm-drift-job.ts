/**
 * The drift job of an EKS LLM deployment (Pulumi): the serverless targets' `DriftDetectionJob` over the spans the
 * collector captures, in the cluster's private subnets with HTTPS-only egress, like the CDK and cdktf `LlmDriftJob`.
 * Settings from lib/eks/llm-drift.ts.
 */
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { DriftJobHost } from '../../../lib/inference/deployment/drift';
import { DriftDetectionJob } from '../serverless/drift-detection-job';

export interface LlmDriftJobArgs {
  /** `llmDriftSettings(...).job`. */
  readonly job: DriftJobHost;
  readonly vpcId: pulumi.Input<string>;
  /** The cluster's private subnets. */
  readonly subnetIds: pulumi.Input<string>[];
  /** ARN of the model bucket's key (capture and baseline). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** ARN of a key CloudWatch Logs may use (the cluster's log key). */
  readonly logsKmsKeyArn: pulumi.Input<string>;
}

/** Creates the job's security group and the job, under `parent`. */
export function llmDriftJob(name: string, args: LlmDriftJobArgs, parent: pulumi.Resource): DriftDetectionJob {
  const group = new aws.ec2.SecurityGroup(`${name}-sg`, { vpcId: args.vpcId, description: `Drift job of ${args.job.name}: outbound HTTPS to S3 and CloudWatch only` }, { parent });
  new aws.vpc.SecurityGroupEgressRule(`${name}-https`, { securityGroupId: group.id, cidrIpv4: '0.0.0.0/0', ipProtocol: 'tcp', fromPort: 443, toPort: 443, description: 'S3 and CloudWatch APIs' }, { parent });
  return new DriftDetectionJob(name, {
    config: args.job, kmsKeyArn: args.kmsKeyArn, logsKmsKeyArn: args.logsKmsKeyArn,
    network: { subnetIds: args.subnetIds, securityGroupId: group.id },
  }, { parent });
}
