/**
 * Our CloudFormation schema check ({@link validateCloudFormationTemplate}) as a CDK validation plugin, so
 * that `cdk synth` / `cdk deploy` of the project's app fail on a template CloudFormation would reject.
 *
 * The app (stacks/cdk/app.ts) runs it instead of aws-cdk-lib's built-in template validation
 * (`@aws/cloudformation-validate`, on by default since aws-cdk-lib 2.27x): the built-in one costs about
 * 9 s of CPU per app on a 2-core machine (measured 2026-12-02 with the benchmark peer, aws-cdk-lib 2.276:
 * 11.1 s with it, 1.7 s without) and only warns unless `@aws-cdk/core:validateAgainstDefaultRules` is
 * set, while this check fails synth on unknown or misspelt properties, missing required properties,
 * wrong value types, illegal enumerated values and dangling references, in about 0.5 s.
 * `aimd synth` still runs both.
 */
import * as fs from 'node:fs';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { validateCloudFormationTemplate } from './cloudformation-schema';

/** Plugin name; acknowledgements of its rules read `aimd-cfn-schema::cfn-schema/<rule>`. */
export const CLOUDFORMATION_SCHEMA_PLUGIN_NAME = 'aimd-cfn-schema';

/** Validates every synthesized template against the AWS resource specification. */
export class CloudFormationSchemaPlugin implements IPolicyValidationPlugin {
  public readonly name = CLOUDFORMATION_SCHEMA_PLUGIN_NAME;

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const violations: PolicyViolation[] = [];
    for (const templatePath of context.templatePaths) {
      const template = JSON.parse(fs.readFileSync(templatePath, 'utf8')) as object;
      for (const finding of validateCloudFormationTemplate(template)) {
        violations.push({
          ruleName: finding.rule,
          description: finding.message,
          severity: finding.severity,
          violatingResources: [{ resourceLogicalId: finding.resource, templatePath, locations: [] }],
        });
      }
    }
    return { success: !violations.some((v) => v.severity === 'error'), violations };
  }
}
