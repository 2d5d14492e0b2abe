/**
 * Security and compliance checks for CDK apps, run as CDK validation plugins during synthesis:
 * cdk-nag v3's AWS Solutions pack and the AWS Control Tower proactive controls (cfn-guard rules from
 * `@cdklabs/cdk-validator-cfnguard`). Their violations come back as `ValidationFinding`s instead of an
 * exception, and acknowledging one always needs a written reason.
 */
import * as fs from 'node:fs';
import { IPolicyValidationPlugin, Stage, Validations } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { InputValidationError } from '../errors';
import { RelevantControlTowerRules } from './private/relevant-guard-rules';
import { synthesizeStage } from './private/stage-assembly';
import { ValidationReportJson, findingsFromReport } from './private/validation-report';
import { ValidationFinding } from './types';

export interface SecurityCheckOptions {
  /**
   * Run the cdk-nag AWS Solutions rule pack.
   *
   * @default true
   */
  readonly awsSolutions?: boolean;

  /**
   * Run the AWS Control Tower proactive controls (474 cfn-guard rules) on every template. Only the rule
   * files naming a resource type present in the templates are handed to cfn-guard (the others would SKIP).
   *
   * Off unless asked for, because it is slow: it spawns the bundled cfn-guard binary on every synth,
   * adding about 0.15 s to a 3-resource stack, 0.76 s to a 39-resource stack and 1.5 s to a 77-resource
   * VPC + EKS + SageMaker stack (measured 2026-11-24, cdk-validator-cfnguard 0.0.62, 2-core machine).
   * Turn it on in `aimd synth` and in one security test per blueprint; its rules are strict (object
   * lock, event notifications on every bucket), so expect to acknowledge some with reasons.
   *
   * @default false
   */
  readonly cfnGuard?: boolean;

  /**
   * Control Tower rules to skip entirely, by rule name (e.g. `s3_bucket_object_lock_enabled_check`).
   * Prefer `acknowledgeFinding` on the construct, which records why.
   *
   * @default - every rule runs
   */
  readonly disabledGuardRules?: readonly string[];

  /**
   * Longer cdk-nag explanations in the messages.
   *
   * @default false
   */
  readonly verbose?: boolean;
}

/** Acknowledgements shorter than this are refused: "not needed" is not a reason. */
export const MIN_ACKNOWLEDGEMENT_REASON_LENGTH = 20;

/**
 * Registers the security validation plugins on an App (or Stage). Call once per app, before `synth()`.
 *
 * A plain `app.synth()` then throws on violations; use `synthWithSecurityChecks` to get them as findings.
 */
export function addSecurityChecks(app: Stage, options: SecurityCheckOptions = {}): void {
  const plugins: IPolicyValidationPlugin[] = [];
  if (options.awsSolutions ?? true) plugins.push(new AwsSolutionsChecks(app, { verbose: options.verbose ?? false }));
  if (options.cfnGuard ?? false) {
    plugins.push(new RelevantControlTowerRules(options.disabledGuardRules));
  }
  if (plugins.length > 0) Validations.of(app).addPlugins(...plugins);
}

/**
 * Acknowledges one security finding on a construct (and everything below it), with a written reason.
 *
 * @param ruleId the finding's `rule` as reported by `synthWithSecurityChecks`: `AwsSolutions-S1`,
 *   `AwsSolutions-IAM5[Action::s3:*]` or `cdk-validator-cfnguard::s3_bucket_versioning_enabled_check`
 * @param reason why the finding does not apply here; at least 20 characters
 * @throws InputValidationError when the rule id is empty or the reason is missing or too short
 */
export function acknowledgeFinding(construct: IConstruct, ruleId: string, reason: string): void {
  const problems = [];
  if (typeof ruleId !== 'string' || ruleId.trim() === '') {
    problems.push({ field: 'ruleId', value: ruleId, message: 'is empty', fix: "pass the finding's rule, e.g. 'AwsSolutions-S1'" });
  }
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed.length < MIN_ACKNOWLEDGEMENT_REASON_LENGTH) {
    problems.push({
      field: 'reason',
      value: reason,
      message: `is ${trimmed.length} characters; an acknowledgement needs a written reason of at least ${MIN_ACKNOWLEDGEMENT_REASON_LENGTH}`,
      fix: 'say why the rule does not apply here, e.g. "access logs are written by the central logging bucket"',
    });
  }
  if (problems.length > 0) {
    throw new InputValidationError(`acknowledgeFinding(${construct.node.path}, ${JSON.stringify(ruleId)})`, problems);
  }
  Validations.of(construct).acknowledge({ id: ruleId.trim(), reason: trimmed });
}

/** The outcome of `synthWithSecurityChecks`. */
export interface SecuritySynthResult {
  /** The synthesized assembly; present whenever synthesis wrote one, even with violations. */
  readonly assembly?: CloudAssembly;
  /** Every violation of every validation plugin (cdk-nag, cfn-guard, CDK's built-in template checks). */
  readonly findings: ValidationFinding[];
}

/**
 * Synthesizes the app and returns the validation plugins' violations as findings instead of throwing.
 *
 * CDK writes every plugin report to `validation-report.json` in the assembly; this reads that file, so
 * the result does not depend on whether synth threw (it does not always: after any acknowledgement, CDK
 * recomputes success from violation severities, which cfn-guard leaves unset). Errors that are not
 * validation failures (a construct that throws, an invalid prop) are rethrown unchanged.
 */
export function synthWithSecurityChecks(app: Stage): SecuritySynthResult {
  const { assembly, failure, reportFile } = synthesizeStage(app);
  if (!reportFile) {
    if (failure !== undefined) throw failure;
    return { assembly, findings: [] };
  }
  const findings = findingsFromReport(JSON.parse(fs.readFileSync(reportFile, 'utf-8')) as ValidationReportJson);
  if (failure !== undefined && !findings.some((f) => f.severity === 'error')) throw failure;
  return { assembly, findings };
}
