/**
 * Environments: one spec, several deployments (e.g. staging then prod), each overriding a few settings
 * (account, region, scaling, traffic, alarm recipients, tags) without a copy of the spec. Promotion deploys the
 * same spec and model version to the next environment, so the model, runtime and target cannot be overridden.
 * Pure functions; docs/environments.md.
 */
import { ProblemCollector, type InputProblem } from '../errors';
import { checkAlarmRecipients } from './check-recipients';
import type { DeploymentSpecInput, EnvironmentSpec, ResolvedEnvironment } from './types';

/** An environment name: short, DNS-compatible, because it becomes part of every resource name. */
export const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,14}[a-z0-9]$|^[a-z]$/;
/** What an environment may override; everything else is the spec's, in every environment. */
export const ENVIRONMENT_KEYS = ['production', 'region', 'account', 'scaling', 'traffic', 'monitoring', 'tags'] as const;
const SCALING_KEYS = ['minReplicas', 'maxReplicas', 'scaleToZero', 'scaleInCooldownSeconds', 'capacityType'];
const TRAFFIC_KEYS = ['requestsPerSecond', 'promptTokens', 'outputTokens', 'p95LatencyMs', 'timeToFirstTokenMs', 'maxPayloadKb'];
const MONITORING_KEYS = ['alarmEmail', 'recipients'];
/** The tag every environment's resources carry. */
export const ENVIRONMENT_TAG = 'aimd:environment';
/** Longest spec name (lib/spec/resolve.ts NAME_PATTERN). */
const MAX_NAME = 40;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether an environment refuses floating model references: as declared, else by its name. */
export function isProductionEnvironment(name: string, environment: EnvironmentSpec | undefined): boolean {
  return environment?.production ?? (name === 'prod' || name === 'production');
}

/** The deployment name of a spec in an environment: `<name>-<environment>` (the stack name on every engine). */
export function environmentDeploymentName(specName: string, environment: string): string {
  return `${specName}-${environment}`;
}

/**
 * Shape problems of `environments` (values are checked again, with the spec's own rules, once applied).
 * @param specName the spec's name, to check that `<name>-<environment>` still fits
 */
export function checkEnvironments(p: ProblemCollector, environments: unknown, specName: unknown): void {
  if (environments === undefined) return;
  if (!p.check(isObject(environments) && Object.keys(environments).length > 0, 'environments', environments, 'must map environment names to their overrides',
    "e.g. { staging: { scaling: { maxReplicas: 2 } }, prod: { account: '123456789012' } }")) return;
  for (const [name, value] of Object.entries(environments as Record<string, unknown>)) {
    const at = `environments.${name}`;
    p.check(ENVIRONMENT_NAME.test(name), at, name, 'is not a valid environment name: 1-16 lower-case letters, digits or -, starting with a letter', "e.g. 'staging' or 'prod'");
    if (typeof specName === 'string' && ENVIRONMENT_NAME.test(name)) {
      const full = environmentDeploymentName(specName, name);
      p.check(full.length <= MAX_NAME, at, name, `makes the deployment name '${full}' longer than ${MAX_NAME} characters`, 'shorten the spec name or the environment name');
    }
    if (value === null || value === undefined) continue; // an environment that overrides nothing
    if (!p.check(isObject(value), at, value, 'must be an object of overrides', `give any of ${ENVIRONMENT_KEYS.join(', ')}`)) continue;
    const env = value as Record<string, unknown>;
    for (const key of Object.keys(env).filter((k) => !(ENVIRONMENT_KEYS as readonly string[]).includes(k))) {
      const promoted = ['model', 'runtime', 'target'].includes(key);
      p.add(`${at}.${key}`, env[key], promoted ? 'cannot be overridden: promotion deploys the same model, runtime and target to every environment' : 'is not a field an environment can override',
        promoted ? `remove it; a different ${key} is a different spec` : `remove it or use one of ${ENVIRONMENT_KEYS.join(', ')}`);
    }
    if (env.production !== undefined) p.check(typeof env.production === 'boolean', `${at}.production`, env.production, 'must be true or false', 'set production: true for environments that serve users');
    if (env.account !== undefined) p.check(typeof env.account === 'string' && /^\d{12}$/.test(env.account), `${at}.account`, env.account, 'must be a 12-digit AWS account id', "quote it in YAML: '123456789012'");
    const nested: Array<[string, readonly string[]]> = [['scaling', SCALING_KEYS], ['traffic', TRAFFIC_KEYS], ['monitoring', MONITORING_KEYS]];
    for (const [key, known] of nested) {
      const section = env[key];
      if (section === undefined) continue;
      if (!p.check(isObject(section), `${at}.${key}`, section, 'must be an object', `give { ${known.join(', ')} }`)) continue;
      for (const k of Object.keys(section as object).filter((k) => !known.includes(k))) {
        p.add(`${at}.${key}.${k}`, (section as Record<string, unknown>)[k], 'is not a field an environment can override', `remove it or use one of ${known.join(', ')}`);
      }
    }
    if (isObject(env.monitoring)) checkAlarmRecipients(p, `${at}.monitoring`, env.monitoring.alarmEmail, env.monitoring.recipients);
    if (env.tags !== undefined) p.check(isObject(env.tags), `${at}.tags`, env.tags, 'must map tag keys to string values', "e.g. { cost-center: 'ml-prod' }");
  }
}

/** A spec with one environment applied: what every engine then renders, and which environment it is. */
export interface EnvironmentSpecInput {
  readonly spec: DeploymentSpecInput;
  readonly environment: ResolvedEnvironment;
}

/**
 * Applies an environment's overrides to a spec: scaling and traffic are merged field by field, recipients
 * replace the spec's (an environment names its own on-call), tags are merged and `aimd:environment` added,
 * and the name becomes `<name>-<environment>`. The result has no `environments` and resolves like any spec.
 * @throws InputValidationError when the environment is not declared or the environments are malformed
 */
export function applyEnvironment(spec: DeploymentSpecInput, environment: string): EnvironmentSpecInput {
  const p = new ProblemCollector();
  checkEnvironments(p, spec.environments, spec.name);
  const declared = isObject(spec.environments) ? Object.keys(spec.environments) : [];
  p.check(declared.includes(environment), '--environment', environment,
    declared.length > 0 ? `is not an environment of the spec (declared: ${declared.join(', ')})` : 'was asked for, but the spec declares no environments',
    declared.length > 0 ? `use one of ${declared.join(', ')}` : 'add environments: { <name>: { ...overrides } } to the spec, or drop --environment');
  p.throwIfAny(`Deployment spec '${spec.name}'`);
  const overrides: EnvironmentSpec = spec.environments![environment] ?? {};
  const { environments: _all, ...base } = spec;
  const monitoring = overrides.monitoring === undefined ? base.monitoring : {
    // The environment's recipients replace the spec's: staging's on-call is not production's.
    ...Object.fromEntries(Object.entries(base.monitoring ?? {}).filter(([k]) => !MONITORING_KEYS.includes(k))),
    ...overrides.monitoring,
  };
  const applied: DeploymentSpecInput = {
    ...base,
    name: environmentDeploymentName(spec.name, environment),
    ...(overrides.region !== undefined && { region: overrides.region }),
    ...(overrides.account !== undefined && { account: overrides.account }),
    ...((base.scaling !== undefined || overrides.scaling !== undefined) && { scaling: { ...base.scaling, ...overrides.scaling } }),
    ...((base.traffic !== undefined || overrides.traffic !== undefined) && { traffic: { ...base.traffic, ...overrides.traffic } }),
    ...(monitoring !== undefined && { monitoring }),
    tags: { ...base.tags, ...overrides.tags, [ENVIRONMENT_TAG]: environment },
  };
  return { spec: applied, environment: { name: environment, production: isProductionEnvironment(environment, overrides) } };
}

/**
 * Renames problems of an applied spec to the environment field that set the value, so that
 * `scaling.maxReplicas` set by prod reads `environments.prod.scaling.maxReplicas` (and points at that line).
 */
export function attributeToEnvironment(problems: readonly InputProblem[], spec: DeploymentSpecInput, environment: string): InputProblem[] {
  const overrides = (spec.environments?.[environment] ?? {}) as Record<string, unknown>;
  return problems.map((problem) => {
    const path = problem.field.split('.');
    let node: unknown = overrides;
    for (const key of path) node = isObject(node) ? node[key] : undefined;
    return node !== undefined ? { ...problem, field: `environments.${environment}.${problem.field}` } : problem;
  });
}

/** The environments of a spec in promotion order (the order they are written in). */
export function promotionOrder(spec: DeploymentSpecInput): string[] {
  return isObject(spec.environments) ? Object.keys(spec.environments) : [];
}
