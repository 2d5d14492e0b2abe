/**
 * The `edge-greengrass` blueprint rendered on CDK, cdktf and Pulumi from one plan: valid under the whole
 * validation harness, the same component versions, deployments, permissions and alarm on every engine,
 * rollout and abort settings present, and the artifacts (and component versions) kept on destroy.
 */
import * as pulumi from '@pulumi/pulumi';
import { edgeGreengrass } from '../../blueprints/edge/edge-greengrass';
import { EDGE_BLUEPRINTS } from '../../blueprints/edge';
import { validateComponentRecipe } from '../../lib/edge/recipe-validator';
import { contextFor } from '../../lib/synth/context';
import { renderBlueprint, RenderedBlueprint } from '../../lib/synth/render-blueprint';
import { capturePulumiProgram, RecordedPulumiResource } from '../../lib/validation/pulumi-mocks';
import { errorsOf, formatFindings } from '../../lib/validation/types';

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; DependsOn?: string[] }>;

const BUCKET = 'the-artifact-bucket';
/** CloudFormation `Fn::Join` / Terraform `${...}` / Pulumi's mock name of the bucket, replaced by one placeholder. */
function cfnString(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map((part) => (typeof part === 'string' ? part : BUCKET)).join(join[0]);
  return BUCKET;
}
const tfString = (value: string) => value.replace(/\$\{aws_s3_bucket\.[^}]+\}/g, BUCKET);
const recipeOf = (json: string) => JSON.parse(json) as { ComponentVersion: string; Manifests: { Artifacts: { URI: string }[] }[] };

describe('edge-greengrass blueprint', () => {
  let rendered: RenderedBlueprint;
  let cdk: Resources;
  let tf: Record<string, Record<string, Record<string, any>>>;
  let pulumiResources: readonly RecordedPulumiResource[];
  const retainedInPulumi = new Set<string>();

  beforeAll(async () => {
    rendered = await renderBlueprint(edgeGreengrass);
    cdk = rendered.cdk.template.Resources as Resources;
    tf = rendered.terraform.json.resource;
    pulumiResources = rendered.pulumi.resources;
    // The mocks do not record resource options: watch the registrations for retainOnDelete.
    const context = contextFor(edgeGreengrass);
    await capturePulumiProgram(() => {
      const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: any, cb: unknown): unknown };
      const register = monitor.registerResource.bind(monitor);
      monitor.registerResource = (req, cb) => {
        if (req.getRetainondelete()) retainedInPulumi.add(`${req.getType()}::${req.getName()}`);
        return register(req, cb);
      };
      return edgeGreengrass.renderPulumi(context);
    }, { stack: 'edge-greengrass' });
  });

  const ofType = (type: string) => Object.entries(cdk).filter(([, r]) => r.Type === type);
  const pulumiOfType = (type: string) => pulumiResources.filter((r) => r.type === type);

  test('THEN it is registered and renders on all three engines with zero error findings', () => {
    expect(EDGE_BLUEPRINTS).toContain(edgeGreengrass);
    expect(formatFindings(errorsOf(rendered.findings))).toBe('');
    expect(rendered.kubernetes).toEqual([]);
  });

  describe('component versions', () => {
    test('THEN each engine publishes 1.0.0 and 1.1.0 with the same valid recipe', () => {
      const fromCdk = ofType('AWS::GreengrassV2::ComponentVersion').map(([, r]) => cfnString(r.Properties.InlineRecipe));
      const fromTf = Object.values(tf.awscc_greengrassv2_component_version!).map((r) => tfString(r.inline_recipe));
      const fromPulumi = pulumiOfType('aws-native:greengrassv2:ComponentVersion').map((r) => (r.inputs.inlineRecipe as string).replace(/edge-greengrass-storage-artifacts/g, BUCKET));
      expect(fromCdk.map((r) => recipeOf(r).ComponentVersion)).toEqual(['1.0.0', '1.1.0']);
      expect(fromTf).toEqual(fromCdk);
      expect(fromPulumi).toEqual(fromCdk);
      for (const recipe of fromCdk) {
        expect(validateComponentRecipe(JSON.parse(recipe), { requiredPlatforms: ['linux/x86_64', 'linux/aarch64'] })).toEqual([]);
        expect(recipeOf(recipe).Manifests[0]!.Artifacts.map((a) => a.URI)).toEqual([
          expect.stringMatching(new RegExp(`^s3://${BUCKET}/greengrass/aimd\\.edge\\.SensorAnomaly/${recipeOf(recipe).ComponentVersion.replace(/\./g, '\\.')}/[0-9a-f]{16}/edge-inference-app\\.zip$`)),
          expect.stringMatching(/\/model\.onnx$/),
        ]);
      }
    });

    test('THEN the two releases ship different models under different keys', () => {
      const uris = ofType('AWS::GreengrassV2::ComponentVersion').map(([, r]) => recipeOf(cfnString(r.Properties.InlineRecipe)).Manifests[0]!.Artifacts[1]!.URI);
      expect(new Set(uris).size).toBe(2);
    });

    test('THEN artifacts are uploaded before each version is created (Greengrass hashes them at creation)', () => {
      for (const [, version] of ofType('AWS::GreengrassV2::ComponentVersion')) {
        expect(version.DependsOn!.some((id) => cdk[id]?.Type === 'Custom::CDKBucketDeployment')).toBe(true);
      }
      for (const version of Object.values(tf.awscc_greengrassv2_component_version!)) {
        expect(version.depends_on).toEqual([expect.stringMatching(/^aws_s3_object\..*app-zip/), expect.stringMatching(/^aws_s3_object\..*model-onnx/)]);
      }
      for (const version of pulumiOfType('aws-native:greengrassv2:ComponentVersion')) {
        expect(version.dependencies.filter((urn) => urn.includes('BucketObjectv2'))).toHaveLength(2);
      }
    });

    test('THEN published versions survive a destroy on every engine (they are rollback targets)', () => {
      expect(ofType('AWS::GreengrassV2::ComponentVersion').map(([, r]) => r.DeletionPolicy)).toEqual(['Retain', 'Retain']);
      expect(ofType('Custom::CDKBucketDeployment').map(([, r]) => r.Properties.RetainOnDelete)).toEqual([true, true]);
      expect(Object.values(tf.awscc_greengrassv2_component_version!).map((r) => r.lifecycle)).toEqual([{ prevent_destroy: true }, { prevent_destroy: true }]);
      expect(Object.values(tf.aws_s3_object!).every((r) => r.lifecycle.prevent_destroy === true)).toBe(true);
      for (const r of [...pulumiOfType('aws-native:greengrassv2:ComponentVersion'), ...pulumiOfType('aws:s3/bucketObjectv2:BucketObjectv2')]) {
        expect(retainedInPulumi).toContain(`${r.type}::${r.name}`);
      }
    });
  });

  describe('artifact bucket', () => {
    test('THEN CDK: versioned, KMS, private, access-logged and retained', () => {
      const [[, bucket]] = ofType('AWS::S3::Bucket').filter(([, r]) => r.Properties.BucketEncryption?.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm === 'aws:kms') as [string, Resources[string]][];
      expect(bucket!.DeletionPolicy).toBe('Retain');
      expect(bucket!.Properties).toMatchObject({
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LoggingConfiguration: { LogFilePrefix: 'greengrass-artifacts/' },
      });
    });

    test('THEN Terraform: prevent_destroy, versioning and SSE-KMS', () => {
      const buckets = Object.values(tf.aws_s3_bucket!);
      expect(buckets.every((b) => b.lifecycle.prevent_destroy === true)).toBe(true);
      expect(Object.values(tf.aws_s3_bucket_versioning!).map((v) => v.versioning_configuration.status)).toEqual(['Enabled', 'Enabled']);
      expect(JSON.stringify(tf.aws_s3_bucket_server_side_encryption_configuration)).toContain('"sse_algorithm":"aws:kms"');
    });

    test('THEN Pulumi: retainOnDelete on both buckets, versioning and SSE-KMS', () => {
      for (const bucket of pulumiOfType('aws:s3/bucket:Bucket')) expect(retainedInPulumi).toContain(`${bucket.type}::${bucket.name}`);
      expect(pulumiOfType('aws:s3/bucketVersioning:BucketVersioning')).toHaveLength(2);
      expect(JSON.stringify(pulumiOfType('aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration'))).toContain('"sseAlgorithm":"aws:kms"');
    });
  });

  describe('deployments', () => {
    const cdkDeployments = () => Object.fromEntries(ofType('AWS::GreengrassV2::Deployment').map(([, r]) => [r.Properties.DeploymentName, r.Properties]));

    test('THEN the fleet group runs 1.0.0 with an exponential rollout, abort criteria, a timeout and device rollback', () => {
      const fleet = cdkDeployments()['edge-greengrass-fleet'];
      expect(cfnString(fleet.TargetArn)).toMatch(/:thinggroup\/edge-greengrass-sensors$/);
      expect(fleet.Components['aimd.edge.SensorAnomaly']).toEqual({ ComponentVersion: '1.0.0' });
      expect(fleet.DeploymentPolicies.FailureHandlingPolicy).toBe('ROLLBACK');
      expect(fleet.IotJobConfiguration).toEqual({
        JobExecutionsRolloutConfig: { ExponentialRate: { BaseRatePerMinute: 5, IncrementFactor: 2, RateIncreaseCriteria: { NumberOfSucceededThings: 10 } }, MaximumPerMinute: 50 },
        AbortConfig: { CriteriaList: [
          { Action: 'CANCEL', FailureType: 'FAILED', ThresholdPercentage: 10, MinNumberOfExecutedThings: 10 },
          { Action: 'CANCEL', FailureType: 'TIMED_OUT', ThresholdPercentage: 20, MinNumberOfExecutedThings: 10 },
        ] },
        TimeoutConfig: { InProgressTimeoutInMinutes: 60 },
      });
    });

    test('THEN the canary group runs the staged 1.1.0 and cancels on its first failed device', () => {
      const canary = cdkDeployments()['edge-greengrass-canary'];
      expect(cfnString(canary.TargetArn)).toMatch(/:thinggroup\/edge-greengrass-sensors-canary$/);
      expect(canary.Components['aimd.edge.SensorAnomaly']).toEqual({ ComponentVersion: '1.1.0' });
      expect(canary.IotJobConfiguration.AbortConfig.CriteriaList).toEqual([{ Action: 'CANCEL', FailureType: 'FAILED', ThresholdPercentage: 1, MinNumberOfExecutedThings: 1 }]);
    });

    test('THEN cdktf (awscc) and Pulumi (aws-native) deploy exactly the same settings', () => {
      const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
      const camel = (value: unknown, keepKeys = false): unknown => {
        if (Array.isArray(value)) return value.map((v) => camel(v));
        if (value === null || typeof value !== 'object') return value;
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [keepKeys ? k : lower(k), camel(v, k === 'Components' || k === 'components')]));
      };
      const snakeToCamel = (value: unknown, keepKeys = false): unknown => {
        if (Array.isArray(value)) return value.map((v) => snakeToCamel(v));
        if (value === null || typeof value !== 'object') return value;
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [keepKeys ? k : k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), snakeToCamel(v, k === 'components')]));
      };
      const essentials = (d: Record<string, any>) => ({ name: d.deploymentName, components: d.components, policies: d.deploymentPolicies, job: d.iotJobConfiguration });
      const fromCdk = Object.values(cdkDeployments()).map((d) => essentials(camel(d) as Record<string, any>));
      const fromTf = Object.values(tf.awscc_greengrassv2_deployment!).map((d) => essentials(snakeToCamel(d) as Record<string, any>));
      const fromPulumi = pulumiOfType('aws-native:greengrassv2:Deployment').map((d) => essentials(d.inputs));
      const byName = (list: ReturnType<typeof essentials>[]) => [...list].sort((a, b) => String(a.name).localeCompare(String(b.name)));
      expect(byName(fromTf)).toEqual(byName(fromCdk));
      expect(byName(fromPulumi)).toEqual(byName(fromCdk));
    });

    test('THEN each deployment waits for its thing group, both component versions and the role alias', () => {
      for (const [, d] of ofType('AWS::GreengrassV2::Deployment')) {
        const types = d.DependsOn!.map((id) => cdk[id]!.Type);
        expect(types).toEqual(expect.arrayContaining(['AWS::IoT::ThingGroup', 'AWS::GreengrassV2::ComponentVersion', 'AWS::IoT::RoleAlias']));
      }
    });
  });

  describe('device access', () => {
    test('THEN the token exchange role trusts only the IoT credentials provider and the role alias points at it', () => {
      const [[roleId, role]] = ofType('AWS::IAM::Role').filter(([, r]) => r.Properties.RoleName === 'edge-greengrass-gg-token-exchange') as [string, Resources[string]][];
      expect(role!.Properties.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({ Principal: { Service: 'credentials.iot.amazonaws.com' }, Action: 'sts:AssumeRole' })]);
      const [[, alias]] = ofType('AWS::IoT::RoleAlias');
      expect(alias!.Properties).toMatchObject({ RoleAlias: 'edge-greengrass-gg-token-exchange-alias', RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] }, CredentialDurationSeconds: 3600 });
    });

    test('THEN every engine attaches the same least-privilege statements to the role and the core device policy', () => {
      const sids = (doc: { Statement: { Sid: string }[] }) => doc.Statement.map((s) => s.Sid);
      const cdkRole = ofType('AWS::IAM::Role').find(([, r]) => r.Properties.RoleName === 'edge-greengrass-gg-token-exchange')![1];
      const tfPolicy = JSON.parse(Object.values(tf.aws_iam_role_policy!).find((p) => p.name === 'DeviceAccess')!.policy);
      const pulumiPolicy = JSON.parse(pulumiOfType('aws:iam/rolePolicy:RolePolicy').find((p) => p.inputs.name === 'DeviceAccess')!.inputs.policy as string);
      const expected = ['ReadComponentArtifacts', 'LocateArtifactBucket', 'DecryptArtifactsThroughS3', 'UploadGreengrassLogs'];
      expect(sids(cdkRole.Properties.Policies[0].PolicyDocument)).toEqual(expected);
      expect(sids(tfPolicy)).toEqual(expected);
      expect(sids(pulumiPolicy)).toEqual(expected);
      const iotSids = ['Connect', 'JobsShadowsTelemetry', 'SubscribeJobsShadows', 'OwnShadow', 'AssumeTokenExchangeRole', 'GreengrassDataPlane', 'PublishCaptureRecords'];
      expect(sids(ofType('AWS::IoT::Policy')[0]![1].Properties.PolicyDocument)).toEqual(iotSids);
      expect(sids(JSON.parse(Object.values(tf.aws_iot_policy!)[0]!.policy))).toEqual(iotSids);
      expect(sids(JSON.parse(pulumiOfType('aws:iot/policy:Policy')[0]!.inputs.policy as string))).toEqual(iotSids);
    });
  });

  describe('monitoring', () => {
    test('THEN an EventBridge rule turns failed device deployments into the metric the alarm watches, on every engine', () => {
      const [[, rule]] = ofType('AWS::Events::Rule').filter(([, r]) => r.Properties.Name === 'edge-greengrass-gg-deployment-failed');
      expect(rule!.Properties.EventPattern).toEqual({ source: ['aws.greengrass'], 'detail-type': ['Greengrass V2 Effective Deployment Status Change'], detail: { coreDeviceExecutionStatus: ['FAILED'] } });
      const [[, alarm]] = ofType('AWS::CloudWatch::Alarm').filter(([, a]) => a.Properties.Namespace === 'AWS/Events');
      expect(alarm!.Properties).toMatchObject({
        Namespace: 'AWS/Events', MetricName: 'TriggeredRules', Dimensions: [{ Name: 'RuleName', Value: 'edge-greengrass-gg-deployment-failed' }],
        Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching',
      });
      expect(Object.values(tf.aws_cloudwatch_metric_alarm!).find((a) => a.namespace === 'AWS/Events')).toMatchObject({ namespace: 'AWS/Events', metric_name: 'TriggeredRules', dimensions: { RuleName: 'edge-greengrass-gg-deployment-failed' } });
      expect(pulumiOfType('aws:cloudwatch/metricAlarm:MetricAlarm').find((a) => a.inputs.namespace === 'AWS/Events')!.inputs).toMatchObject({ namespace: 'AWS/Events', metricName: 'TriggeredRules', dimensions: { RuleName: 'edge-greengrass-gg-deployment-failed' } });
      const tfRule = Object.values(tf.aws_cloudwatch_event_rule!).find((r) => r.name === 'edge-greengrass-gg-deployment-failed')!;
      expect(JSON.parse(tfRule.event_pattern)).toEqual(rule!.Properties.EventPattern);
    });

    test('THEN device telemetry of the fleet goes to its own encrypted log group on every engine', () => {
      const group = '/aws/events/edge-greengrass/greengrass-telemetry';
      const [[, rule]] = ofType('AWS::Events::Rule').filter(([, r]) => r.Properties.Name === 'edge-greengrass-gg-telemetry');
      expect(rule!.Properties.EventPattern.detail).toEqual({ ThingName: [{ prefix: 'edge-greengrass-' }] });
      expect(cfnString(rule!.Properties.Targets[0].Arn)).toMatch(new RegExp(`:log-group:${group}$`));
      expect(ofType('AWS::Logs::LogGroup').map(([, r]) => r.Properties.LogGroupName)).toContain(group);
      expect(ofType('AWS::Logs::ResourcePolicy')).toHaveLength(1);
      expect(Object.values(tf.aws_cloudwatch_event_target!).map((t) => t.arn)).toContainEqual(expect.stringMatching(new RegExp(`:log-group:${group}$`)));
      expect(Object.values(tf.aws_cloudwatch_log_resource_policy!)).toHaveLength(1);
      expect(pulumiOfType('aws:cloudwatch/eventTarget:EventTarget').map((t) => t.inputs.arn)).toContainEqual(expect.stringMatching(new RegExp(`:log-group:${group}$`)));
      expect(pulumiOfType('aws:cloudwatch/logResourcePolicy:LogResourcePolicy')).toHaveLength(1);
    });

    test('THEN the dashboard and the encrypted component log group exist on every engine', () => {
      expect(ofType('AWS::CloudWatch::Dashboard')).toHaveLength(1);
      expect(Object.keys(tf.aws_cloudwatch_dashboard!)).toHaveLength(1);
      expect(pulumiOfType('aws:cloudwatch/dashboard:Dashboard')).toHaveLength(1);
      const [[, group]] = ofType('AWS::Logs::LogGroup').filter(([, r]) => r.Properties.LogGroupName.startsWith('/aws/greengrass/'));
      expect(group!.Properties).toMatchObject({ LogGroupName: '/aws/greengrass/UserComponent/eu-west-1/aimd.edge.SensorAnomaly', RetentionInDays: 30, KmsKeyId: expect.anything() });
    });
  });

  describe('request capture', () => {
    const TOPIC = 'aimd/edge-greengrass/capture';
    test('THEN each device publishes a sample to its own IoT Core topic, allowed by the recipe and the IoT policy only there', () => {
      const recipe = JSON.parse(tfString(Object.values(tf.awscc_greengrassv2_component_version!)[0]!.inline_recipe));
      expect(recipe.Manifests[0].Lifecycle.Run.Script).toContain(`--capture-topic "${TOPIC}/{iot:thingName}" --capture-percent "{configuration:/capture/samplingPercent}"`);
      expect(recipe.ComponentConfiguration.DefaultConfiguration.capture).toEqual({ samplingPercent: '10' });
      expect(recipe.ComponentConfiguration.DefaultConfiguration.accessControl['aws.greengrass.ipc.mqttproxy']).toEqual({
        'aimd.edge.SensorAnomaly:mqttproxy:1': expect.objectContaining({ operations: ['aws.greengrass#PublishToIoTCore'], resources: [`${TOPIC}/+`] }),
      });
      const publish = JSON.parse(Object.values(tf.aws_iot_policy!)[0]!.policy).Statement.find((s: { Sid: string }) => s.Sid === 'PublishCaptureRecords');
      expect(publish.Resource).toEqual([expect.stringMatching(new RegExp(`:topic/${TOPIC}/edge-greengrass-\\*$`))]);
    });

    test('THEN an IoT rule hands the records to a KMS-encrypted Firehose stream writing JSON Lines under capture/, on every engine', () => {
      const [[, rule]] = ofType('AWS::IoT::TopicRule');
      expect(rule!.Properties.TopicRulePayload).toMatchObject({ Sql: `SELECT * FROM '${TOPIC}/+'`, AwsIotSqlVersion: '2016-03-23', Actions: [{ Firehose: expect.objectContaining({ Separator: '\n' }) }] });
      const [[, stream]] = ofType('AWS::KinesisFirehose::DeliveryStream');
      expect(stream!.Properties.DeliveryStreamEncryptionConfigurationInput).toMatchObject({ KeyType: 'CUSTOMER_MANAGED_CMK' });
      expect(stream!.Properties.ExtendedS3DestinationConfiguration).toMatchObject({ Prefix: expect.stringMatching(/^capture\//), EncryptionConfiguration: { KMSEncryptionConfig: expect.anything() } });
      const tfStream = Object.values(tf.aws_kinesis_firehose_delivery_stream!)[0]!;
      expect(tfStream).toMatchObject({ destination: 'extended_s3', server_side_encryption: { enabled: true, key_type: 'CUSTOMER_MANAGED_CMK' }, extended_s3_configuration: { prefix: expect.stringMatching(/^capture\//) } });
      expect(Object.values(tf.aws_iot_topic_rule!)[0]).toMatchObject({ sql: `SELECT * FROM '${TOPIC}/+'`, firehose: [expect.objectContaining({ separator: '\n' })] });
      expect(pulumiOfType('aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream')[0]!.inputs).toMatchObject({ destination: 'extended_s3', serverSideEncryption: { keyType: 'CUSTOMER_MANAGED_CMK' } });
      expect(pulumiOfType('aws:iot/topicRule:TopicRule')[0]!.inputs).toMatchObject({ sql: `SELECT * FROM '${TOPIC}/+'` });
    });

    test('THEN captured objects expire and a stalled delivery alarms the fleet topic, on every engine', () => {
      const [[, bucket]] = ofType('AWS::S3::Bucket').filter(([, b]) => b.Properties.LifecycleConfiguration?.Rules?.some((r: { Id: string }) => r.Id === 'expire-edge-capture'));
      expect(bucket!.Properties.LifecycleConfiguration.Rules).toContainEqual(expect.objectContaining({ Id: 'expire-edge-capture', Prefix: 'capture/', ExpirationInDays: 90 }));
      const tfLifecycle = Object.values(tf.aws_s3_bucket_lifecycle_configuration!).flatMap((l) => l.rule as { id: string }[]);
      expect(tfLifecycle.map((r) => r.id)).toEqual(expect.arrayContaining(['expire-edge-capture', 'expire-edge-capture-errors']));
      const stalled = ofType('AWS::CloudWatch::Alarm').find(([, a]) => a.Properties.Namespace === 'AWS/Firehose')![1];
      expect(stalled.Properties).toMatchObject({ MetricName: 'DeliveryToS3.DataFreshness', AlarmActions: [expect.anything()] });
      expect(Object.values(tf.aws_cloudwatch_metric_alarm!).find((a) => a.namespace === 'AWS/Firehose')).toMatchObject({ alarm_actions: [expect.any(String)] });
      expect(pulumiOfType('aws:cloudwatch/metricAlarm:MetricAlarm').find((a) => a.inputs.namespace === 'AWS/Firehose')!.inputs.alarmActions).toHaveLength(1);
    });
  });

  describe('drift detection', () => {
    const FUNCTION = 'edge-greengrass-drift';
    const EDGE_JOB_SIDS = ['WriteOwnLogs', 'ListCapturedHours', 'ReadCapturedRequests', 'ReadBaselineProfile', 'DecryptWithDeploymentKey', 'PublishDriftMetrics'];
    const environment = { DRIFT_DEPLOYMENT: 'edge-greengrass', DRIFT_CAPTURE_URI: `s3://${BUCKET}/capture/`, DRIFT_BASELINE_URI: `s3://${BUCKET}/baseline/profile.json`, DRIFT_WINDOW_HOURS: '24', DRIFT_METRICS_NAMESPACE: 'aimd/Drift' };
    const mapValues = (o: Record<string, unknown>, f: (v: unknown) => string) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
    const statementsOf = (doc: { Statement: { Sid: string }[] }) => doc.Statement;
    /** The cdktf policy is a `jsonencode(...)` expression: read its statements' text, one per Sid. */
    const tfPolicyTextWith = (sid: string) => Object.values(tf.aws_iam_role_policy!).map((p) => String(p.policy)).find((text) => text.includes(`"${sid}"`))!;
    const pulumiPolicyWith = (sid: string) => pulumiOfType('aws:iam/rolePolicy:RolePolicy').map((p) => JSON.parse(p.inputs.policy as string)).find((d) => d.Statement.some((x: { Sid: string }) => x.Sid === sid));

    test('THEN every engine runs the drift bundle hourly outside any VPC, over capture/ of the fleet bucket against baseline/profile.json', () => {
      const [[, fn]] = ofType('AWS::Lambda::Function').filter(([, f]) => f.Properties.FunctionName === FUNCTION);
      expect(fn!.Properties.VpcConfig).toBeUndefined();
      expect(fn!.Properties).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs22.x', ReservedConcurrentExecutions: 1, KmsKeyArn: expect.anything() });
      expect(mapValues(fn!.Properties.Environment.Variables, cfnString)).toMatchObject(environment);
      const [[, rule]] = ofType('AWS::Events::Rule').filter(([, r]) => r.Properties.Name === 'edge-greengrass-drift-schedule');
      expect(rule!.Properties.ScheduleExpression).toBe('rate(1 hour)');
      const tfFn = Object.values(tf.aws_lambda_function!).find((f) => f.function_name === FUNCTION)!;
      expect(tfFn.vpc_config).toBeUndefined();
      expect(mapValues(tfFn.environment.variables, (v) => tfString(v as string))).toMatchObject(environment);
      expect(Object.values(tf.aws_cloudwatch_event_rule!).find((r) => r.name === 'edge-greengrass-drift-schedule')!.schedule_expression).toBe('rate(1 hour)');
      const pulumiFn = pulumiOfType('aws:lambda/function:Function').find((f) => f.inputs.name === FUNCTION)!;
      expect(pulumiFn.inputs.vpcConfig).toBeUndefined();
      expect(mapValues((pulumiFn.inputs.environment as { variables: Record<string, unknown> }).variables, (v) => String(v).replace(/edge-greengrass-storage-artifacts/g, BUCKET))).toMatchObject(environment);
      expect(pulumiOfType('aws:cloudwatch/eventRule:EventRule').find((r) => r.inputs.name === 'edge-greengrass-drift-schedule')!.inputs.scheduleExpression).toBe('rate(1 hour)');
    });

    test('THEN its log group keeps the fleet retention, encrypted with the fleet key, whose policy lets CloudWatch Logs use it there', () => {
      const group = `/aws/lambda/${FUNCTION}`;
      expect(ofType('AWS::Logs::LogGroup').find(([, g]) => g.Properties.LogGroupName === group)![1].Properties).toMatchObject({ RetentionInDays: 30, KmsKeyId: expect.anything() });
      expect(Object.values(tf.aws_cloudwatch_log_group!).find((g) => g.name === group)).toMatchObject({ retention_in_days: 30, kms_key_id: expect.any(String) });
      expect(pulumiOfType('aws:cloudwatch/logGroup:LogGroup').find((g) => g.inputs.name === group)!.inputs).toMatchObject({ retentionInDays: 30, kmsKeyId: expect.anything() });
      const [[, key]] = ofType('AWS::KMS::Key');
      const logsStatement = key!.Properties.KeyPolicy.Statement.find((x: { Sid?: string }) => x.Sid === 'CloudWatchLogsEncryptFleetLogs');
      expect(JSON.stringify(logsStatement.Condition)).toContain(`:log-group:${group}`);
    });

    test('THEN its role reads only capture/ and the baseline object, and decrypts only through S3, on every engine', () => {
      const cdkRole = ofType('AWS::IAM::Role').find(([, r]) => r.Properties.Description === 'Drift job of edge-greengrass')![1];
      const cdkDoc = cdkRole.Properties.Policies?.[0]?.PolicyDocument ?? ofType('AWS::IAM::Policy').find(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes('ReadBaselineProfile'))![1].Properties.PolicyDocument;
      const tfText = tfPolicyTextWith('ReadBaselineProfile');
      expect([...tfText.matchAll(/"Sid"\s*[:=]\s*"(\w+)"/g)].map((m) => m[1])).toEqual(EDGE_JOB_SIDS);
      expect(tfText).toMatch(/"kms:ViaService"\s*[:=]\s*"s3\.eu-west-1\.amazonaws\.com"/);
      expect(tfText).toMatch(/\/capture\/\*"/);
      expect(tfText).not.toContain('ec2:');
      for (const doc of [cdkDoc, pulumiPolicyWith('ReadBaselineProfile')]) {
        const statements = statementsOf(doc) as { Sid: string; Resource: unknown; Condition?: unknown }[];
        expect(statements.map((x) => x.Sid)).toEqual(EDGE_JOB_SIDS);
        const resource = (sid: string) => JSON.stringify(statements.find((x) => x.Sid === sid)!.Resource);
        expect(resource('ReadCapturedRequests')).toMatch(/\/capture\/\*"/);
        expect(resource('ReadBaselineProfile')).toMatch(/\/baseline\/profile\.json"/);
        expect(statements.find((x) => x.Sid === 'DecryptWithDeploymentKey')!.Condition).toEqual({ StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } });
        expect(statements.find((x) => x.Sid === 'ListCapturedHours')!.Condition).toEqual({ StringLike: { 's3:prefix': ['capture/*'] } });
      }
    });

    test('THEN the drift score and failed runs alarm the fleet topic on every engine', () => {
      const cdkAlarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties).filter((a) => a.AlarmName === 'edge-greengrass-drift' || a.AlarmName === 'edge-greengrass-drift-job-errors');
      expect(cdkAlarms.map((a) => [a.Namespace, a.MetricName, a.Threshold])).toEqual([['aimd/Drift', 'OverallDriftScore', 0.25], ['AWS/Lambda', 'Errors', 0]]);
      for (const a of cdkAlarms) expect(a).toMatchObject({ AlarmActions: [expect.anything()], OKActions: [expect.anything()], Period: 3600 });
      const stalled = ofType('AWS::CloudWatch::Alarm').find(([, a]) => a.Properties.Namespace === 'AWS/Firehose')![1];
      expect(cdkAlarms[0]!.AlarmActions).toEqual(stalled.Properties.AlarmActions);
      const tfAlarms = Object.values(tf.aws_cloudwatch_metric_alarm!).filter((a) => String(a.alarm_name).startsWith('edge-greengrass-drift'));
      expect(tfAlarms.map((a) => [a.namespace, a.metric_name, a.threshold, a.alarm_actions])).toEqual([
        ['aimd/Drift', 'OverallDriftScore', 0.25, [expect.stringMatching(/^\$\{aws_sns_topic\./)]], ['AWS/Lambda', 'Errors', 0, [expect.stringMatching(/^\$\{aws_sns_topic\./)]],
      ]);
      const pulumiAlarms = pulumiOfType('aws:cloudwatch/metricAlarm:MetricAlarm').filter((a) => String(a.inputs.name).startsWith('edge-greengrass-drift'));
      expect(pulumiAlarms.map((a) => [a.inputs.namespace, a.inputs.metricName, a.inputs.threshold, (a.inputs.alarmActions as unknown[]).length])).toEqual([['aimd/Drift', 'OverallDriftScore', 0.25, 1], ['AWS/Lambda', 'Errors', 0, 1]]);
      expect(pulumiAlarms[1]!.inputs.alarmDescription).toContain('s3://edge-greengrass-storage-artifacts/baseline/profile.json');
    });

    test('THEN the fleet dashboard shows the drift scores on every engine', () => {
      const search = 'Deployment=\\"edge-greengrass\\" MetricName=\\"FeatureDriftScore\\"';
      expect(JSON.stringify(ofType('AWS::CloudWatch::Dashboard')[0]![1].Properties.DashboardBody)).toContain('OverallDriftScore');
      expect(Object.values(tf.aws_cloudwatch_dashboard!)[0]!.dashboard_body).toContain(search);
      expect(pulumiOfType('aws:cloudwatch/dashboard:Dashboard')[0]!.inputs.dashboardBody).toContain(search);
    });
  });

  test('THEN Terraform declares the awscc provider beside hashicorp/aws, in the blueprint region', () => {
    const json = rendered.terraform.json;
    expect(json.terraform.required_providers.awscc).toEqual({ source: 'hashicorp/awscc', version: '~> 1.0' });
    expect(json.provider.awscc).toEqual([{ region: 'eu-west-1' }]);
    expect(Object.values(tf.awscc_greengrassv2_deployment!).every((d) => d.provider === 'awscc')).toBe(true);
  });
});
