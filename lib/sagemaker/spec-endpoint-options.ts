/**
 * The SageMaker endpoint options a deployment spec decides by itself, and the endpoint's problems
 * renamed to the spec fields a spec author can change. A spec has no `monitoredFeatures` or
 * `shadowModel` (they are EndpointOptions of the library's constructs), so a problem about them would
 * name a field the author cannot write.
 */
import type { InputProblem } from '../errors';
import type { DeploymentSpecInput } from '../spec/types';
import type { EndpointOptions } from './options';

/** Model Monitor watches the spec's drift features: `monitoring.drift.captureFields`. */
export function endpointOptionsOfSpec(spec: Pick<DeploymentSpecInput, 'monitoring'>): EndpointOptions {
  const features = spec.monitoring?.drift?.captureFields;
  return Array.isArray(features) && features.length > 0 ? { monitoredFeatures: [...features] } : {};
}

/** Endpoint problems as a spec author reads them: option fields become the spec fields that decide them. */
export function specFieldsOfEndpointProblems(problems: readonly InputProblem[]): InputProblem[] {
  return problems.map((p) => {
    if (p.field === 'monitoredFeatures') {
      return {
        field: 'monitoring.drift.captureFields', value: p.value, message: 'must list the features whose baseline drift raises the alarm when drift detection is on',
        fix: "list them in monitoring.drift.captureFields (the column names of the baseline constraints), or set monitoring.driftDetection to false",
      };
    }
    if (p.field === 'shadowModel' || p.field.startsWith('shadowModel.')) {
      return {
        field: 'rollout.strategy', value: 'shadow', message: 'a shadow variant needs the next model version, which a spec cannot name yet',
        fix: "use rollout.strategy canary, linear or all-at-once; build shadow tests with the sagemaker-shadow blueprint or SageMakerModelEndpoint's shadowModel",
      };
    }
    return p;
  });
}
