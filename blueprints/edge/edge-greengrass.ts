/**
 * `edge-greengrass`: a sensor anomaly model (ONNX z-score detector) on AWS IoT Greengrass v2 core
 * devices. The fleet thing group runs component 1.0.0; 1.1.0, a recalibrated model, is staged on the
 * canary thing group first. Promote it by setting `fleetVersion` to '1.1.0'; roll back by setting it back.
 */
import type { App as CdkApp } from 'aws-cdk-lib';
import type { App as TerraformApp } from 'cdktf';
import { encodeSensorAnomalyModel } from '../../lib/edge/sensor-anomaly-model';
import type { EdgeFleetOptions } from '../../lib/edge/fleet-plan';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import type { Blueprint, BlueprintContext } from '../blueprint';
import { engineModule } from '../engine-modules';

/** Readings of a pump motor, in the order the model reads them. */
export const SENSOR_FEATURES = ['temperature_c', 'vibration_mm_s', 'current_a', 'pressure_bar'];

/**
 * Statistics of normal operation per feature. Illustrative values for a pump motor, not measurements:
 * calibrate them from your own fleet's healthy readings (mean and standard deviation per feature).
 */
export const CALIBRATION_2026_10 = { mean: [62, 2.1, 11.5, 4.2], std: [4, 0.6, 1.5, 0.3] };
/** Recalibrated after a month of readings: tighter vibration and pressure bands. */
export const CALIBRATION_2026_11 = { mean: [61.5, 2.0, 11.4, 4.2], std: [4, 0.45, 1.5, 0.25] };

export const EDGE_GREENGRASS_SPEC: DeploymentSpecInput = {
  name: 'edge-greengrass',
  description: 'Sensor anomaly detection (ONNX z-score) on Greengrass core devices, canary group before the fleet',
  region: 'eu-west-1',
  model: { id: 'sensor-anomaly-zscore', task: 'anomaly-detection' },
  runtime: { engine: 'onnxruntime', version: '1.30.0' },
  target: { kind: 'greengrass', thingGroupName: 'edge-greengrass-sensors', platforms: ['linux/x86_64', 'linux/aarch64'] },
  rollout: { strategy: 'canary' },
  // 10 % of scored readings go to capture/ of the fleet bucket through IoT Core and Firehose (docs/edge.md).
  monitoring: { logRetentionDays: 30, dataCapture: { enabled: true, samplingPercent: 10 } },
  tags: { 'aimd:blueprint': 'edge-greengrass' },
};

export const EDGE_GREENGRASS_FLEET: EdgeFleetOptions = {
  componentName: 'aimd.edge.SensorAnomaly',
  releases: [
    {
      componentVersion: '1.0.0',
      modelVersion: 'zscore-2026.10',
      threshold: 3,
      model: encodeSensorAnomalyModel({ featureNames: SENSOR_FEATURES, ...CALIBRATION_2026_10, version: { number: 1, label: 'zscore-2026.10' } }),
    },
    {
      componentVersion: '1.1.0',
      modelVersion: 'zscore-2026.11',
      threshold: 3.5,
      model: encodeSensorAnomalyModel({ featureNames: SENSOR_FEATURES, ...CALIBRATION_2026_11, version: { number: 2, label: 'zscore-2026.11' } }),
    },
  ],
  fleetVersion: '1.0.0',
  canary: { thingGroupName: 'edge-greengrass-sensors-canary', componentVersion: '1.1.0' },
  thingNamePrefix: 'edge-greengrass-',
};

export const edgeGreengrass: Blueprint & { readonly fleet: EdgeFleetOptions } = {
  name: 'edge-greengrass',
  description: 'ONNX sensor-anomaly model on Greengrass v2 devices: fleet group on 1.0.0, canary group on 1.1.0, rollback by version pin',
  spec: EDGE_GREENGRASS_SPEC,
  fleet: EDGE_GREENGRASS_FLEET,
  renderCdk: (app: CdkApp, context: BlueprintContext) => {
    const { EdgeGreengrassStack } = engineModule('cdk/edge-greengrass-stack');
    return new EdgeGreengrassStack(app, context.name, { context, fleet: EDGE_GREENGRASS_FLEET });
  },
  renderTerraform: (app: TerraformApp, context: BlueprintContext) => {
    const { EdgeGreengrassTerraformStack } = engineModule('terraform/edge-greengrass-stack');
    return new EdgeGreengrassTerraformStack(app, context.name, { context, fleet: EDGE_GREENGRASS_FLEET });
  },
  renderPulumi: (context: BlueprintContext) => {
    const { renderEdgeGreengrassPulumi } = engineModule('pulumi/edge-greengrass');
    renderEdgeGreengrassPulumi(context, EDGE_GREENGRASS_FLEET);
  },
};
