/**
 * `SageMakerEndpointAutoscaling` (cdktf): scalable targets, target-tracking policies and the
 * wake-from-zero step policy of the endpoint's variants, and the scheduled actions of an off-hours floor, as described.
 */
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingScheduledAction } from '@cdktf/provider-aws/lib/appautoscaling-scheduled-action';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { AutoscalingDescription } from '../../../lib/sagemaker/types';

export interface SageMakerEndpointAutoscalingProps {
  /** Name of the endpoint whose variants scale. */
  readonly endpointName: string;
  /** One entry per scaled variant. */
  readonly scaling: readonly AutoscalingDescription[];
  /** Alarms by name; the wake-from-zero policy is added to its alarm's actions. */
  readonly alarms: ReadonlyMap<string, CloudwatchMetricAlarm>;
  /** The endpoint: scalable targets can only be registered once it exists. */
  readonly endpoint: ITerraformDependable;
}

export class SageMakerEndpointAutoscaling extends Construct {
  constructor(scope: Construct, id: string, props: SageMakerEndpointAutoscalingProps) {
    super(scope, id);
    for (const s of props.scaling) {
      const target = new AppautoscalingTarget(this, `${s.variantName}Target`, {
        serviceNamespace: 'sagemaker',
        resourceId: `endpoint/${props.endpointName}/variant/${s.variantName}`,
        scalableDimension: s.scalableDimension,
        minCapacity: s.minCapacity,
        maxCapacity: s.maxCapacity,
        dependsOn: [props.endpoint],
      });
      const t = s.targetTracking;
      const metric = t.metric;
      new AppautoscalingPolicy(this, `${s.variantName}TargetTracking`, {
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
            : { customizedMetricSpecification: { namespace: metric.namespace, metricName: metric.metricName, statistic: metric.statistic, dimensions: Object.entries(metric.dimensions).map(([name, value]) => ({ name, value })) } }),
        },
      });
      // Off-hours floor: MinCapacity moves at the window's edges (lib/sagemaker/scheduled-actions.ts). Each action
      // waits for the previous one: Application Auto Scaling rejects concurrent updates of one scalable target.
      let previous: ITerraformDependable = target;
      for (const action of s.scheduledActions ?? []) {
        previous = new AppautoscalingScheduledAction(this, `${s.variantName}Schedule${action.edge === 'off-hours' ? 'OffHours' : 'WorkingHours'}`, {
          name: action.name,
          serviceNamespace: target.serviceNamespace,
          resourceId: target.resourceId,
          scalableDimension: target.scalableDimension,
          schedule: action.schedule,
          timezone: action.timezone,
          scalableTargetAction: { minCapacity: String(action.minCapacity), maxCapacity: String(action.maxCapacity) },
          dependsOn: [previous],
        });
      }
      if (s.wakeFromZero !== undefined) {
        const wake = new AppautoscalingPolicy(this, `${s.variantName}WakeFromZero`, {
          name: s.wakeFromZero.policyName,
          policyType: 'StepScaling',
          serviceNamespace: target.serviceNamespace,
          resourceId: target.resourceId,
          scalableDimension: target.scalableDimension,
          stepScalingPolicyConfiguration: {
            adjustmentType: 'ChangeInCapacity',
            cooldown: s.wakeFromZero.cooldownSeconds,
            metricAggregationType: 'Average',
            stepAdjustment: [{ metricIntervalLowerBound: '0', scalingAdjustment: s.wakeFromZero.scalingAdjustment }],
          },
        });
        const alarm = props.alarms.get(s.wakeFromZero.alarmName);
        if (!alarm) throw new Error(`autoscaling of ${s.variantName} needs alarm '${s.wakeFromZero.alarmName}', which the description does not define`);
        alarm.alarmActions = [wake.arn];
      }
    }
  }
}
