/**
 * The engine-neutral EKS platform data every engine shares: names, IAM policies, Helm components, and the
 * validation of the CDK constructs' props.
 */
import { App, Stack } from 'aws-cdk-lib';
import { GpuInferenceCluster } from '../../constructs/cdk/eks/gpu-inference-cluster';
import { gpuClusterComponents } from '../../lib/eks/components';
import { karpenterControllerPolicy } from '../../lib/eks/karpenter-iam';
import { locationsOf, modelReadAccessPolicy, parseS3Uri } from '../../lib/eks/model-access';
import { defaultModelPrefix, modelBucketName } from '../../lib/eks/names';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';

describe('names', () => {
  it('keeps model bucket names within 63 characters and unique per account and region', () => {
    const name = modelBucketName('a-forty-character-deployment-name-xxxxxx', '123456789012', 'ap-southeast-2');
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[a-z0-9][a-z0-9.-]+[a-z0-9]$/);
    expect(name.endsWith('-models-123456789012-ap-southeast-2')).toBe(true);
  });

  it('stores a model under models/<model id>/', () => {
    expect(defaultModelPrefix('meta-llama/Llama-3.1-8B-Instruct')).toBe('models/meta-llama/Llama-3.1-8B-Instruct/');
  });
});

describe('karpenterControllerPolicy', () => {
  const policy = karpenterControllerPolicy({
    clusterName: 'llm-eks', partition: 'aws', region: 'us-east-1', accountId: '123456789012',
    interruptionQueueArn: 'arn:aws:sqs:us-east-1:123456789012:q', nodeRoleArn: 'arn:aws:iam::123456789012:role/llm-eks-gpu-node',
  });
  const statement = (sid: string) => policy.Statement.find((s) => s.Sid === sid) as Record<string, any>;

  it('launches and terminates only instances tagged as owned by this cluster', () => {
    expect(statement('AllowScopedEC2InstanceActionsWithTags').Condition.StringEquals).toEqual({ 'aws:RequestTag/kubernetes.io/cluster/llm-eks': 'owned' });
    expect(statement('AllowScopedDeletion').Condition.StringEquals).toEqual({ 'aws:ResourceTag/kubernetes.io/cluster/llm-eks': 'owned' });
  });

  it('passes only the GPU node role, and only to EC2', () => {
    expect(statement('AllowPassingInstanceRole')).toMatchObject({ Resource: 'arn:aws:iam::123456789012:role/llm-eks-gpu-node', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } });
  });
});

describe('modelReadAccessPolicy', () => {
  it('lists and reads only the given prefixes, and decrypts only through S3', () => {
    // GIVEN the model in our bucket and an adapter in another bucket
    const locations = locationsOf(['s3://models-bucket/models/m/', 's3://adapters/tenants/a/'], (b) => `arn:aws:s3:::${b}`);
    const policy = modelReadAccessPolicy({ locations, kmsKeyArns: ['arn:aws:kms:us-east-1:1:key/k'], region: 'us-east-1' });
    // THEN each bucket gets a prefix-limited list and read
    const reads = policy.Statement.filter((s) => s.Action === 's3:GetObject').flatMap((s) => s.Resource as string[]);
    expect(reads).toEqual(['arn:aws:s3:::models-bucket/models/m/*', 'arn:aws:s3:::adapters/tenants/a/*']);
    const lists = policy.Statement.filter((s) => s.Action === 's3:ListBucket') as Array<Record<string, any>>;
    expect(lists.map((s) => s.Condition.StringLike['s3:prefix'])).toEqual([['models/m/*'], ['tenants/a/*']]);
    expect(policy.Statement.find((s) => s.Action === 'kms:Decrypt')).toMatchObject({ Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } });
  });

  it('normalises S3 prefixes to end in a slash and rejects non-S3 URIs', () => {
    expect(parseS3Uri('s3://bucket/a/b')).toEqual({ bucket: 'bucket', prefix: 'a/b/' });
    expect(parseS3Uri('hf://org/model')).toBeUndefined();
  });
});

describe('gpuClusterComponents', () => {
  const ids = (capacity: 'karpenter' | 'auto-mode' | 'managed-nodegroup', leaderWorkerSet = false) =>
    gpuClusterComponents({ clusterName: 'c', capacity, interruptionQueueName: 'q', keda: true, leaderWorkerSet, region: 'us-east-1' }).map((c) => c.id);

  it('installs Karpenter only in karpenter mode and the NVIDIA device plugin only where the node image lacks one', () => {
    // The OpenTelemetry Collector comes with the region (otel-collector.test.ts).
    expect(ids('karpenter')).toEqual(['Karpenter', 'NvidiaDevicePlugin', 'PrometheusStack', 'DcgmExporter', 'Keda', 'OtelCollector']);
    // Managed node groups grow only through the Cluster Autoscaler.
    expect(ids('managed-nodegroup')).toEqual(['ClusterAutoscaler', 'NvidiaDevicePlugin', 'PrometheusStack', 'DcgmExporter', 'Keda', 'OtelCollector']);
    expect(ids('auto-mode')).toEqual(['PrometheusStack', 'DcgmExporter', 'Keda', 'OtelCollector']);
    expect(gpuClusterComponents({ clusterName: 'c', capacity: 'karpenter', amiFamily: 'bottlerocket', interruptionQueueName: 'q', keda: false, leaderWorkerSet: false }).map((c) => c.id))
      .not.toContain('NvidiaDevicePlugin');
  });

  it('adds LeaderWorkerSet and the EFA device plugin for multi-node plans', () => {
    expect(ids('karpenter', true)).toEqual(expect.arrayContaining(['LeaderWorkerSet', 'EfaDevicePlugin']));
    expect(ids('auto-mode', true)).toEqual(expect.arrayContaining(['LeaderWorkerSet']));
  });

  it('pins every chart to an explicit version', () => {
    for (const component of gpuClusterComponents({ clusterName: 'c', capacity: 'karpenter', interruptionQueueName: 'q', keda: true, leaderWorkerSet: true })) {
      expect(component.version).toMatch(/^v?\d+\.\d+\.\d+$/);
    }
  });
});

describe('GpuInferenceCluster (CDK) props', () => {
  const plan = planDeployment(resolveDeploymentSpec({ name: 'x', model: { id: 'meta-llama/Llama-3.1-8B-Instruct' }, runtime: { engine: 'vllm' }, target: { kind: 'eks' } }));

  it('reports every invalid prop at once, naming field, value and fix', () => {
    // GIVEN a stack
    const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'us-east-1' } });
    // WHEN the cluster gets an invalid name, an internet-open endpoint and maxReplicas below minReplicas
    const create = () => new GpuInferenceCluster(stack, 'Gpu', {
      clusterName: 'LLM_EKS', plan: plan.llm!, model: plan.model!, modelBucketName: 'b-123', servingNamespace: 'ns',
      publicEndpointCidrs: ['0.0.0.0/0'], minReplicas: 3, maxReplicas: 2,
    });
    // THEN one error lists all three
    expect(create).toThrow(/clusterName \('LLM_EKS'\)[\s\S]*publicEndpointCidrs \('0\.0\.0\.0\/0'\): opens the API server to the internet[\s\S]*maxReplicas \(2\)/);
  });
});
