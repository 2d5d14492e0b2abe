/**
 * The AWS Control Tower rules bundled with `@cdklabs/cdk-validator-cfnguard`, indexed both ways: the
 * plugin disables rules by file name (`ct-s3-pr-9`) while its findings name the rule identifier written
 * in the file (`s3_bucket_object_lock_enabled_check`). Users see the second, so both must work.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ControlTowerRule {
  /** File name without `.guard`, what `CfnGuardValidator({ disabledRules })` matches: `ct-s3-pr-9`. */
  readonly file: string;
  /** The rule identifier findings carry: `s3_bucket_object_lock_enabled_check`. */
  readonly name: string;
  /** The control id: `CT.S3.PR.9`. */
  readonly control: string;
}

let cached: readonly ControlTowerRule[] | undefined;

/** Every bundled Control Tower rule (read once from the package's `rules/control-tower/cfn-guard`). */
export function controlTowerRules(): readonly ControlTowerRule[] {
  if (cached) return cached;
  const root = path.join(path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules', 'control-tower', 'cfn-guard');
  const rules: ControlTowerRule[] = [];
  for (const service of fs.readdirSync(root)) {
    for (const file of fs.readdirSync(path.join(root, service))) {
      if (!file.endsWith('.guard')) continue;
      const text = fs.readFileSync(path.join(root, service, file), 'utf8');
      // Most files state their identifier in the header; a few only in the rule itself.
      const name = /Rule Identifier:\s*\n#\s*(\S+)/.exec(text)?.[1] ?? /^rule (\w+) when is_cfn_template/m.exec(text)?.[1];
      const id = file.slice(0, -'.guard'.length);
      rules.push({ file: id, name: name ?? id, control: id.toUpperCase().replace(/-/g, '.') });
    }
  }
  cached = rules;
  return rules;
}

/**
 * Maps rule ids as users write them (file name, rule identifier, control id, or the namespaced finding id
 * `cdk-validator-cfnguard::<name>`) to the file names the plugin disables. Unknown ids come back in
 * `unknown` so that a typo is refused rather than silently ignored.
 */
export function resolveControlTowerRuleIds(ids: readonly string[]): { files: string[]; unknown: string[] } {
  const rules = controlTowerRules();
  const files: string[] = [];
  const unknown: string[] = [];
  for (const raw of ids) {
    const id = raw.replace(/^cdk-validator-cfnguard::/, '').trim();
    const matches = rules.filter((r) => r.file === id || r.name === id || r.control === id.toUpperCase());
    if (matches.length === 0) unknown.push(raw);
    files.push(...matches.map((r) => r.file));
  }
  return { files: [...new Set(files)], unknown };
}
