/**
 * `SageMakerEndpointAutoscaling`: Application Auto Scaling of the endpoint's variants as described:
 * target tracking (invocations, concurrency, async backlog or provisioned concurrency) and, for async
 * endpoints scaled to zero, the step policy that wakes them when requests queue; scheduled actions for an off-hours floor.
 */
import { Duration, TimeZone } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Construct, type IDependable } from 'constructs';
import type { AutoscalingDescription } from '../../../lib/sagemaker/types';

export interface SageMakerEndpointAutoscalingProps {
  /** Name of the endpoint whose variants scale. */
  readonly endpointName: string;
  /** One entry per scaled variant. */
  readonly scaling: readonly AutoscalingDescription[];
  /** Alarms by name; `wakeFromZero` policies attach to theirs. */
  readonly alarms: ReadonlyMap<string, cloudwatch.Alarm>;
  /** The endpoint: scalable targets can only be registered once it exists. */
  readonly endpoint: IDependable;
}

/** Scalable targets and policies of an endpoint's variants. */
export class SageMakerEndpointAutoscaling extends Construct {
  public readonly targets: readonly appscaling.ScalableTarget[];

  constructor(scope: Construct, id: string, props: SageMakerEndpointAutoscalingProps) {
    super(scope, id);
    this.targets = props.scaling.map((s) => this.scaleVariant(props, s));
  }

  private scaleVariant(props: SageMakerEndpointAutoscalingProps, s: AutoscalingDescription): appscaling.ScalableTarget {
    const scope = new Construct(this, s.variantName);
    const target = new appscaling.ScalableTarget(scope, 'Target', {
      serviceNamespace: appscaling.ServiceNamespace.SAGEMAKER,
      resourceId: `endpoint/${props.endpointName}/variant/${s.variantName}`,
      scalableDimension: s.scalableDimension,
      minCapacity: s.minCapacity,
      maxCapacity: s.maxCapacity,
    });
    target.node.addDependency(props.endpoint);
    const t = s.targetTracking;
    const metric = t.metric;
    new appscaling.TargetTrackingScalingPolicy(scope, 'TargetTracking', {
      scalingTarget: target,
      policyName: t.policyName,
      targetValue: t.targetValue,
      scaleInCooldown: Duration.seconds(t.scaleInCooldownSeconds),
      scaleOutCooldown: Duration.seconds(t.scaleOutCooldownSeconds),
      ...('predefined' in metric
        ? { predefinedMetric: metric.predefined as appscaling.PredefinedMetric }
        : { customMetric: new cloudwatch.Metric({ namespace: metric.namespace, metricName: metric.metricName, dimensionsMap: { ...metric.dimensions }, statistic: metric.statistic }) }),
    });
    // Off-hours floor: MinCapacity moves at the window's edges (lib/sagemaker/scheduled-actions.ts); the id is the ScheduledActionName.
    for (const action of s.scheduledActions ?? []) {
      target.scaleOnSchedule(action.name, {
        schedule: appscaling.Schedule.expression(action.schedule),
        timeZone: TimeZone.of(action.timezone),
        minCapacity: action.minCapacity,
        maxCapacity: action.maxCapacity,
      });
    }
    if (s.wakeFromZero !== undefined) {
      const wake = new appscaling.StepScalingAction(scope, 'WakeFromZero', {
        scalingTarget: target,
        policyName: s.wakeFromZero.policyName,
        adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
        cooldown: Duration.seconds(s.wakeFromZero.cooldownSeconds),
        metricAggregationType: appscaling.MetricAggregationType.AVERAGE,
      });
      wake.addAdjustment({ adjustment: s.wakeFromZero.scalingAdjustment, lowerBound: 0 });
      const alarm = props.alarms.get(s.wakeFromZero.alarmName);
      if (!alarm) throw new Error(`autoscaling of ${s.variantName} needs alarm '${s.wakeFromZero.alarmName}', which the description does not define`);
      alarm.addAlarmAction(new cwActions.ApplicationScalingAction(wake));
    }
    return target;
  }
}
