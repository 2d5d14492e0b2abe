/**
 * Structural checks on the Terraform JSON that cdktf synthesizes (`cdk.tf.json`), catching what
 * `terraform validate` would reject without needing provider downloads: undeclared providers, unknown
 * provider aliases, references to resources that do not exist, unresolved cdktf tokens, bad addresses.
 */
import { unresolvedTokenProblem } from './private/tokens';
import { ValidationFinding } from './types';

/** Providers built into Terraform itself: no `required_providers` entry needed (`terraform_data`, `terraform_remote_state`). */
const BUILTIN_PROVIDERS = new Set(['terraform']);
/** Terraform identifiers: a letter or underscore, then letters, digits, `_` and `-` (Terraform docs, "Configuration Syntax", read 2026-11-24). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

type Block = Record<string, unknown>;
type Report = (resource: string, rule: string, message: string) => void;

/** What the configuration declares, for reference checks. */
interface Declarations {
  readonly resources: ReadonlySet<string>;
  readonly dataSources: ReadonlySet<string>;
  readonly variables: ReadonlySet<string>;
  readonly locals: ReadonlySet<string>;
  readonly modules: ReadonlySet<string>;
  readonly providerLocalNames: ReadonlySet<string>;
  /** Provider names a reference root may start with (`aws` in `aws_s3_bucket.x`): declared or used. */
  readonly providerPrefixes: ReadonlySet<string>;
  /** `aws.east` for every aliased provider block. */
  readonly providerAliases: ReadonlySet<string>;
}

/**
 * Validates a synthesized cdktf stack (`Testing.synth(stack)` parsed, or `cdk.tf.json`).
 *
 * Checks: `terraform.required_providers` declares every provider used by resources, data sources and
 * provider blocks; `provider = "aws.alias"` names a configured alias; every `${aws_x.y.attr}`,
 * `${data.x.y.attr}`, `${var.x}`, `${local.x}`, `${module.x}` and `depends_on` entry points to something
 * declared; no unresolved cdktf token (`${TfToken[...]}`) is left; resource names are valid identifiers and
 * `count`/`for_each` are not combined. (Duplicate addresses cannot exist in parsed JSON; cdktf rejects
 * duplicate construct ids at synth.)
 */
export function validateTerraformJson(json: object, stack: string): ValidationFinding[] {
  const findings: ValidationFinding[] = [];
  const report: Report = (resource, rule, message) => findings.push({ engine: 'terraform', resource: `${stack}/${resource}`, rule, severity: 'error', message });
  const config = json as Block;
  const declared = declarations(config);
  checkProviders(config, declared, report);
  for (const [section, prefix] of [['resource', ''], ['data', 'data.']] as const) {
    for (const [type, name, body] of blocksOf(config[section])) {
      const address = `${prefix}${type}.${name}`;
      checkBlock(address, type, name, body, declared, report);
    }
  }
  for (const [sectionName, label] of [['output', 'output'], ['locals', 'local'], ['module', 'module'], ['provider', 'provider']] as const) {
    const section = config[sectionName];
    if (section && typeof section === 'object') scanExpressions(section, '', declared, (rule, message) => report(label, rule, message));
  }
  return findings;
}

function declarations(config: Block): Declarations {
  const addresses = (section: unknown) => new Set(blocksOf(section).map(([type, name]) => `${type}.${name}`));
  const keys = (section: unknown) => new Set(section && typeof section === 'object' ? Object.keys(section) : []);
  const required = ((config.terraform as Block | undefined)?.required_providers ?? {}) as Block;
  const aliases = new Set<string>();
  for (const [name, configs] of Object.entries((config.provider ?? {}) as Block)) {
    for (const providerConfig of Array.isArray(configs) ? configs : [configs]) {
      const alias = (providerConfig as Block | null)?.alias;
      if (typeof alias === 'string') aliases.add(`${name}.${alias}`);
    }
  }
  return {
    resources: addresses(config.resource),
    dataSources: addresses(config.data),
    variables: keys(config.variable),
    locals: keys(config.locals),
    modules: keys(config.module),
    providerLocalNames: new Set(Object.keys(required)),
    providerPrefixes: new Set([
      ...Object.keys(required),
      ...Object.keys((config.provider ?? {}) as Block),
      ...[...blocksOf(config.resource), ...blocksOf(config.data)].map(([type]) => type.split('_')[0]),
    ]),
    providerAliases: aliases,
  };
}

/** `[type, name, body]` for every block of a `resource` or `data` section. */
function blocksOf(section: unknown): Array<[string, string, Block]> {
  if (!section || typeof section !== 'object') return [];
  return Object.entries(section as Block).flatMap(([type, byName]) =>
    Object.entries((byName ?? {}) as Block).map(([name, body]) => [type, name, (body ?? {}) as Block] as [string, string, Block]),
  );
}

function checkProviders(config: Block, declared: Declarations, report: Report): void {
  const used = new Map<string, string>();
  for (const section of ['resource', 'data'] as const) {
    for (const [type, name, body] of blocksOf(config[section])) {
      const local = typeof body.provider === 'string' ? body.provider.split('.')[0] : type.split('_')[0];
      used.set(local, `${section === 'data' ? 'data.' : ''}${type}.${name}`);
    }
  }
  for (const name of Object.keys((config.provider ?? {}) as Block)) used.set(name, `provider.${name}`);
  for (const [provider, firstUser] of used) {
    if (BUILTIN_PROVIDERS.has(provider) || declared.providerLocalNames.has(provider)) continue;
    const missing = declared.providerLocalNames.size === 0 ? 'terraform.required_providers is missing' : `terraform.required_providers has no '${provider}'`;
    report(firstUser, 'terraform/required-providers', `${missing}: provider '${provider}' is used here; declare it (cdktf does when the provider construct is in the stack)`);
  }
}

function checkBlock(address: string, type: string, name: string, body: Block, declared: Declarations, report: Report): void {
  const add = (rule: string, message: string) => report(address, rule, message);
  if (!IDENTIFIER.test(name)) add('terraform/invalid-address', `'${name}' is not a valid Terraform name (a letter or '_', then letters, digits, '_' or '-')`);
  if (!/^[a-z0-9]+_[a-z0-9_]+$/.test(type) && type !== 'terraform_data') add('terraform/invalid-address', `'${type}' is not a resource type (<provider>_<name>)`);
  if (body.count !== undefined && body.for_each !== undefined) add('terraform/count-and-for-each', 'count and for_each cannot both be set');
  if (typeof body.provider === 'string' && body.provider.includes('.') && !declared.providerAliases.has(body.provider)) {
    add('terraform/unknown-provider-alias', `provider = "${body.provider}" names no provider block with that alias`);
  }
  for (const dependency of Array.isArray(body.depends_on) ? body.depends_on : []) {
    const target = typeof dependency === 'string' ? dependency.replace(/^\$\{(.*)\}$/, '$1') : dependency;
    if (typeof target !== 'string' || !isDeclared(target, declared, true)) add('terraform/reference', `depends_on: ${JSON.stringify(dependency)} names nothing declared in this stack`);
  }
  scanExpressions(body, '', declared, add);
}

/** Checks every string of a block: unresolved tokens and the references inside `${...}`. */
function scanExpressions(value: unknown, path: string, declared: Declarations, add: (rule: string, message: string) => void): void {
  const token = unresolvedTokenProblem(value);
  if (token) {
    add('terraform/unresolved-token', `${path || '(value)'}: ${token}`);
    return;
  }
  if (typeof value === 'string') {
    for (const expression of expressionsIn(value)) {
      for (const reference of referencesIn(expression, declared)) {
        if (!isDeclared(reference, declared, false)) add('terraform/reference', `${path || '(value)'}: \${${expression}} refers to ${reference}, which this stack does not declare`);
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => scanExpressions(item, `${path}[${i}]`, declared, add));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'depends_on') continue;
      scanExpressions(item, path ? `${path}.${key}` : key, declared, add);
    }
  }
}

/** The bodies of `${ ... }` interpolations (not `$${` escapes), braces and quoted strings balanced. */
function expressionsIn(text: string): string[] {
  const found: string[] = [];
  for (let i = text.indexOf('${'); i >= 0; i = text.indexOf('${', i + 2)) {
    if (i > 0 && text[i - 1] === '$') continue;
    let depth = 1;
    let quoted = false;
    let j = i + 2;
    for (; j < text.length && depth > 0; j++) {
      const c = text[j];
      if (quoted) {
        if (c === '\\') j++;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
    }
    if (depth === 0) found.push(text.slice(i + 2, j - 1));
  }
  return found;
}

/** Referenced addresses in one expression: `aws_x.y`, `data.aws_x.y`, `var.x`, `local.x`, `module.x`. */
function referencesIn(expression: string, declared: Declarations): string[] {
  const code = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const references: string[] = [];
  for (const match of code.matchAll(/(?<![\w.])(data\.)?([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)/g)) {
    const [, data, root, name] = match;
    if (data) references.push(`data.${root}.${name}`);
    else if (root === 'var' || root === 'local' || root === 'module') references.push(`${root}.${name}`);
    else if (root.includes('_') && declared.providerPrefixes.has(root.split('_')[0])) references.push(`${root}.${name}`);
  }
  return references;
}

function isDeclared(reference: string, declared: Declarations, allowBareModule: boolean): boolean {
  const [root, second, third] = reference.split('.');
  switch (root) {
    case 'data':
      return declared.dataSources.has(`${second}.${third}`);
    case 'var':
      return declared.variables.has(second);
    case 'local':
      return declared.locals.has(second);
    case 'module':
      return declared.modules.has(second) || (allowBareModule && second === undefined);
    default:
      return declared.resources.has(`${root}.${second}`);
  }
}
