/**
 * `sagemaker-multi-model`: many small XGBoost models (one per customer segment) behind one multi-model
 * endpoint: SageMaker loads each model.tar.gz from the artifacts prefix on first use and caches it.
 */
import { sageMakerBlueprint } from './sagemaker-blueprint';

export const SAGEMAKER_MULTI_MODEL = sageMakerBlueprint({
  name: 'sagemaker-multi-model',
  description: 'Per-segment XGBoost churn models behind one SageMaker multi-model endpoint (ml.c7i.xlarge)',
  spec: {
    name: 'sagemaker-multi-model',
    description: 'Per-segment XGBoost churn models on a SageMaker multi-model endpoint',
    region: 'us-east-1',
    model: { id: 'churn-xgboost', task: 'tabular' },
    runtime: { engine: 'xgboost' },
    target: { kind: 'sagemaker', mode: 'multi-model', instanceType: 'ml.c7i.xlarge' },
    traffic: { requestsPerSecond: 20, p95LatencyMs: 200, maxPayloadKb: 64 },
    scaling: { minReplicas: 2, maxReplicas: 6 },
    rollout: { strategy: 'canary', canaryPercent: 50, intervalMinutes: 5 },
    tags: { blueprint: 'sagemaker-multi-model' },
  },
});
