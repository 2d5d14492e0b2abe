/**
 * The drift job of an EKS LLM deployment (cdktf): the serverless targets' `DriftDetectionJob` over the spans the
 * collector captures, in the cluster's private subnets with HTTPS-only egress, like the CDK and Pulumi `LlmDriftJob`.
 * Settings from lib/eks/llm-drift.ts.
 */
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { Construct } from 'constructs';
import type { DriftJobHost } from '../../../lib/inference/deployment/drift';
import { DriftDetectionJob } from '../serverless/drift-detection-job';

export interface LlmDriftJobProps {
  /** `llmDriftSettings(...).job`. */
  readonly job: DriftJobHost;
  readonly vpcId: string;
  /** The cluster's private subnets. */
  readonly subnetIds: readonly string[];
  /** ARN of the model bucket's key (capture and baseline). */
  readonly kmsKeyArn: string;
  /** ARN of a key CloudWatch Logs may use (the cluster's log key). */
  readonly logsKmsKeyArn: string;
}

export class LlmDriftJob extends Construct {
  public readonly job: DriftDetectionJob;

  constructor(scope: Construct, id: string, props: LlmDriftJobProps) {
    super(scope, id);
    const group = new SecurityGroup(this, 'SecurityGroup', { vpcId: props.vpcId, description: `Drift job of ${props.job.name}: outbound HTTPS to S3 and CloudWatch only` });
    new VpcSecurityGroupEgressRule(this, 'Https', { securityGroupId: group.id, cidrIpv4: '0.0.0.0/0', ipProtocol: 'tcp', fromPort: 443, toPort: 443, description: 'S3 and CloudWatch APIs' });
    this.job = new DriftDetectionJob(this, 'Job', {
      config: props.job, kmsKeyArn: props.kmsKeyArn, logsKmsKeyArn: props.logsKmsKeyArn,
      network: { subnetIds: props.subnetIds, securityGroupId: group.id },
    });
  }
}
