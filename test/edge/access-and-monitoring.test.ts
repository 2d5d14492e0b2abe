import { coreDeviceIotPolicy, DeviceAccessScope, tokenExchangeRolePolicy, tokenExchangeTrustPolicy } from '../../lib/edge/access';
import { edgeDashboardBody, planEdgeMonitoring, telemetryLogResourcePolicy } from '../../lib/edge/monitoring';

const SCOPE: DeviceAccessScope = {
  partition: 'aws', region: 'eu-west-1', account: '123456789012',
  artifactBucketArn: 'arn:aws:s3:::fleet-artifacts', artifactPrefix: 'greengrass/aimd.SensorAnomaly/',
  kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abcd', thingNamePrefix: 'plant-7-', roleAliasName: 'plant-7-alias',
};

describe('token exchange role', () => {
  test('THEN only the IoT credentials provider can assume it', () => {
    expect(tokenExchangeTrustPolicy().Statement).toEqual([{ Sid: 'IotCredentialsProvider', Effect: 'Allow', Principal: { Service: 'credentials.iot.amazonaws.com' }, Action: ['sts:AssumeRole'] }]);
  });

  test('THEN it reads this component\'s artifacts only, decrypts only through S3, and writes Greengrass logs only', () => {
    const statements = tokenExchangeRolePolicy(SCOPE).Statement;
    expect(statements.map((s) => [s.Sid, s.Action, s.Resource])).toEqual([
      ['ReadComponentArtifacts', ['s3:GetObject'], ['arn:aws:s3:::fleet-artifacts/greengrass/aimd.SensorAnomaly/*']],
      ['LocateArtifactBucket', ['s3:GetBucketLocation'], ['arn:aws:s3:::fleet-artifacts']],
      ['DecryptArtifactsThroughS3', ['kms:Decrypt'], ['arn:aws:kms:eu-west-1:123456789012:key/abcd']],
      ['UploadGreengrassLogs', ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        ['arn:aws:logs:eu-west-1:123456789012:log-group:/aws/greengrass/*', 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/greengrass/*:log-stream:*']],
    ]);
    expect(statements[2]!.Condition).toEqual({ StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } });
    const actions = statements.flatMap((s) => s.Action);
    expect(actions.filter((a) => a.endsWith('*'))).toEqual([]);
    expect(statements.flatMap((s) => s.Resource ?? [])).not.toContain('*');
  });
});

describe('core device IoT policy', () => {
  const statements = coreDeviceIotPolicy(SCOPE).Statement;

  test('THEN devices connect and use jobs, shadows and telemetry topics under their own thing-name prefix only', () => {
    const resources = statements.filter((s) => s.Sid !== 'GreengrassDataPlane').flatMap((s) => s.Resource ?? []);
    expect(resources.every((r) => r.includes('plant-7-') || r.endsWith(':rolealias/plant-7-alias'))).toBe(true);
    expect(statements.find((s) => s.Sid === 'Connect')!.Resource).toEqual(['arn:aws:iot:eu-west-1:123456789012:client/plant-7-*']);
    expect(statements.find((s) => s.Sid === 'SubscribeJobsShadows')!.Resource).toEqual([
      'arn:aws:iot:eu-west-1:123456789012:topicfilter/$aws/things/plant-7-*/jobs/*',
      'arn:aws:iot:eu-west-1:123456789012:topicfilter/$aws/things/plant-7-*/shadow/*',
    ]);
  });

  test('THEN devices may assume exactly this role alias and call only the four core data-plane actions', () => {
    expect(statements.find((s) => s.Sid === 'AssumeTokenExchangeRole')).toMatchObject({ Action: ['iot:AssumeRoleWithCertificate'], Resource: ['arn:aws:iot:eu-west-1:123456789012:rolealias/plant-7-alias'] });
    expect(statements.find((s) => s.Sid === 'GreengrassDataPlane')!.Action).toEqual([
      'greengrass:GetComponentVersionArtifact', 'greengrass:ResolveComponentCandidates', 'greengrass:GetDeploymentConfiguration', 'greengrass:ListThingGroupsForCoreDevice',
    ]);
    expect(statements.flatMap((s) => s.Action)).not.toContain('iot:*');
  });
});

describe('fleet monitoring', () => {
  const plan = planEdgeMonitoring({ name: 'plant-7', region: 'eu-west-1', componentName: 'aimd.SensorAnomaly', thingNamePrefix: 'plant-7-' });

  test('THEN failed device deployments become a metric through an EventBridge rule, and the alarm reads it', () => {
    expect(plan.deploymentFailedRule.eventPattern).toEqual({
      source: ['aws.greengrass'], 'detail-type': ['Greengrass V2 Effective Deployment Status Change'], detail: { coreDeviceExecutionStatus: ['FAILED'] },
    });
    expect(plan.deploymentFailedAlarm).toMatchObject({
      namespace: 'AWS/Events', metricName: 'TriggeredRules', dimensions: { RuleName: 'plant-7-gg-deployment-failed' },
      statistic: 'Sum', threshold: 1, comparisonOperator: 'GreaterThanOrEqualToThreshold', treatMissingData: 'notBreaching',
    });
  });

  test('THEN ERRORED and BROKEN states of this component are caught', () => {
    expect(plan.componentUnhealthyRule.eventPattern).toEqual({
      source: ['aws.greengrass'], 'detail-type': ['Greengrass V2 Installed Component Status Change'],
      detail: { components: { componentName: ['aimd.SensorAnomaly'], lifecycleState: ['ERRORED', 'BROKEN'] } },
    });
  });

  test('THEN telemetry of this fleet\'s devices only goes to a log group EventBridge may write to', () => {
    expect(plan.telemetryRule.eventPattern).toEqual({ source: ['aws.greengrass'], 'detail-type': ['Greengrass Telemetry Data'], detail: { ThingName: [{ prefix: 'plant-7-' }] } });
    expect(plan.telemetryLogGroupName).toBe('/aws/events/plant-7/greengrass-telemetry');
    expect(telemetryLogResourcePolicy(plan, 'aws', 'eu-west-1', '123456789012').Statement).toEqual([expect.objectContaining({
      Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] }, Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/events/plant-7/greengrass-telemetry:*',
    })]);
  });

  test('THEN the dashboard shows both rules, the alarm, the app\'s error log lines and device telemetry', () => {
    const body = edgeDashboardBody(plan, 'eu-west-1', 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:plant-7-gg-deployment-failures') as { widgets: { type: string; properties: Record<string, unknown> }[] };
    expect(body.widgets.map((w) => w.type)).toEqual(['metric', 'alarm', 'log', 'log']);
    expect(body.widgets[3]!.properties.query).toMatch(/^SOURCE '\/aws\/events\/plant-7\/greengrass-telemetry' /);
    expect(JSON.stringify(body.widgets[0]!.properties.metrics)).toContain('plant-7-gg-component-unhealthy');
    expect(body.widgets[2]!.properties.query).toMatch(/^SOURCE '\/aws\/greengrass\/UserComponent\/eu-west-1\/aimd\.SensorAnomaly' .*"level":"error"/);
  });

  test('GIVEN a drift job THEN the dashboard adds the overall drift score and a per-feature search for this fleet', () => {
    const withDrift = planEdgeMonitoring({ name: 'plant-7', region: 'eu-west-1', componentName: 'aimd.SensorAnomaly', thingNamePrefix: 'plant-7-', drift: { metricsNamespace: 'aimd/Drift', alarmPeriodSeconds: 3600 } });
    const body = edgeDashboardBody(withDrift, 'eu-west-1', 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:a') as { widgets: { type: string; properties: Record<string, any> }[] };
    expect(body.widgets.map((w) => w.type)).toEqual(['metric', 'alarm', 'log', 'log', 'metric', 'metric']);
    expect(body.widgets[4]!.properties.metrics[0]).toEqual(['aimd/Drift', 'OverallDriftScore', 'Deployment', 'plant-7', { stat: 'Maximum' }]);
    expect(body.widgets[5]!.properties.metrics[0][0].expression).toBe(`SEARCH('{aimd/Drift,Deployment,Feature} Deployment="plant-7" MetricName="FeatureDriftScore"', 'Maximum', 3600)`);
  });
});
