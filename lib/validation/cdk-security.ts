/**
 * Security and compliance checks for CDK apps, run as CDK validation plugins during synthesis:
 * cdk-nag v3's AWS Solutions pack and the AWS Control Tower proactive controls (cfn-guard rules from
 * `@cdklabs/cdk-validator-cfnguard`). Their violations come back as `ValidationFinding`s instead of an
 * exception, and acknowledging one always needs a written reason.
 */
import * as fs from 'node:fs';
import { IPolicyValidationPlugin, Stage, Validations } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { IConstruct } from 'constructs';
import { InputValidationError } from '../errors';
import { resolveControlTowerRuleIds } from './private/control-tower-rules';
import { ControlTowerGuardChecks, CountedAwsSolutionsChecks, printSummaryAfterSynth, silenceSummary } from './private/security-plugins';
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
   * Run the AWS Control Tower proactive controls (474 cfn-guard rules) on every template.
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
   * Control Tower rules to skip entirely. Any of the ids a finding shows works: the rule name
   * (`s3_bucket_object_lock_enabled_check`), the namespaced finding id
   * (`cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check`), the control (`CT.S3.PR.9`) or the
   * rule file (`ct-s3-pr-9`). An id that names no bundled rule is refused. Prefer `acknowledgeFinding`
   * on the construct, which records why.
   *
   * @default - every rule runs
   */
  readonly disabledGuardRules?: readonly string[];

  /**
   * Where the one-line summary goes after a synth that passed the checks, e.g.
   * `Security checks: cdk-nag AwsSolutions: 38 rules, cfn-guard Control Tower: 235 rules (2 not adopted): no findings`.
   * A synth with errors throws CDK's validation report instead.
   *
   * @default - printed to stderr (the CDK CLI shows it)
   */
  readonly summary?: (line: string) => void;

  /**
   * Longer cdk-nag explanations in the messages.
   *
   * @default false
   */
  readonly verbose?: boolean;
}

/** Acknowledgements shorter than this are refused: "not needed" is not a reason. */
export const MIN_ACKNOWLEDGEMENT_REASON_LENGTH = 20;

const withChecks = new WeakSet<Stage>();

/** Whether `addSecurityChecks` already registered the checks on this app (or stage). */
export function hasSecurityChecks(app: Stage): boolean {
  return withChecks.has(app);
}

/**
 * Registers the security validation plugins on an App (or Stage). Call once per app, before `synth()`
 * (a second call is refused).
 *
 * A plain `app.synth()` then throws on violations; use `synthWithSecurityChecks` to get them as findings.
 */
export function addSecurityChecks(app: Stage, options: SecurityCheckOptions = {}): void {
  if (withChecks.has(app)) {
    // A second registration would report every finding twice.
    throw new InputValidationError('addSecurityChecks', [{
      field: 'app', value: app.node.path || '(app)', message: 'already has the security checks',
      fix: 'register them once per app; a DeploymentStack registers them unless given securityChecks: false',
    }]);
  }
  const disabled = resolveControlTowerRuleIds(options.disabledGuardRules ?? []);
  if (disabled.unknown.length > 0) {
    throw new InputValidationError('addSecurityChecks', disabled.unknown.map((id) => ({
      field: 'disabledGuardRules', value: id, message: 'names no bundled Control Tower rule',
      fix: "use the rule name a finding shows, e.g. 's3_bucket_object_lock_enabled_check' (or its control 'CT.S3.PR.9')",
    })));
  }
  const plugins: IPolicyValidationPlugin[] = [];
  const awsSolutions = (options.awsSolutions ?? true) ? new CountedAwsSolutionsChecks(app, { verbose: options.verbose ?? false }) : undefined;
  const guard = (options.cfnGuard ?? false) ? new ControlTowerGuardChecks(disabled.files) : undefined;
  if (awsSolutions) plugins.push(awsSolutions);
  if (guard) plugins.push(guard);
  if (plugins.length === 0) return;
  Validations.of(app).addPlugins(...plugins);
  withChecks.add(app);
  printSummaryAfterSynth(app, { awsSolutions, guard, disabledGuardRules: disabled.files.length }, options.summary ?? ((line) => process.stderr.write(`${line}\n`)));
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
  silenceSummary(app);
  const { assembly, failure, reportFile } = synthesizeStage(app);
  if (!reportFile) {
    if (failure !== undefined) throw failure;
    return { assembly, findings: [] };
  }
  const findings = findingsFromReport(JSON.parse(fs.readFileSync(reportFile, 'utf-8')) as ValidationReportJson);
  if (failure !== undefined && !findings.some((f) => f.severity === 'error')) throw failure;
  return { assembly, findings };
}
