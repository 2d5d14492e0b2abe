/**
 * A spec's graph on SageMaker: a serial inference pipeline, one Model whose containers run the steps in order, read
 * by the same endpoint description every engine renders; an ensemble or a switch is refused with the reason.
 */
import { App, Stack } from 'aws-cdk-lib';
import { App as TerraformApp, TerraformStack } from 'cdktf';
import { SageMakerEndpointNetwork } from '../../constructs/cdk/sagemaker/endpoint-network';
import { SageMakerModelEndpoint } from '../../constructs/cdk/sagemaker/model-endpoint';
import { SageMakerModelEndpoint as TerraformModelEndpoint } from '../../constructs/terraform/sagemaker/model-endpoint';
import { InputValidationError } from '../../lib/errors';
import { describeSageMakerEndpoint } from '../../lib/sagemaker/describe-endpoint';
import type { InferenceGraphSpec } from '../../lib/spec/graph';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { planFor } from './support/plans';

const SEQUENCE: InferenceGraphSpec = {
  kind: 'sequence',
  steps: [
    { name: 'preprocess', model: { format: 'sklearn', uri: 's3://my-models/preprocess/model.tar.gz' } },
    { name: 'classifier', model: { format: 'xgboost', uri: 's3://my-models/classifier/model.tar.gz' } },
    { name: 'postprocess', model: { format: 'sklearn', uri: 's3://my-models/postprocess/model.tar.gz' } },
  ],
};

describe('GIVEN a preprocess → classifier → postprocess sequence on a real-time endpoint', () => {
  const d = describeSageMakerEndpoint(planFor('realtime', { graph: SEQUENCE }));
  const pipeline = d.models[0]!.pipeline!;

  test('THEN the production model is a pipeline of the three containers in order, each with its image and model', () => {
    expect(d.models).toHaveLength(1);
    expect(pipeline.map((c) => c.hostname)).toEqual(['preprocess', 'classifier', 'postprocess']);
    expect(pipeline.map((c) => c.image.repository)).toEqual(['sagemaker-scikit-learn', 'sagemaker-xgboost', 'sagemaker-scikit-learn']);
    expect(pipeline[1]!.artifacts).toEqual({ bucket: { external: 'my-models' }, key: 'classifier/model.tar.gz' });
    expect(pipeline[0]!.environment).toMatchObject({ SAGEMAKER_PROGRAM: 'inference.py' });
  });

  test('THEN the execution role reads every step\'s model and pulls every step\'s image', () => {
    const read = d.executionPermissions.find((s) => s.sid === 'ReadModelArtifacts')!;
    expect(read.resources).toHaveLength(3);
    const pull = d.executionPermissions.find((s) => s.sid === 'PullImage')!;
    expect(pull.resources.map((r) => (r as { repository: string }).repository).sort()).toEqual(['sagemaker-scikit-learn', 'sagemaker-xgboost']);
  });

  test('THEN the CDK renderer writes the containers in order with Serial execution instead of a primary container (no synth)', () => {
    const stack = new Stack(new App(), 'Pipeline', { env: { account: '123456789012', region: 'us-east-1' } });
    const endpoint = new SageMakerModelEndpoint(stack, 'Endpoint', { description: d, network: new SageMakerEndpointNetwork(stack, 'Network') });
    const model = endpoint.models.get('production')!;
    expect(model.primaryContainer).toBeUndefined();
    expect(model.inferenceExecutionConfig).toEqual({ mode: 'Serial' });
    const containers = model.containers as { containerHostname: string; image: string }[];
    expect(containers.map((c) => c.containerHostname)).toEqual(['preprocess', 'classifier', 'postprocess']);
    expect(containers[1]!.image).toBe(pipeline[1]!.image.uri);
  });

  test('THEN the cdktf renderer writes the same containers (no synth)', () => {
    const stack = new TerraformStack(new TerraformApp(), 'pipeline');
    const resources = { artifactsBucketName: 'artifacts', dataBucketName: 'data', kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k', region: 'us-east-1', accountId: '123456789012', partition: 'aws' };
    const endpoint = new TerraformModelEndpoint(stack, 'endpoint', { description: d, resources, network: { subnetIds: ['subnet-1'], securityGroupId: 'sg-1' } });
    const model = endpoint.models.get('production')!;
    expect(model.primaryContainerInput).toBeUndefined();
    expect(model.inferenceExecutionConfigInput).toEqual({ mode: 'Serial' });
    expect((model.containerInput as { containerHostname: string }[]).map((c) => c.containerHostname)).toEqual(['preprocess', 'classifier', 'postprocess']);
  });
});

describe('graphs SageMaker cannot run', () => {
  const spec = (graph: unknown, mode = 'realtime'): DeploymentSpecInput =>
    ({ name: 'tabular', model: { id: 'fraud-xgboost', task: 'tabular' }, runtime: { engine: 'xgboost' }, target: { kind: 'sagemaker', mode, instanceType: 'ml.m7i.xlarge' }, graph } as DeploymentSpecInput);
  const problems = (input: DeploymentSpecInput) => {
    try {
      resolveDeploymentSpec(input);
    } catch (e) {
      if (e instanceof InputValidationError) return e.problems;
      throw e;
    }
    return [];
  };

  test('GIVEN an ensemble THEN graph.kind is refused: a pipeline runs its containers in a linear sequence', () => {
    const found = problems(spec({ kind: 'ensemble', steps: SEQUENCE.steps }));
    expect(found).toContainEqual(expect.objectContaining({ field: 'graph.kind', value: 'ensemble', message: expect.stringMatching(/linear sequence/), fix: expect.stringMatching(/eks/) }));
  });

  test('GIVEN a switch THEN graph.kind is refused the same way', () => {
    const steps = SEQUENCE.steps.map((s) => ({ ...s, condition: 'instances' }));
    expect(problems(spec({ kind: 'switch', steps })).map((p) => p.field)).toContain('graph.kind');
  });

  test('GIVEN a serverless endpoint THEN the pipeline is refused (real-time only)', () => {
    expect(problems(spec(SEQUENCE, 'serverless')).map((p) => p.field)).toContain('target.mode');
  });

  test('GIVEN a shadow rollout THEN the endpoint description refuses it (a pipeline has no single candidate model)', () => {
    const plan = planFor('realtime', { graph: SEQUENCE, rollout: { strategy: 'shadow' } });
    expect(() => describeSageMakerEndpoint(plan, { shadowModel: { version: 'v2' } })).toThrow(/rollout\.strategy \('shadow'\): a shadow variant of an inference pipeline/);
  });

  test('GIVEN sixteen steps THEN graph.steps is refused (a pipeline holds at most fifteen containers)', () => {
    const steps = Array.from({ length: 16 }, (_, i) => ({ name: `step-${i}`, model: { format: 'sklearn', uri: `s3://my-models/${i}/model.tar.gz` } }));
    expect(problems(spec({ kind: 'sequence', steps })).map((p) => p.field)).toContain('graph.steps');
  });
});
