/**
 * Reads CDK's `validation-report.json` (written into the cloud assembly by every synth that has
 * validation plugins, aws-cdk-lib >= 2.27x) and turns it into our findings.
 */
import { ValidationFinding } from '../types';

/** The report file name inside the assembly directory (`cxapi.VALIDATION_REPORT_FILE`). */
export const VALIDATION_REPORT_FILE = 'validation-report.json';

interface ReportedConstruct {
  readonly constructPath?: string;
  readonly cloudFormationResource?: { readonly templatePath?: string; readonly logicalId?: string; readonly propertyPaths?: readonly string[] };
}

interface ReportedViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly severity?: string;
  readonly suggestedFix?: string;
  readonly fix?: string;
  readonly violatingConstructs?: readonly ReportedConstruct[];
}

/** The subset of the report's JSON this module reads. */
export interface ValidationReportJson {
  readonly pluginReports?: ReadonlyArray<{ readonly pluginName: string; readonly violations?: readonly ReportedViolation[] }>;
}

/**
 * One finding per violating construct. `rule` is the id that `acknowledgeFinding` accepts: cdk-nag rules
 * keep their own id (`AwsSolutions-S10`, `AwsSolutions-IAM5[Action::s3:*]`), other plugins' rules are
 * prefixed with the plugin's namespace (`cdk-validator-cfnguard::s3_bucket_versioning_enabled_check`).
 */
export function findingsFromReport(report: ValidationReportJson): ValidationFinding[] {
  const findings: ValidationFinding[] = [];
  for (const plugin of report.pluginReports ?? []) {
    for (const violation of plugin.violations ?? []) {
      const rule = acknowledgementId(plugin.pluginName, violation.ruleName);
      const fix = violation.suggestedFix ?? violation.fix;
      const severity = violation.severity === 'error' || violation.severity === 'fatal' || violation.severity === undefined ? 'error' : 'warning';
      for (const construct of violation.violatingConstructs ?? [{}]) {
        const resource = construct.constructPath ?? construct.cloudFormationResource?.logicalId ?? '(app)';
        const logicalId = construct.cloudFormationResource?.logicalId;
        const where = logicalId ? ` [${logicalId}]` : '';
        findings.push({
          engine: 'cdk',
          resource,
          rule,
          severity,
          message: `${violation.description}${fix ? ` Fix: ${fix}` : ''}${where} (${plugin.pluginName})`,
        });
      }
    }
  }
  return findings;
}

/** cdk-nag matches its own ids without namespace; CDK matches other plugins' ids as `namespace::rule`. */
function acknowledgementId(pluginName: string, ruleName: string): string {
  if (ruleName.startsWith(`${pluginName}-`) || ruleName.includes('::')) return ruleName;
  return `${pluginName.replace(/ /g, '-')}::${ruleName}`;
}
