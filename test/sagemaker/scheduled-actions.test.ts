/**
 * Scheduled capacity on SageMaker (issue 15): `scaling.offHours` becomes two Application Auto Scaling scheduled
 * actions per production variant, lowering MinCapacity at the window's start and restoring it at its end, in the
 * spec's time zone; each engine renders the same two actions (one small synth per engine).
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { SagemakerEndpoint } from '@cdktf/provider-aws/lib/sagemaker-endpoint';
import { Testing } from 'cdktf';
import { SageMakerEndpointAutoscaling as CdkAutoscaling } from '../../constructs/cdk/sagemaker/endpoint-autoscaling';
import { SageMakerEndpointAutoscaling as TerraformAutoscaling } from '../../constructs/terraform/sagemaker/endpoint-autoscaling';
import { endpointAutoscaling as pulumiAutoscaling } from '../../constructs/pulumi/sagemaker/endpoint-autoscaling';
import { describeSageMakerEndpoint } from '../../lib/sagemaker/describe-endpoint';
import { offHoursScheduledActions } from '../../lib/sagemaker/scheduled-actions';
import { capturePulumiProgram } from '../../lib/validation/pulumi-mocks';
import { planFor } from './support/plans';

const WINDOW = { timezone: 'Europe/Berlin', start: '0 20 * * MON-FRI', end: '0 7 * * 1-5' };

describe('offHoursScheduledActions (pure)', () => {
  test('GIVEN a window below the floor THEN one action lowers MinCapacity at start and one restores it at end, in the time zone', () => {
    const actions = offHoursScheduledActions('tabular-primary', { ...WINDOW, minReplicas: 1 }, { minCapacity: 3, maxCapacity: 6 });
    expect(actions).toEqual([
      { name: 'tabular-primary-off-hours', edge: 'off-hours', schedule: 'cron(0 20 ? * MON-FRI *)', timezone: 'Europe/Berlin', minCapacity: 1, maxCapacity: 6 },
      { name: 'tabular-primary-working-hours', edge: 'working-hours', schedule: 'cron(0 7 ? * 2-6 *)', timezone: 'Europe/Berlin', minCapacity: 3, maxCapacity: 6 },
    ]);
  });

  test('GIVEN no window, or a floor that is not lower THEN there is no action', () => {
    expect(offHoursScheduledActions('x', undefined, { minCapacity: 2, maxCapacity: 4 })).toEqual([]);
    expect(offHoursScheduledActions('x', { ...WINDOW, minReplicas: 2 }, { minCapacity: 2, maxCapacity: 4 })).toEqual([]);
  });
});

describe('GIVEN a real-time endpoint with minReplicas 2 and an off-hours floor of 1', () => {
  const description = describeSageMakerEndpoint(planFor('realtime', { scaling: { minReplicas: 2, offHours: { ...WINDOW, minReplicas: 1 } } }));
  const scaling = description.autoscaling;

  test('THEN the production variant carries both scheduled actions and keeps its working-hours floor', () => {
    expect(scaling).toHaveLength(1);
    expect(scaling[0]).toMatchObject({ minCapacity: 2 });
    expect(scaling[0]!.scheduledActions!.map((a) => [a.schedule, a.minCapacity])).toEqual([['cron(0 20 ? * MON-FRI *)', 1], ['cron(0 7 ? * 2-6 *)', 2]]);
    expect(scaling[0]!.wakeFromZero).toBeUndefined();
  });

  test('WHEN rendered by CDK THEN the ScalableTarget lists both ScheduledActions with Timezone', () => {
    // The built-in template validation (about 9 s of CPU) is left to aimd synth, as in every render test.
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Test');
    const endpoint = new CfnResource(stack, 'Endpoint', { type: 'AWS::SageMaker::Endpoint', properties: { EndpointConfigName: 'tabular' } });
    new CdkAutoscaling(stack, 'Scaling', { endpointName: 'tabular', scaling, alarms: new Map(), endpoint });
    const targets = Object.values(Template.fromStack(stack).findResources('AWS::ApplicationAutoScaling::ScalableTarget')) as any[];
    expect(targets[0].Properties.ScheduledActions).toEqual([
      { ScheduledActionName: 'tabular-primary-off-hours', Schedule: 'cron(0 20 ? * MON-FRI *)', Timezone: 'Europe/Berlin', ScalableTargetAction: { MinCapacity: 1, MaxCapacity: targets[0].Properties.MaxCapacity } },
      { ScheduledActionName: 'tabular-primary-working-hours', Schedule: 'cron(0 7 ? * 2-6 *)', Timezone: 'Europe/Berlin', ScalableTargetAction: { MinCapacity: 2, MaxCapacity: targets[0].Properties.MaxCapacity } },
    ]);
  });

  test('WHEN rendered by cdktf THEN two aws_appautoscaling_scheduled_action resources target the variant, one after the other', () => {
    const json = JSON.parse(Testing.synthScope((scope) => {
      const endpoint = new SagemakerEndpoint(scope, 'endpoint', { endpointConfigName: 'tabular' });
      new TerraformAutoscaling(scope, 'scaling', { endpointName: 'tabular', scaling, alarms: new Map(), endpoint });
    }));
    const actions = Object.values(json.resource.aws_appautoscaling_scheduled_action) as any[];
    expect(actions.map((a) => [a.name, a.schedule, a.timezone, a.scalable_target_action.min_capacity])).toEqual([
      ['tabular-primary-off-hours', 'cron(0 20 ? * MON-FRI *)', 'Europe/Berlin', '1'],
      ['tabular-primary-working-hours', 'cron(0 7 ? * 2-6 *)', 'Europe/Berlin', '2'],
    ]);
    expect(actions[1].depends_on).toEqual([expect.stringContaining('aws_appautoscaling_scheduled_action.')]);
  });

  test('WHEN rendered by Pulumi THEN two aws.appautoscaling.ScheduledAction resources carry the same schedules', async () => {
    const resources = await capturePulumiProgram(() => {
      const parent = new pulumi.ComponentResource('aimd:test:Endpoint', 'tabular');
      const endpoint = new aws.sagemaker.Endpoint('tabular', { endpointConfigName: 'tabular' }, { parent });
      pulumiAutoscaling('tabular', 'tabular', scaling, description.alarms, endpoint, parent);
    });
    const actions = resources.filter((r) => r.type === 'aws:appautoscaling/scheduledAction:ScheduledAction');
    expect(actions.map((a) => [a.inputs.name, a.inputs.schedule, a.inputs.timezone, (a.inputs.scalableTargetAction as any).minCapacity])).toEqual([
      ['tabular-primary-off-hours', 'cron(0 20 ? * MON-FRI *)', 'Europe/Berlin', 1],
      ['tabular-primary-working-hours', 'cron(0 7 ? * 2-6 *)', 'Europe/Berlin', 2],
    ]);
  });
});

describe('GIVEN an async endpoint with an off-hours floor of zero (the default where the target can reach zero)', () => {
  const description = describeSageMakerEndpoint(planFor('async', { scaling: { minReplicas: 1, offHours: WINDOW } }));

  test('THEN MinCapacity drops to 0 off hours and a backlog wakes the variant as when scaled to zero', () => {
    const [variant] = description.autoscaling;
    expect(variant!.scheduledActions!.map((a) => a.minCapacity)).toEqual([0, 1]);
    expect(variant!.wakeFromZero).toBeDefined();
    expect(description.alarms.map((a) => a.name)).toContain('speech-backlog-without-capacity');
  });
});
