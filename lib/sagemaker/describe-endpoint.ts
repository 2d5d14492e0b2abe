/**
 * `describeSageMakerEndpoint`: from a DeploymentPlan to the one engine-neutral description of a
 * SageMaker endpoint that the CDK, cdktf and Pulumi renderers all translate.
 */
import { deploymentBudget, deploymentCostTags } from '../budgets/deployment-budget';
import type { DeploymentPlan } from '../plan/deployment-plan';
import type { SageMakerMode } from '../spec/types';
import { backlogWithoutCapacityAlarm, driftAlarm, healthAlarms, rollbackAlarms } from './alarms';
import { endpointAutoscaling } from './autoscaling';
import { dashboardWidgets } from './dashboard';
import { deploymentGuardrails } from './guardrails';
import { endpointModels, endpointVariants } from './models';
import { modelQualityAlarm, modelQualityMonitoring } from './model-quality';
import { dataCaptureConfig, dataQualityMonitoring } from './monitoring';
import type { EndpointOptions } from './options';
import { executionRoleStatements, modelQualityRoleStatements, monitoringRoleStatements } from './permissions';
import type { AlarmDescription, AsyncInferenceDescription, SageMakerEndpointDescription } from './types';
import { validateSageMakerPlan } from './validate';

/** Concurrent requests one async instance works on, when not given. */
export const DEFAULT_ASYNC_CONCURRENCY_PER_INSTANCE = 4;

function asyncInference(endpointName: string, options: EndpointOptions): AsyncInferenceDescription {
  return {
    input: { bucket: 'data', key: `async/${endpointName}/input/` },
    output: { bucket: 'data', key: `async/${endpointName}/output/` },
    failure: { bucket: 'data', key: `async/${endpointName}/failure/` },
    successTopic: 'async-success',
    errorTopic: 'async-error',
    maxConcurrentInvocationsPerInstance: options.asyncMaxConcurrentInvocationsPerInstance ?? DEFAULT_ASYNC_CONCURRENCY_PER_INSTANCE,
  };
}

/**
 * Describes the SageMaker endpoint of a plan: models, variants (with shadow, or one per A/B arm), serverless/async config,
 * data capture, deployment guardrails, autoscaling, Model Monitor, alarms, dashboard and IAM.
 * @throws InputValidationError listing every problem of the plan for its SageMaker mode
 */
export function describeSageMakerEndpoint(plan: DeploymentPlan, options: EndpointOptions = {}): SageMakerEndpointDescription {
  validateSageMakerPlan(plan, options);
  const spec = plan.spec;
  const mode = (spec.target as { mode: SageMakerMode }).mode;
  const endpointName = spec.name;
  const models = endpointModels(plan, options);
  const { production, shadow } = endpointVariants(plan, options);
  const dataCapture = dataCaptureConfig(plan);
  const asyncConfig = mode === 'async' ? asyncInference(endpointName, options) : undefined;
  const monitoring = dataQualityMonitoring(plan);
  const modelQuality = modelQualityMonitoring(plan, options.modelQuality);
  const features = options.monitoredFeatures ?? [];

  // An A/B test watches every arm, each alarm named after its variant: a regression of either rolls a deployment back.
  const ab = spec.rollout.strategy === 'ab';
  const watched = ab ? production : [production[0]!];
  const rollback = watched.flatMap((v) => rollbackAlarms(plan, endpointName, v.name, ab));
  const alarms: AlarmDescription[] = [...rollback, ...watched.flatMap((v) => healthAlarms(plan, endpointName, v, mode, ab))];
  if (monitoring !== undefined) alarms.push(driftAlarm(endpointName, monitoring.scheduleName, features));
  if (modelQuality !== undefined) alarms.push(modelQualityAlarm(endpointName, modelQuality.scheduleName, options.modelQuality!.metricAlarm));
  const autoscaling = endpointAutoscaling(plan, [...production, ...shadow], mode, options);
  if (autoscaling.some((a) => a.wakeFromZero !== undefined)) alarms.push(backlogWithoutCapacityAlarm(endpointName));

  const budget = deploymentBudget(plan);
  return {
    endpointName,
    mode,
    region: spec.region,
    models,
    productionVariants: production,
    shadowVariants: shadow,
    ...(asyncConfig ? { asyncInference: asyncConfig } : {}),
    ...(dataCapture ? { dataCapture } : {}),
    deployment: deploymentGuardrails(spec, production, shadow, rollback.map((a) => a.name)),
    autoscaling,
    ...(monitoring ? { monitoring } : {}),
    ...(modelQuality ? { modelQuality } : {}),
    alarms,
    ...(spec.monitoring.dashboard
      ? { dashboard: { name: options.dashboardName ?? endpointName, widgets: dashboardWidgets({ endpointName, mode, variants: [...production, ...shadow], ...(monitoring ? { drift: { scheduleName: monitoring.scheduleName, features } } : {}) }) } }
      : {}),
    // Source: CreateEndpointConfig KmsKeyId, https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html
    volumeKmsEncryption: [...production, ...shadow].every((v) => v.serverless === undefined && !v.localStorage),
    vpc: models.some((m) => m.vpc),
    ...(options.modelRegistry ? { modelRegistry: { groupName: `${endpointName}-models`, description: `Versions of ${spec.model.id ?? spec.name} served by endpoint ${endpointName}` } } : {}),
    executionPermissions: executionRoleStatements({ endpointName, models, dataCapture, asyncInference: asyncConfig, vpc: models.some((m) => m.vpc) }),
    monitoringPermissions: monitoring ? monitoringRoleStatements(monitoring) : [],
    modelQualityPermissions: modelQuality ? modelQualityRoleStatements(modelQuality) : [],
    ...(spec.monitoring.alarmEmail ? { alarmEmail: spec.monitoring.alarmEmail } : {}),
    alarmRecipients: spec.monitoring.recipients,
    logRetentionDays: spec.monitoring.logRetentionDays,
    ...(budget !== undefined && { budget }),
    tags: { ...spec.tags, ...deploymentCostTags(spec.name) },
  };
}
