/**
 * The drift job of an EKS LLM deployment (CDK): the serverless targets' `DriftDetectionJob` (same bundle, same
 * least-privilege role) over the spans the collector captures, in the cluster VPC's private subnets with HTTPS-only
 * egress, its logs under a key CloudWatch Logs may use. Settings from lib/eks/llm-drift.ts.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { DriftJobHost } from '../../../lib/inference/deployment/drift';
import { restrictGrantsToAwsServices } from '../security/kms-grants';
import { DriftDetectionJob } from '../serverless/drift-detection-job';

export interface LlmDriftJobProps {
  /** `llmDriftSettings(...).job`. */
  readonly job: DriftJobHost;
  /** The cluster's VPC; the job runs in its PRIVATE_WITH_EGRESS subnets. */
  readonly vpc: ec2.IVpc;
  /** Key of the model bucket, where capture and baseline live. */
  readonly encryptionKey: kms.IKey;
}

export class LlmDriftJob extends Construct {
  public readonly job: DriftDetectionJob;

  constructor(scope: Construct, id: string, props: LlmDriftJobProps) {
    super(scope, id);
    const { job } = props;
    const logsKey = new kms.Key(this, 'LogKey', { description: `Encrypts the drift job logs of ${job.name}`, enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
    restrictGrantsToAwsServices(logsKey);
    logsKey.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${Stack.of(this).region}.amazonaws.com`));
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc, description: `Drift job of ${job.name}: outbound HTTPS to S3 and CloudWatch only`, allowAllOutbound: false,
    });
    securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'S3 and CloudWatch APIs');
    this.job = new DriftDetectionJob(this, 'Job', {
      config: job, encryptionKey: props.encryptionKey, logsEncryptionKey: logsKey,
      network: { vpc: props.vpc, subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }, securityGroup },
    });
  }
}
