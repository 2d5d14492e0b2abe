/**
 * The project's typed cdktf binding of the awscc provider's Greengrass v2 resources: what it writes must be
 * the provider's schema (snake_case nested attributes, component names untouched) in JSON and HCL.
 */
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { Greengrassv2ComponentVersion } from '../../constructs/terraform/awscc/greengrassv2-component-version';
import { Greengrassv2Deployment } from '../../constructs/terraform/awscc/greengrassv2-deployment';
import { AwsccProvider } from '../../constructs/terraform/awscc/provider';
import { validateTerraformJson } from '../../lib/validation/terraform';

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app() as App, 'awscc');
  const provider = new AwsccProvider(s, 'awscc', { region: 'eu-central-1' });
  const version = new Greengrassv2ComponentVersion(s, 'Version', { provider, inlineRecipe: '{"ComponentName":"com.example.CamelCase"}', tags: { team: 'edge' }, lifecycle: { preventDestroy: true } });
  new Greengrassv2Deployment(s, 'Deployment', {
    provider,
    targetArn: 'arn:aws:iot:eu-central-1:123456789012:thinggroup/plant',
    deploymentName: 'plant',
    components: {
      'com.example.CamelCase': { componentVersion: '1.0.0', configurationUpdate: { merge: '{"a":1}', reset: ['/b'] }, runWith: { posixUser: 'ggc_user', systemResourceLimits: { cpus: 0.5, memory: 65536 } } },
      'aws.greengrass.Nucleus': {},
    },
    deploymentPolicies: { failureHandlingPolicy: 'ROLLBACK', componentUpdatePolicy: { action: 'NOTIFY_COMPONENTS', timeoutInSeconds: 60 }, configurationValidationPolicy: { timeoutInSeconds: 30 } },
    iotJobConfiguration: {
      jobExecutionsRolloutConfig: { exponentialRate: { baseRatePerMinute: 5, incrementFactor: 2, rateIncreaseCriteria: { numberOfSucceededThings: 10 } }, maximumPerMinute: 50 },
      abortConfig: { criteriaList: [{ action: 'CANCEL', failureType: 'FAILED', thresholdPercentage: 10, minNumberOfExecutedThings: 3 }] },
      timeoutConfig: { inProgressTimeoutInMinutes: 60 },
    },
    dependsOn: [version],
  });
  new TerraformOutput(s, 'component_arn', { value: version.arn });
  return s;
}

describe('awscc Greengrass v2 binding', () => {
  const json = JSON.parse(Testing.synth(stack()));

  test('THEN the provider is declared from hashicorp/awscc 1.x and configured with its region', () => {
    expect(json.terraform.required_providers.awscc).toEqual({ source: 'hashicorp/awscc', version: '~> 1.0' });
    expect(json.provider.awscc).toEqual([{ region: 'eu-central-1' }]);
  });

  test('THEN the component version carries the recipe, tags and lifecycle, and exposes its ARN', () => {
    expect(json.resource.awscc_greengrassv2_component_version.Version).toMatchObject({
      inline_recipe: '{"ComponentName":"com.example.CamelCase"}', tags: { team: 'edge' }, lifecycle: { prevent_destroy: true }, provider: 'awscc',
    });
    expect(json.output.component_arn.value).toBe('${awscc_greengrassv2_component_version.Version.arn}');
  });

  test('THEN the deployment is snake_case except the component names it maps', () => {
    const d = json.resource.awscc_greengrassv2_deployment.Deployment;
    expect(d).toMatchObject({
      target_arn: 'arn:aws:iot:eu-central-1:123456789012:thinggroup/plant',
      deployment_name: 'plant',
      components: {
        'com.example.CamelCase': {
          component_version: '1.0.0',
          configuration_update: { merge: '{"a":1}', reset: ['/b'] },
          run_with: { posix_user: 'ggc_user', system_resource_limits: { cpus: 0.5, memory: 65536 } },
        },
        'aws.greengrass.Nucleus': {},
      },
      deployment_policies: { failure_handling_policy: 'ROLLBACK', component_update_policy: { action: 'NOTIFY_COMPONENTS', timeout_in_seconds: 60 }, configuration_validation_policy: { timeout_in_seconds: 30 } },
      iot_job_configuration: {
        job_executions_rollout_config: { exponential_rate: { base_rate_per_minute: 5, increment_factor: 2, rate_increase_criteria: { number_of_succeeded_things: 10 } }, maximum_per_minute: 50 },
        abort_config: { criteria_list: [{ action: 'CANCEL', failure_type: 'FAILED', threshold_percentage: 10, min_number_of_executed_things: 3 }] },
        timeout_config: { in_progress_timeout_in_minutes: 60 },
      },
      depends_on: ['awscc_greengrassv2_component_version.Version'],
    });
    expect(d).not.toHaveProperty('parent_target_arn');
  });

  test('THEN the harness finds nothing to object to', () => {
    expect(validateTerraformJson(json, 'awscc')).toEqual([]);
  });

  test('THEN HCL output carries the same attributes', () => {
    const hcl = Testing.synthHcl(stack()) as string;
    expect(hcl).toMatch(/resource "awscc_greengrassv2_deployment" "Deployment" \{/);
    expect(hcl).toMatch(/"com\.example\.CamelCase" = \{/);
    expect(hcl).toMatch(/base_rate_per_minute\s*=\s*5/);
    expect(hcl).toMatch(/inline_recipe\s*=/);
  });
});

test('GIVEN HCL output THEN nested lists render as HCL tuples, not index maps', () => {
  const hcl = Testing.synthHcl(stack()) as string;
  expect(hcl).toMatch(/reset = \[\s*"\/b",\s*\]/);
  expect(hcl).toMatch(/criteria_list = \[\s*\{/);
  expect(hcl).not.toMatch(/\b0 = /);
});
