/**
 * Autoscaling of the endpoint's variants (Pulumi): scalable targets, target-tracking policies and the
 * wake-from-zero step policies with the alarms that trigger them, and the scheduled actions of an off-hours floor, as described.
 */
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { AlarmDescription, AutoscalingDescription } from '../../../lib/sagemaker/types';
import { metricAlarm } from './endpoint-alarms';

/** Creates the scaling resources, and each wake-from-zero alarm (from `alarms`) acting on its step policy. */
export function endpointAutoscaling(name: string, endpointName: string, scaling: readonly AutoscalingDescription[], alarms: readonly AlarmDescription[], endpoint: pulumi.Resource, parent: pulumi.Resource): void {
  for (const s of scaling) {
    const target = new aws.appautoscaling.Target(`${name}-${s.variantName}`, {
      serviceNamespace: 'sagemaker',
      resourceId: `endpoint/${endpointName}/variant/${s.variantName}`,
      scalableDimension: s.scalableDimension,
      minCapacity: s.minCapacity,
      maxCapacity: s.maxCapacity,
    }, { parent, dependsOn: [endpoint] });
    const t = s.targetTracking;
    const metric = t.metric;
    new aws.appautoscaling.Policy(`${name}-${s.variantName}-target-tracking`, {
      name: t.policyName,
      policyType: 'TargetTrackingScaling',
      serviceNamespace: target.serviceNamespace,
      resourceId: target.resourceId,
      scalableDimension: target.scalableDimension,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: t.targetValue,
        scaleInCooldown: t.scaleInCooldownSeconds,
        scaleOutCooldown: t.scaleOutCooldownSeconds,
        ...('predefined' in metric
          ? { predefinedMetricSpecification: { predefinedMetricType: metric.predefined } }
          : { customizedMetricSpecification: { namespace: metric.namespace, metricName: metric.metricName, statistic: metric.statistic, dimensions: Object.entries(metric.dimensions).map(([n, value]) => ({ name: n, value })) } }),
      },
    }, { parent });
    // Off-hours floor: MinCapacity moves at the window's edges (lib/sagemaker/scheduled-actions.ts). Each action
    // waits for the previous one: Application Auto Scaling rejects concurrent updates of one scalable target.
    let previous: pulumi.Resource = target;
    for (const action of s.scheduledActions ?? []) {
      previous = new aws.appautoscaling.ScheduledAction(`${name}-${s.variantName}-${action.edge}`, {
        name: action.name,
        serviceNamespace: target.serviceNamespace,
        resourceId: target.resourceId,
        scalableDimension: target.scalableDimension,
        schedule: action.schedule,
        timezone: action.timezone,
        scalableTargetAction: { minCapacity: action.minCapacity, maxCapacity: action.maxCapacity },
      }, { parent, dependsOn: [previous] });
    }
    if (s.wakeFromZero !== undefined) {
      const wake = new aws.appautoscaling.Policy(`${name}-${s.variantName}-wake-from-zero`, {
        name: s.wakeFromZero.policyName,
        policyType: 'StepScaling',
        serviceNamespace: target.serviceNamespace,
        resourceId: target.resourceId,
        scalableDimension: target.scalableDimension,
        stepScalingPolicyConfiguration: {
          adjustmentType: 'ChangeInCapacity',
          cooldown: s.wakeFromZero.cooldownSeconds,
          metricAggregationType: 'Average',
          stepAdjustments: [{ metricIntervalLowerBound: '0', scalingAdjustment: s.wakeFromZero.scalingAdjustment }],
        },
      }, { parent });
      const alarm = alarms.find((a) => a.name === s.wakeFromZero!.alarmName);
      if (!alarm) throw new Error(`autoscaling of ${s.variantName} needs alarm '${s.wakeFromZero.alarmName}', which the description does not define`);
      metricAlarm(`${name}-${s.variantName}-backlog-without-capacity`, alarm, [wake.arn], parent);
    }
  }
}
