/**
 * Builds a SageMaker blueprint: a spec plus the SageMaker-only options, rendered by the same
 * engine-neutral description on CDK, cdktf and Pulumi.
 */
import type { App as CdkApp } from 'aws-cdk-lib';
import type { App as TerraformApp } from 'cdktf';
import type { EndpointOptions } from '../../lib/sagemaker/options';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import type { Blueprint, BlueprintContext } from '../blueprint';
import { engineModule } from '../engine-modules';
import { sageMakerStandbyRegions } from './standby-region';

export interface SageMakerBlueprintDefinition {
  readonly name: string;
  readonly description: string;
  readonly spec: DeploymentSpecInput;
  /** SageMaker-only choices: shadow model, monitored features, model registry. */
  readonly endpointOptions?: EndpointOptions;
}

/**
 * A blueprint whose three engines render one SageMaker endpoint; with `disasterRecovery`, also its warm standby
 * in the standby region (CDK and cdktf: a second stack `<name>-standby` the primary depends on; Pulumi: the same
 * program with an `aws.Provider` of the standby region).
 */
export function sageMakerBlueprint(definition: SageMakerBlueprintDefinition): Blueprint & { readonly endpointOptions: EndpointOptions } {
  const endpointOptions = definition.endpointOptions ?? {};
  return {
    name: definition.name,
    description: definition.description,
    spec: definition.spec,
    endpointOptions,
    renderCdk: (app: CdkApp, context: BlueprintContext) => {
      const { SageMakerEndpointStack } = engineModule('cdk/sagemaker-endpoint-stack');
      const regions = sageMakerStandbyRegions(context);
      if (regions === undefined) return new SageMakerEndpointStack(app, context.name, { context, endpointOptions });
      const standby = new SageMakerEndpointStack(app, regions.standby.context.name, { context: regions.standby.context, endpointOptions: { ...endpointOptions, ...regions.standby.endpointOptions }, disasterRecovery: regions.standby.disasterRecovery });
      const primary = new SageMakerEndpointStack(app, context.name, { context: regions.primary.context, endpointOptions, disasterRecovery: regions.primary.disasterRecovery });
      primary.addStackDependency(standby, 'the replication rule names the standby artifacts bucket and key');
      return primary;
    },
    renderTerraform: (app: TerraformApp, context: BlueprintContext) => {
      const { SageMakerEndpointTerraformStack } = engineModule('terraform/sagemaker-endpoint-stack');
      const regions = sageMakerStandbyRegions(context);
      if (regions === undefined) return new SageMakerEndpointTerraformStack(app, context.name, { context, endpointOptions });
      // Its own stack (own provider region and state): the primary's replication needs its bucket and key first.
      const standby = new SageMakerEndpointTerraformStack(app, regions.standby.context.name, { context: regions.standby.context, endpointOptions: { ...endpointOptions, ...regions.standby.endpointOptions }, disasterRecovery: regions.standby.disasterRecovery });
      const primary = new SageMakerEndpointTerraformStack(app, context.name, { context: regions.primary.context, endpointOptions, disasterRecovery: regions.primary.disasterRecovery });
      primary.addDependency(standby);
      return primary;
    },
    renderPulumi: (context: BlueprintContext) => {
      const { renderSageMakerEndpointPulumi, renderSageMakerEndpointWithStandbyPulumi } = engineModule('pulumi/sagemaker-endpoint');
      const regions = sageMakerStandbyRegions(context);
      if (regions === undefined) renderSageMakerEndpointPulumi(context, endpointOptions);
      else renderSageMakerEndpointWithStandbyPulumi(regions, endpointOptions);
    },
  };
}
