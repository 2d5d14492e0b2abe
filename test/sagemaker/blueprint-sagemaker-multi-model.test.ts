/**
 * `sagemaker-multi-model`: many small XGBoost models behind one multi-model endpoint.
 */
import { renderSageMakerBlueprint, sharedBlueprintChecks, type RenderedSageMakerBlueprint } from './support/blueprint-checks';

let r: RenderedSageMakerBlueprint;
beforeAll(async () => { r = await renderSageMakerBlueprint('sagemaker-multi-model'); });

describe('GIVEN the sagemaker-multi-model blueprint', () => {
  sharedBlueprintChecks(() => r);

  test('THEN one XGBoost container in MultiModel mode loads the archives under one S3 prefix', () => {
    for (const engine of [r.cdk, r.terraform, r.pulumi]) {
      expect(engine.models).toEqual([expect.objectContaining({
        image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
        mode: 'MultiModel',
        artifacts: 's3://<artifacts>/models/churn-xgboost/',
      })]);
    }
  });

  test('THEN two CPU instances serve it, scaling on invocations per instance up to six', () => {
    expect(r.cdk.config.productionVariants).toEqual([expect.objectContaining({ instanceType: 'ml.c7i.xlarge', initialInstanceCount: 2 })]);
    expect(r.cdk.scalableTargets).toEqual([expect.objectContaining({ min: 2, max: 6 })]);
    expect(r.cdk.scalingPolicies).toEqual([expect.objectContaining({ metric: 'SageMakerVariantInvocationsPerInstance' })]);
  });

  test('THEN a canary of half the capacity (one of the two instances) guards updates', () => {
    expect(r.cdk.deployment).toMatchObject({ type: 'CANARY', capacity: 1 });
  });
});
