/**
 * `sagemaker-shadow`: a fraud-scoring XGBoost model in production with the next version in a shadow
 * variant that receives a 20 % sample of the production requests (its answers are captured, never
 * returned), plus data capture, an hourly Model Monitor data-quality check with a drift alarm and an hourly
 * model-quality check (predictions merged with chargeback labels) with an f1 alarm.
 */
import { sageMakerBlueprint } from './sagemaker-blueprint';

export const SAGEMAKER_SHADOW = sageMakerBlueprint({
  name: 'sagemaker-shadow',
  description: 'XGBoost fraud model v1 in production, v2 in a 20 % shadow variant; capture + Model Monitor drift alarm',
  spec: {
    name: 'sagemaker-shadow',
    description: 'Fraud-scoring XGBoost with a shadow test of the next version',
    region: 'us-east-1',
    model: { id: 'fraud-xgboost', task: 'tabular' },
    runtime: { engine: 'xgboost' },
    target: { kind: 'sagemaker', mode: 'realtime', instanceType: 'ml.m7i.xlarge' },
    traffic: { requestsPerSecond: 50, p95LatencyMs: 100, maxPayloadKb: 16 },
    scaling: { minReplicas: 2, maxReplicas: 8 },
    rollout: { strategy: 'shadow', shadowSamplingPercent: 20, intervalMinutes: 10 },
    monitoring: { dataCapture: { enabled: true, samplingPercent: 25 }, driftDetection: true },
    tags: { blueprint: 'sagemaker-shadow' },
  },
  endpointOptions: {
    shadowModel: { version: 'v2' },
    monitoredFeatures: ['transaction_amount', 'merchant_category', 'account_age_days'],
    modelRegistry: true,
    // Chargeback labels land under ground-truth/sagemaker-shadow/ in the data bucket; XGBoost
    // binary:logistic answers one probability per CSV line (column 0).
    modelQuality: {
      problemType: 'BinaryClassification',
      probabilityAttribute: '0',
      probabilityThresholdAttribute: 0.5,
      metricAlarm: { metric: 'f1', threshold: 0.8, comparison: 'LessThanThreshold' },
    },
  },
});
