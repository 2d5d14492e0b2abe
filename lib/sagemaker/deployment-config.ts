/**
 * The endpoint's DeploymentConfig (blue/green traffic shifting or rolling update, with auto-rollback
 * alarms), built once: CloudFormation (CDK L1), the Terraform provider and Pulumi all take this
 * camelCase shape.
 */
import type { SageMakerEndpointDescription } from './types';

interface CapacitySize {
  readonly type: 'CAPACITY_PERCENT' | 'INSTANCE_COUNT';
  readonly value: number;
}

export interface EndpointDeploymentConfig {
  readonly rollingUpdatePolicy?: {
    readonly maximumBatchSize: CapacitySize;
    readonly waitIntervalInSeconds: number;
    readonly maximumExecutionTimeoutInSeconds?: number;
    readonly rollbackMaximumBatchSize: CapacitySize;
  };
  readonly blueGreenUpdatePolicy?: {
    readonly trafficRoutingConfiguration: {
      readonly type: string;
      readonly waitIntervalInSeconds: number;
      readonly canarySize?: CapacitySize;
      readonly linearStepSize?: CapacitySize;
    };
    readonly terminationWaitInSeconds?: number;
    readonly maximumExecutionTimeoutInSeconds?: number;
  };
  readonly autoRollbackConfiguration?: { readonly alarms: ReadonlyArray<{ readonly alarmName: string }> };
}

/** The DeploymentConfig of an endpoint, or undefined when it has no guardrails (all at once). */
export function endpointDeploymentConfig(d: SageMakerEndpointDescription): EndpointDeploymentConfig | undefined {
  const g = d.deployment;
  if (g === undefined) return undefined;
  const autoRollbackConfiguration = g.rollbackAlarmNames.length > 0 ? { alarms: g.rollbackAlarmNames.map((alarmName) => ({ alarmName })) } : undefined;
  if (g.kind === 'rolling') {
    return {
      rollingUpdatePolicy: {
        maximumBatchSize: { type: 'CAPACITY_PERCENT', value: g.rollingBatchPercent! },
        waitIntervalInSeconds: g.rollingWaitIntervalInSeconds!,
        maximumExecutionTimeoutInSeconds: g.maximumExecutionTimeoutInSeconds,
        rollbackMaximumBatchSize: { type: 'CAPACITY_PERCENT', value: 100 },
      },
      autoRollbackConfiguration,
    };
  }
  const t = g.trafficRouting!;
  const size: CapacitySize | undefined = t.capacityInstances !== undefined
    ? { type: 'INSTANCE_COUNT', value: t.capacityInstances }
    : t.capacityPercent !== undefined ? { type: 'CAPACITY_PERCENT', value: t.capacityPercent } : undefined;
  return {
    blueGreenUpdatePolicy: {
      trafficRoutingConfiguration: {
        type: t.type,
        waitIntervalInSeconds: t.waitIntervalInSeconds,
        ...(t.type === 'CANARY' ? { canarySize: size } : {}),
        ...(t.type === 'LINEAR' ? { linearStepSize: size } : {}),
      },
      terminationWaitInSeconds: g.terminationWaitInSeconds,
      maximumExecutionTimeoutInSeconds: g.maximumExecutionTimeoutInSeconds,
    },
    autoRollbackConfiguration,
  };
}
