/**
 * Least-privilege IAM statements of the model execution role and the monitoring job role, decided once
 * for every engine. Resources are narrowed to the endpoint's own prefixes, key, topics, log group and
 * image repositories; where an action has no resource-level permissions the statement says so.
 * Source for the actions SageMaker needs: https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html
 * (CreateModel API: execution role permissions; VPC ENI permissions), read 2026-11-24.
 */
import type { AsyncInferenceDescription, DataCaptureDescription, ModelDescription, ModelQualityMonitoringDescription, MonitoringDescription, PermissionStatement, ResourceRef, S3Location } from './types';

const ANY: ResourceRef = { kind: 'any' };

/** Account and repository of an ECR image URI. */
export function ecrRepositoryOf(uri: string): { account: string; repository: string } {
  const match = /^(\d{12})\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(uri);
  if (!match) throw new Error(`'${uri}' is not an ECR image URI (<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>)`);
  return { account: match[1]!, repository: match[2]! };
}

function objects(location: S3Location): ResourceRef {
  // A key that is one object (model.tar.gz) stays exact; a prefix covers what is under it.
  return { kind: 'objects', bucket: location.bucket, prefix: location.key };
}

function bucketsOf(locations: readonly S3Location[]): ResourceRef[] {
  const seen = new Map<string, ResourceRef>();
  for (const l of locations) {
    const id = typeof l.bucket === 'string' ? l.bucket : `external:${l.bucket.external}`;
    if (!seen.has(id)) seen.set(id, { kind: 'bucket', bucket: l.bucket });
  }
  return [...seen.values()];
}

function pullImage(uris: readonly string[]): PermissionStatement[] {
  const repositories = [...new Set(uris)].map((uri) => ({ kind: 'ecr-repository' as const, ...ecrRepositoryOf(uri) }));
  return [
    { sid: 'PullImage', actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'], resources: repositories },
    { sid: 'EcrLogin', actions: ['ecr:GetAuthorizationToken'], resources: [ANY], wildcardReason: 'ecr:GetAuthorizationToken has no resource-level permissions; it only returns a registry login token, image pulls stay scoped to the named repositories' },
  ];
}

const PUT_METRICS: PermissionStatement = {
  sid: 'PutMetrics',
  actions: ['cloudwatch:PutMetricData'],
  resources: [ANY],
  wildcardReason: 'cloudwatch:PutMetricData has no resource-level permissions (metrics are not resources)',
};

export interface ExecutionRoleInputs {
  readonly endpointName: string;
  readonly models: readonly ModelDescription[];
  readonly dataCapture?: DataCaptureDescription;
  readonly asyncInference?: AsyncInferenceDescription;
  /** Whether the models run in the endpoint's VPC. */
  readonly vpc: boolean;
}

/** Statements of the role SageMaker assumes to run the models. */
export function executionRoleStatements(inputs: ExecutionRoleInputs): PermissionStatement[] {
  // A serial pipeline reads every container's model and pulls every container's image.
  const locations = inputs.models.flatMap((m) => [m.artifacts.location, ...(m.pipeline ?? []).map((c) => c.artifacts)]);
  const artifactLocations = [...new Map(locations.map((l) => [JSON.stringify(l), l])).values()];
  const statements: PermissionStatement[] = [
    { sid: 'ReadModelArtifacts', actions: ['s3:GetObject'], resources: artifactLocations.map(objects) },
    { sid: 'ListModelArtifacts', actions: ['s3:ListBucket'], resources: bucketsOf(artifactLocations) },
    { sid: 'UseEndpointKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [{ kind: 'kms-key' }] },
    ...pullImage([...new Set(inputs.models.flatMap((m) => [m.image.uri, ...(m.pipeline ?? []).map((c) => c.image.uri)]))]),
    {
      sid: 'WriteLogs',
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [{ kind: 'log-group', prefix: `/aws/sagemaker/Endpoints/${inputs.endpointName}` }],
    },
    PUT_METRICS,
  ];
  const writes: S3Location[] = [];
  if (inputs.dataCapture) writes.push(inputs.dataCapture.files);
  if (inputs.asyncInference) writes.push(inputs.asyncInference.output, inputs.asyncInference.failure);
  if (writes.length > 0) statements.push({ sid: 'WriteCaptureAndResults', actions: ['s3:PutObject'], resources: writes.map(objects) });
  if (inputs.asyncInference) {
    // SageMaker reads each request payload from its --input-location with the execution role.
    statements.push({ sid: 'ReadAsyncRequests', actions: ['s3:GetObject'], resources: [objects(inputs.asyncInference.input)] });
    statements.push({ sid: 'NotifyAsyncResults', actions: ['sns:Publish'], resources: [{ kind: 'topic', topic: inputs.asyncInference.successTopic }, { kind: 'topic', topic: inputs.asyncInference.errorTopic }] });
  }
  if (inputs.vpc) {
    statements.push({
      sid: 'ManageVpcInterfaces',
      actions: [
        'ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface', 'ec2:DeleteNetworkInterfacePermission',
        'ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs', 'ec2:DescribeDhcpOptions', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
      ],
      resources: [ANY],
      wildcardReason: 'SageMaker creates the endpoint ENIs itself with ids unknown before deployment, and the ec2:Describe* actions have no resource-level permissions',
    });
  }
  return statements;
}

/** Statements of the role the data-quality monitoring job runs with. */
export function monitoringRoleStatements(monitoring: MonitoringDescription): PermissionStatement[] {
  return [
    { sid: 'ReadCaptureAndBaseline', actions: ['s3:GetObject'], resources: [objects(monitoring.input), objects(monitoring.baselineConstraints), objects(monitoring.baselineStatistics)] },
    { sid: 'ListDataBucket', actions: ['s3:ListBucket'], resources: bucketsOf([monitoring.input]) },
    { sid: 'WriteReports', actions: ['s3:PutObject'], resources: [objects(monitoring.reports)] },
    { sid: 'UseEndpointKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [{ kind: 'kms-key' }] },
    ...pullImage([monitoring.image.uri]),
    {
      sid: 'WriteLogs',
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [{ kind: 'log-group', prefix: '/aws/sagemaker/ProcessingJobs' }],
    },
    PUT_METRICS,
  ];
}

/** Statements of the role the model-quality job runs with: also reads the ground-truth labels. */
export function modelQualityRoleStatements(monitoring: ModelQualityMonitoringDescription): PermissionStatement[] {
  return [
    { sid: 'ReadCaptureGroundTruthAndBaseline', actions: ['s3:GetObject'], resources: [objects(monitoring.input), objects(monitoring.groundTruth), objects(monitoring.baselineConstraints)] },
    { sid: 'ListInputBuckets', actions: ['s3:ListBucket'], resources: bucketsOf([monitoring.input, monitoring.groundTruth]) },
    { sid: 'WriteReports', actions: ['s3:PutObject'], resources: [objects(monitoring.reports)] },
    { sid: 'UseEndpointKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [{ kind: 'kms-key' }] },
    ...pullImage([monitoring.image.uri]),
    {
      sid: 'WriteLogs',
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [{ kind: 'log-group', prefix: '/aws/sagemaker/ProcessingJobs' }],
    },
    PUT_METRICS,
  ];
}

/**
 * Why a statement's resources contain a wildcard (for security-check acknowledgements), or undefined
 * when they do not: a stated reason for `any`, or the prefix / log group the wildcard stays inside.
 */
export function wildcardReason(statement: PermissionStatement): string | undefined {
  if (statement.wildcardReason !== undefined) return statement.wildcardReason;
  const scopes = statement.resources.flatMap((r) => {
    if (r.kind === 'objects' && (r.prefix === '' || r.prefix.endsWith('/'))) return [`objects under the prefix '${r.prefix}'`];
    if (r.kind === 'log-group') return [`the log group(s) ${r.prefix}*`];
    return [];
  });
  return scopes.length === 0 ? undefined : `scoped to ${scopes.join(' and ')}; the wildcard stands for object and stream names created at run time`;
}
