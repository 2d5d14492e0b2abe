/**
 * The AWS Control Tower cfn-guard rules, run only where they can report something. Each rule file of
 * `@cdklabs/cdk-validator-cfnguard` applies to the resource types it names (`Resources.*[ Type == ... ]`)
 * and SKIPs a template that has none of them; handing the cfn-guard binary only the files that name a
 * type present in the templates gives the same findings for a fraction of the time (llm-eks: 50 of 237
 * files, 4.7 s instead of 20 s of CPU, same non-compliant results; measured 2026-12-02, 2-core machine).
 * Files that name no type at all are always run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';

/** The package's Control Tower rules folder (what `controlTowerRulesEnabled` runs). */
function controlTowerRulesDir(): string {
  return path.join(path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules', 'control-tower', 'cfn-guard');
}

interface RuleFile {
  readonly path: string;
  /** CloudFormation types the file names; empty when it names none. */
  readonly types: ReadonlySet<string>;
}

let ruleFiles: RuleFile[] | undefined;

/** Every rule file with the resource types it names, read once per process (about 2.8 MB). */
function allRuleFiles(): RuleFile[] {
  if (ruleFiles === undefined) {
    const files: RuleFile[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.guard')) files.push({ path: full, types: new Set(fs.readFileSync(full, 'utf8').match(/AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g) ?? []) });
      }
    };
    walk(controlTowerRulesDir());
    ruleFiles = files;
  }
  return ruleFiles;
}

/**
 * The rule files that can report on templates holding these resource types, minus the disabled ones
 * (by file name without extension, e.g. `ct-s3-pr-9`, as CfnGuardValidator's `disabledRules`).
 */
export function relevantGuardRuleFiles(resourceTypes: ReadonlySet<string>, disabledRules: readonly string[] = []): string[] {
  return allRuleFiles()
    .filter((rule) => !disabledRules.includes(path.basename(rule.path, '.guard')))
    .filter((rule) => rule.types.size === 0 || [...rule.types].some((t) => resourceTypes.has(t)))
    .map((rule) => rule.path);
}

function resourceTypesOf(templatePaths: readonly string[]): Set<string> {
  const types = new Set<string>();
  for (const file of templatePaths) {
    const template = JSON.parse(fs.readFileSync(file, 'utf8')) as { Resources?: Record<string, { Type?: unknown }> };
    for (const resource of Object.values(template.Resources ?? {})) if (typeof resource?.Type === 'string') types.add(resource.Type);
  }
  return types;
}

/**
 * CfnGuardValidator over the Control Tower rules, given only the rule files that apply to the templates
 * being validated. Same plugin name, so findings and acknowledgements (`cdk-validator-cfnguard::<rule>`)
 * are unchanged.
 */
export class RelevantControlTowerRules implements IPolicyValidationPlugin {
  private readonly all: CfnGuardValidator;
  public readonly name: string;
  public readonly version?: string;
  public readonly ruleIds?: string[];

  constructor(private readonly disabledRules: readonly string[] = []) {
    this.all = new CfnGuardValidator({ disabledRules: [...disabledRules] });
    this.name = this.all.name;
    this.version = this.all.version;
    this.ruleIds = this.all.ruleIds;
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const rules = relevantGuardRuleFiles(resourceTypesOf(context.templatePaths), this.disabledRules);
    if (rules.length === 0) return { success: true, violations: [] };
    return new CfnGuardValidator({ controlTowerRulesEnabled: false, rules }).validate(context);
  }
}
