/**
 * Normalizes what each engine renders for a SageMaker endpoint (CloudFormation, Terraform JSON, Pulumi
 * inputs) into one shape, so a parity test can compare the engines field by field.
 *
 * Field names differ only in case and underscores across the three engines (all follow the SageMaker
 * API), so lookups ignore both. S3 URIs keep their key and the role of their bucket (`<data>`,
 * `<artifacts>`), since each engine names buckets its own way.
 */
import type { RenderedBlueprint } from '../../../lib/synth/render-blueprint';

type Json = any;

const canon = (key: string) => key.toLowerCase().replace(/_/g, '');

/** Value of a field under any spelling (PascalCase, snake_case, camelCase), unwrapping single-block lists. */
export function field(obj: Json, ...names: string[]): Json {
  if (obj === undefined || obj === null) return undefined;
  const target = Array.isArray(obj) && obj.length === 1 ? obj[0] : obj;
  for (const name of names) {
    const key = Object.keys(target).find((k) => canon(k) === canon(name));
    if (key !== undefined) return target[key];
  }
  return undefined;
}

const list = (x: Json): Json[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** CloudFormation intrinsics flattened to `${Ref}` text; Terraform and Pulumi values are already strings. */
export function flatten(value: Json): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(flatten);
  if ('Ref' in value) return `\${${value.Ref}}`;
  if ('Fn::GetAtt' in value) return `\${${value['Fn::GetAtt'].join('.')}}`;
  if ('Fn::Join' in value) return value['Fn::Join'][1].map(flatten).join(value['Fn::Join'][0]);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, flatten(v)]));
}

/** `s3://<data>/capture/x/` whatever the engine calls the bucket. */
export function s3Role(uri: Json): string | undefined {
  if (typeof uri !== 'string') return undefined;
  return uri.replace(/^s3:\/\/([^/]+)\//, (_, bucket: string) => (/artifacts/i.test(bucket) ? 's3://<artifacts>/' : /data/i.test(bucket) ? 's3://<data>/' : `s3://${bucket}/`));
}

function variant(v: Json) {
  const serverless = field(v, 'serverlessConfig');
  return {
    name: field(v, 'variantName'),
    instanceType: field(v, 'instanceType'),
    initialInstanceCount: field(v, 'initialInstanceCount'),
    weight: field(v, 'initialVariantWeight'),
    serverless: serverless && { memory: field(serverless, 'memorySizeInMb'), max: field(serverless, 'maxConcurrency'), provisioned: field(serverless, 'provisionedConcurrency') },
    startupTimeout: field(v, 'containerStartupHealthCheckTimeoutInSeconds'),
  };
}

function endpointConfig(c: Json) {
  const a = field(c, 'asyncInferenceConfig');
  const out = field(a, 'outputConfig');
  const capture = field(c, 'dataCaptureConfig');
  const header = field(capture, 'captureContentTypeHeader');
  return {
    productionVariants: list(field(c, 'productionVariants')).map(variant),
    shadowVariants: list(field(c, 'shadowProductionVariants')).map(variant),
    volumeKms: field(c, 'kmsKeyId', 'kmsKeyArn') !== undefined,
    async: a && {
      output: s3Role(field(out, 's3OutputPath')),
      failure: s3Role(field(out, 's3FailurePath')),
      maxConcurrent: field(field(a, 'clientConfig'), 'maxConcurrentInvocationsPerInstance'),
      notifies: ['successTopic', 'errorTopic'].map((t) => typeof field(field(out, 'notificationConfig'), t) === 'string'),
      encrypted: field(out, 'kmsKeyId') !== undefined,
    },
    dataCapture: capture && {
      destination: s3Role(field(capture, 'destinationS3Uri')),
      sampling: field(capture, 'initialSamplingPercentage'),
      modes: list(field(capture, 'captureOptions')).map((o) => field(o, 'captureMode')),
      json: field(header, 'jsonContentTypes') ?? [],
      csv: field(header, 'csvContentTypes') ?? [],
      encrypted: field(capture, 'kmsKeyId') !== undefined,
    },
  };
}

function deployment(e: Json) {
  const config = field(e, 'deploymentConfig');
  if (config === undefined) return undefined;
  const blueGreen = field(config, 'blueGreenUpdatePolicy');
  const routing = field(blueGreen, 'trafficRoutingConfiguration');
  const rolling = field(config, 'rollingUpdatePolicy');
  return {
    type: rolling ? 'ROLLING' : field(routing, 'type'),
    wait: field(routing, 'waitIntervalInSeconds') ?? field(rolling, 'waitIntervalInSeconds'),
    capacity: field(field(routing, 'canarySize') ?? field(routing, 'linearStepSize') ?? field(rolling, 'maximumBatchSize'), 'value'),
    termination: field(blueGreen, 'terminationWaitInSeconds'),
    timeout: field(blueGreen ?? rolling, 'maximumExecutionTimeoutInSeconds'),
    rollbackAlarms: list(field(field(config, 'autoRollbackConfiguration'), 'alarms')).map((a) => field(a, 'alarmName')),
  };
}

function model(m: Json) {
  const container = field(m, 'primaryContainer');
  const source = field(field(container, 'modelDataSource'), 's3DataSource', 's3DataSources');
  return {
    image: field(container, 'image'),
    mode: field(container, 'mode'),
    environment: field(container, 'environment'),
    artifacts: s3Role(field(container, 'modelDataUrl') ?? field(source, 's3Uri')),
    networkIsolation: field(m, 'enableNetworkIsolation'),
    vpc: field(m, 'vpcConfig') !== undefined,
  };
}

/** The model-quality job and its schedule (all three engines render the CloudFormation schema's fields). */
function modelQuality(jobs: Json[], schedules: Json[]) {
  if (jobs.length === 0) return undefined;
  const job = jobs[0];
  const input = field(job, 'modelQualityJobInput');
  const endpointInput = field(input, 'endpointInput');
  const schedule = schedules.find((s) => field(field(s, 'monitoringScheduleConfig'), 'monitoringType') === 'ModelQuality');
  const scheduleConfig = field(schedule, 'monitoringScheduleConfig');
  return {
    name: field(job, 'jobDefinitionName'),
    problemType: field(field(job, 'modelQualityAppSpecification'), 'problemType'),
    environment: field(field(job, 'modelQualityAppSpecification'), 'environment'),
    endpoint: field(endpointInput, 'endpointName'),
    probabilityAttribute: field(endpointInput, 'probabilityAttribute'),
    probabilityThreshold: field(endpointInput, 'probabilityThresholdAttribute'),
    groundTruth: s3Role(field(field(input, 'groundTruthS3Input'), 's3Uri')),
    baseline: s3Role(field(field(field(job, 'modelQualityBaselineConfig'), 'constraintsResource'), 's3Uri')),
    reports: list(field(field(job, 'modelQualityJobOutputConfig'), 'monitoringOutputs')).map((o) => s3Role(field(field(o, 's3Output'), 's3Uri'))),
    encrypted: field(field(job, 'modelQualityJobOutputConfig'), 'kmsKeyId') !== undefined,
    schedule: schedule && { name: field(schedule, 'monitoringScheduleName', 'name'), job: field(scheduleConfig, 'monitoringJobDefinitionName'), expression: field(field(scheduleConfig, 'scheduleConfig'), 'scheduleExpression') },
  };
}

export interface NormalizedEndpoint {
  readonly config: ReturnType<typeof endpointConfig>;
  readonly endpointName: string;
  readonly deployment: ReturnType<typeof deployment>;
  readonly models: ReturnType<typeof model>[];
  readonly scalableTargets: Json[];
  readonly scalingPolicies: Json[];
  readonly alarms: Json[];
  readonly modelQuality: ReturnType<typeof modelQuality>;
}

function normalize(configs: Json[], endpoints: Json[], models: Json[], targets: Json[], policies: Json[], alarms: Json[], modelQualityJobs: Json[], schedules: Json[]): NormalizedEndpoint {
  if (configs.length !== 1 || endpoints.length !== 1) throw new Error(`expected one endpoint configuration and one endpoint, got ${configs.length} and ${endpoints.length}`);
  const byText = (a: Json, b: Json) => JSON.stringify(a).localeCompare(JSON.stringify(b));
  return {
    config: endpointConfig(configs[0]),
    endpointName: field(endpoints[0], 'endpointName', 'name'),
    deployment: deployment(endpoints[0]),
    models: models.map(model).sort(byText),
    scalableTargets: targets.map((t) => ({ resourceId: field(t, 'resourceId'), dimension: field(t, 'scalableDimension'), min: field(t, 'minCapacity'), max: field(t, 'maxCapacity') })).sort(byText),
    scalingPolicies: policies.map((p) => {
      const tracking = field(p, 'targetTrackingScalingPolicyConfiguration');
      return {
        name: field(p, 'policyName', 'name'),
        type: field(p, 'policyType'),
        target: field(tracking, 'targetValue'),
        metric: field(field(tracking, 'predefinedMetricSpecification'), 'predefinedMetricType') ?? field(field(tracking, 'customizedMetricSpecification'), 'metricName'),
      };
    }).sort(byText),
    alarms: alarms.map((a) => ({ name: field(a, 'alarmName', 'name'), threshold: field(a, 'threshold') })).sort(byText),
    modelQuality: modelQuality(modelQualityJobs, schedules),
  };
}

/** The CloudFormation template's endpoint. */
export function fromCloudFormation(r: RenderedBlueprint): NormalizedEndpoint {
  const all = Object.values(flatten(r.cdk.template.Resources) as Record<string, Json>);
  const ofType = (t: string) => all.filter((x) => x.Type === t).map((x) => x.Properties);
  return normalize(ofType('AWS::SageMaker::EndpointConfig'), ofType('AWS::SageMaker::Endpoint'), ofType('AWS::SageMaker::Model'),
    ofType('AWS::ApplicationAutoScaling::ScalableTarget'), ofType('AWS::ApplicationAutoScaling::ScalingPolicy'), ofType('AWS::CloudWatch::Alarm'),
    ofType('AWS::SageMaker::ModelQualityJobDefinition'), ofType('AWS::SageMaker::MonitoringSchedule'));
}

/** The Terraform JSON's endpoint. */
export function fromTerraform(r: RenderedBlueprint): NormalizedEndpoint {
  const ofType = (t: string): Json[] => Object.values(r.terraform.json.resource?.[t] ?? {});
  return normalize(ofType('aws_sagemaker_endpoint_configuration'), ofType('aws_sagemaker_endpoint'), ofType('aws_sagemaker_model'),
    ofType('aws_appautoscaling_target'), ofType('aws_appautoscaling_policy'), ofType('aws_cloudwatch_metric_alarm'),
    // hashicorp/aws has no model-quality job definition: the cdktf renderer uses awscc's.
    ofType('awscc_sagemaker_model_quality_job_definition'), ofType('aws_sagemaker_monitoring_schedule'));
}

/** The Pulumi program's endpoint (inputs recorded under mocks). */
export function fromPulumi(r: RenderedBlueprint): NormalizedEndpoint {
  const ofType = (t: string) => r.pulumi.resources.filter((x) => x.type === t).map((x) => x.inputs);
  return normalize(ofType('aws:sagemaker/endpointConfiguration:EndpointConfiguration'), ofType('aws:sagemaker/endpoint:Endpoint'), ofType('aws:sagemaker/model:Model'),
    ofType('aws:appautoscaling/target:Target'), ofType('aws:appautoscaling/policy:Policy'), ofType('aws:cloudwatch/metricAlarm:MetricAlarm'),
    // @pulumi/aws has no model-quality job definition: the Pulumi renderer uses aws-native's.
    ofType('aws-native:sagemaker:ModelQualityJobDefinition'), ofType('aws:sagemaker/monitoringSchedule:MonitoringSchedule'));
}
