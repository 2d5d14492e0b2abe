/**
 * The two security validation plugins as this library registers them, and the one-line summary a clean
 * synth prints.
 *
 * - cfn-guard leaves its violations' severity unset. CDK only fails synth on "error"/"fatal" severities
 *   once any acknowledgement exists in the app (aws-cdk-lib 2.276 synthesis-validation.js recomputes each
 *   report's success from severities), so an app with one acknowledged finding printed cfn-guard ERRORs
 *   and still synthesized. {@link ControlTowerGuardChecks} reports them as errors, which is what they are.
 * - cdk-nag does not report which rules it evaluated; {@link CountedAwsSolutionsChecks} counts them so
 *   that a clean run can say what ran.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, Stage } from 'aws-cdk-lib';
import { RelevantControlTowerRules } from './relevant-guard-rules';
import { AwsSolutionsChecks, type IApplyRule } from 'cdk-nag';
import { VALIDATION_REPORT_FILE } from './validation-report';

/** cdk-nag's AWS Solutions pack, recording the rule ids it evaluated during the last synth. */
export class CountedAwsSolutionsChecks extends AwsSolutionsChecks {
  public readonly evaluatedRules = new Set<string>();

  protected applyRule(params: IApplyRule): void {
    this.evaluatedRules.add(`${this.packName}-${params.ruleSuffixOverride ?? params.rule.name}`);
    super.applyRule(params);
  }
}

/** The Control Tower cfn-guard rules, with every violation reported at severity `error`. */
export class ControlTowerGuardChecks implements IPolicyValidationPlugin {
  /** Runs only the rule files that name a resource type of the templates (same findings, a quarter of the time). */
  private readonly guard: RelevantControlTowerRules;
  /** Same name as the wrapped plugin: acknowledgement ids stay `cdk-validator-cfnguard::<rule>`. */
  public readonly name: string;
  public readonly version?: string;
  public readonly ruleIds?: string[];

  constructor(disabledRuleFiles: readonly string[]) {
    this.guard = new RelevantControlTowerRules(disabledRuleFiles);
    this.name = this.guard.name;
    this.version = this.guard.version;
    this.ruleIds = this.guard.ruleIds;
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const report = this.guard.validate(context);
    return { ...report, violations: report.violations.map((v) => ({ ...v, severity: v.severity ?? 'error' })) };
  }
}

/** What ran, for the summary line. */
export interface SecurityRunDescription {
  readonly awsSolutions?: CountedAwsSolutionsChecks;
  readonly guard?: ControlTowerGuardChecks;
  /** Rules the caller disabled (not adopted). */
  readonly disabledGuardRules: number;
}

interface ReportedViolations {
  readonly severity?: string;
  readonly violatingConstructs?: readonly unknown[];
}

interface ReportJson {
  readonly pluginReports?: ReadonlyArray<{ readonly violations?: readonly ReportedViolations[]; readonly suppressedViolations?: readonly ReportedViolations[] }>;
}

const constructCount = (v: ReportedViolations) => Math.max(v.violatingConstructs?.length ?? 1, 1);

/** The one line a synth prints after the security checks ran, from the validation report it wrote. */
export function securitySummaryLine(run: SecurityRunDescription, outdir: string): string {
  const packs: string[] = [];
  if (run.awsSolutions) packs.push(`cdk-nag AwsSolutions: ${run.awsSolutions.evaluatedRules.size} rules`);
  if (run.guard) packs.push(`cfn-guard Control Tower: ${run.guard.ruleIds?.length ?? 0} rules${run.disabledGuardRules > 0 ? ` (${run.disabledGuardRules} not adopted)` : ''}`);
  const file = path.join(outdir, VALIDATION_REPORT_FILE);
  const report: ReportJson = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  let errors = 0;
  let warnings = 0;
  let acknowledged = 0;
  for (const plugin of report.pluginReports ?? []) {
    for (const v of plugin.violations ?? []) {
      if (v.severity === 'warning' || v.severity === 'info') warnings += constructCount(v);
      else errors += constructCount(v);
    }
    for (const v of plugin.suppressedViolations ?? []) acknowledged += constructCount(v);
  }
  const outcome = errors + warnings === 0
    ? 'no findings'
    : `${errors} error(s), ${warnings} warning(s): see the validation report above`;
  return `Security checks: ${packs.join(', ')}: ${outcome}${acknowledged > 0 ? ` (${acknowledged} acknowledged with reasons)` : ''}`;
}

const summarized = new WeakSet<Stage>();
const silenced = new WeakSet<Stage>();

/** Prints the summary line once, after the stage's first successful synth (the CLI's and in-process). */
export function printSummaryAfterSynth(stage: Stage, run: SecurityRunDescription, print: (line: string) => void): void {
  if (summarized.has(stage)) return;
  summarized.add(stage);
  const synth = stage.synth.bind(stage);
  stage.synth = (options) => {
    const assembly = synth(options);
    if (!silenced.has(stage)) {
      silenced.add(stage); // Stage.synth caches its assembly: later calls validate nothing new.
      print(securitySummaryLine(run, stage.outdir));
    }
    return assembly;
  };
}

/** For callers that report findings themselves (synthWithSecurityChecks): no summary line. */
export function silenceSummary(stage: Stage): void {
  silenced.add(stage);
}
