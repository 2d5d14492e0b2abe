/**
 * `awscc_greengrassv2_deployment` (terraform-provider-awscc docs/resources/greengrassv2_deployment.md,
 * read 2026-11): a Greengrass deployment to a thing or thing group. Every field of the resource's schema
 * is typed; Cloud Control replaces the deployment when any of them changes.
 *
 * The attributes are nested *attributes* (plain objects and maps), not blocks, so they synthesize as JSON
 * objects. Component names are map keys and are written as given, never case-converted.
 */
import type { TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsccResource } from './awscc-resource';
import { hclAttributes } from './hcl';

export interface Greengrassv2DeploymentComponent {
  readonly componentVersion?: string;
  readonly configurationUpdate?: {
    /** JSON document (as a string) merged onto the component's configuration. */
    readonly merge?: string;
    /** JSON pointers reset to their defaults before the merge. */
    readonly reset?: readonly string[];
  };
  readonly runWith?: {
    readonly posixUser?: string;
    readonly windowsUser?: string;
    readonly systemResourceLimits?: { readonly cpus?: number; readonly memory?: number };
  };
}

export interface Greengrassv2DeploymentPolicies {
  readonly componentUpdatePolicy?: { readonly action?: string; readonly timeoutInSeconds?: number };
  readonly configurationValidationPolicy?: { readonly timeoutInSeconds?: number };
  readonly failureHandlingPolicy?: string;
}

export interface Greengrassv2IotJobConfiguration {
  readonly abortConfig?: {
    readonly criteriaList?: readonly { readonly action?: string; readonly failureType?: string; readonly minNumberOfExecutedThings?: number; readonly thresholdPercentage?: number }[];
  };
  readonly jobExecutionsRolloutConfig?: {
    readonly exponentialRate?: {
      readonly baseRatePerMinute?: number;
      readonly incrementFactor?: number;
      readonly rateIncreaseCriteria?: { readonly numberOfNotifiedThings?: number; readonly numberOfSucceededThings?: number };
    };
    readonly maximumPerMinute?: number;
  };
  readonly timeoutConfig?: { readonly inProgressTimeoutInMinutes?: number };
}

export interface Greengrassv2DeploymentConfig extends TerraformMetaArguments {
  /** Thing or thing group ARN. */
  readonly targetArn: string;
  readonly deploymentName?: string;
  /** By component name. */
  readonly components?: Readonly<Record<string, Greengrassv2DeploymentComponent>>;
  readonly deploymentPolicies?: Greengrassv2DeploymentPolicies;
  readonly iotJobConfiguration?: Greengrassv2IotJobConfiguration;
  /** Parent deployment of a subdeployment. @default - none */
  readonly parentTargetArn?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** Drops undefined fields so the JSON carries only what was set. */
function compact<T extends Record<string, unknown>>(object: T): T | undefined {
  const entries = Object.entries(object).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}

function componentToTerraform(c: Greengrassv2DeploymentComponent): Record<string, unknown> | undefined {
  return compact({
    component_version: c.componentVersion,
    configuration_update: c.configurationUpdate && compact({ merge: c.configurationUpdate.merge, reset: c.configurationUpdate.reset }),
    run_with: c.runWith && compact({
      posix_user: c.runWith.posixUser,
      windows_user: c.runWith.windowsUser,
      system_resource_limits: c.runWith.systemResourceLimits && compact({ cpus: c.runWith.systemResourceLimits.cpus, memory: c.runWith.systemResourceLimits.memory }),
    }),
  });
}

function policiesToTerraform(p: Greengrassv2DeploymentPolicies): Record<string, unknown> | undefined {
  return compact({
    component_update_policy: p.componentUpdatePolicy && compact({ action: p.componentUpdatePolicy.action, timeout_in_seconds: p.componentUpdatePolicy.timeoutInSeconds }),
    configuration_validation_policy: p.configurationValidationPolicy && compact({ timeout_in_seconds: p.configurationValidationPolicy.timeoutInSeconds }),
    failure_handling_policy: p.failureHandlingPolicy,
  });
}

function jobToTerraform(j: Greengrassv2IotJobConfiguration): Record<string, unknown> | undefined {
  const rollout = j.jobExecutionsRolloutConfig;
  const rate = rollout?.exponentialRate;
  return compact({
    abort_config: j.abortConfig && compact({
      criteria_list: j.abortConfig.criteriaList?.map((c) => compact({
        action: c.action, failure_type: c.failureType, min_number_of_executed_things: c.minNumberOfExecutedThings, threshold_percentage: c.thresholdPercentage,
      })),
    }),
    job_executions_rollout_config: rollout && compact({
      exponential_rate: rate && compact({
        base_rate_per_minute: rate.baseRatePerMinute,
        increment_factor: rate.incrementFactor,
        rate_increase_criteria: rate.rateIncreaseCriteria && compact({
          number_of_notified_things: rate.rateIncreaseCriteria.numberOfNotifiedThings,
          number_of_succeeded_things: rate.rateIncreaseCriteria.numberOfSucceededThings,
        }),
      }),
      maximum_per_minute: rollout.maximumPerMinute,
    }),
    timeout_config: j.timeoutConfig && compact({ in_progress_timeout_in_minutes: j.timeoutConfig.inProgressTimeoutInMinutes }),
  });
}

export class Greengrassv2Deployment extends AwsccResource<Greengrassv2DeploymentConfig> {
  public static readonly tfResourceType = 'awscc_greengrassv2_deployment';

  constructor(scope: Construct, id: string, config: Greengrassv2DeploymentConfig) {
    super(scope, id, Greengrassv2Deployment.tfResourceType, config);
  }

  /** The deployment id Greengrass assigned (read-only). */
  public get deploymentId(): string {
    return this.getStringAttribute('deployment_id');
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const c = this.config;
    return {
      target_arn: c.targetArn,
      deployment_name: c.deploymentName,
      components: c.components && Object.fromEntries(Object.entries(c.components).map(([name, spec]) => [name, componentToTerraform(spec) ?? {}])),
      deployment_policies: c.deploymentPolicies && policiesToTerraform(c.deploymentPolicies),
      iot_job_configuration: c.iotJobConfiguration && jobToTerraform(c.iotJobConfiguration),
      parent_target_arn: c.parentTargetArn,
      tags: c.tags,
    };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return hclAttributes(this.synthesizeAttributes());
  }
}
