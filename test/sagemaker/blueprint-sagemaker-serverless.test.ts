/**
 * `sagemaker-serverless`: a DistilBERT classifier on Serverless Inference — memory and concurrency
 * instead of instances, provisioned concurrency scaling, linear traffic shifting with rollback alarms.
 */
import { cfnResources, renderSageMakerBlueprint, sharedBlueprintChecks, type RenderedSageMakerBlueprint } from './support/blueprint-checks';

let r: RenderedSageMakerBlueprint;
beforeAll(async () => { r = await renderSageMakerBlueprint('sagemaker-serverless'); });

describe('GIVEN the sagemaker-serverless blueprint', () => {
  sharedBlueprintChecks(() => r);

  test('THEN the variant is serverless: 3 GB, 20 concurrent invocations, 2 provisioned, no instances', () => {
    for (const engine of [r.cdk, r.terraform, r.pulumi]) {
      expect(engine.config.productionVariants).toEqual([expect.objectContaining({ name: 'primary', serverless: { memory: 3072, max: 20, provisioned: 2 }, instanceType: undefined })]);
    }
  });

  test('THEN the Hugging Face CPU container runs the text-classification pipeline outside any VPC', () => {
    expect(r.cdk.models).toEqual([expect.objectContaining({
      image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-inference:2.6.0-transformers4.51.3-cpu-py312-ubuntu22.04',
      environment: { HF_TASK: 'text-classification' },
      networkIsolation: false,
      vpc: false,
    })]);
    expect(cfnResources(r.rendered, 'AWS::EC2::VPC')).toHaveLength(0);
  });

  test('THEN serverless gets no volume KMS key and no data capture (not supported)', () => {
    expect(r.cdk.config.volumeKms).toBe(false);
    expect(r.cdk.config.dataCapture).toBeUndefined();
  });

  test('THEN updates shift 25 % of capacity every 5 minutes and roll back on the latency and 5xx alarms', () => {
    expect(r.cdk.deployment).toMatchObject({ type: 'LINEAR', capacity: 25, wait: 300, rollbackAlarms: ['sagemaker-serverless-latency-p95', 'sagemaker-serverless-errors-5xx'] });
  });

  test('THEN provisioned concurrency tracks its utilisation between 2 and the max concurrency', () => {
    expect(r.cdk.scalableTargets).toEqual([{ resourceId: 'endpoint/sagemaker-serverless/variant/primary', dimension: 'sagemaker:variant:DesiredProvisionedConcurrency', min: 2, max: 20 }]);
    expect(r.cdk.scalingPolicies).toEqual([expect.objectContaining({ metric: 'SageMakerVariantProvisionedConcurrencyUtilization', target: 0.7 })]);
  });

  test('THEN there are no instance utilisation alarms (serverless has no instances)', () => {
    expect(r.cdk.alarms.map((a) => a.name)).not.toContain('sagemaker-serverless-cpu-utilization');
  });
});
