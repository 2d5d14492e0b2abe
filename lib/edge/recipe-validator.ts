/**
 * Validates a Greengrass component recipe against the recipe format before it reaches Greengrass, which
 * would otherwise reject it one problem at a time at deploy time (or, worse, accept it and fail on the
 * device). Every problem is collected and reported at once with its field path, the value and a fix.
 *
 * Rules come from the "AWS IoT Greengrass component recipe reference" and "Publish/subscribe local
 * messages" pages of the developer guide (awsdocs/aws-iot-greengrass-v2-developer-guide, read 2026-11).
 */
import { InputProblem, InputValidationError, ProblemCollector } from '../errors';
import { EdgePlatform, GREENGRASS_PLATFORM_ATTRIBUTES, IPC_MQTT_PROXY_SERVICE, IPC_PUBLISH_OPERATION, IPC_PUBLISH_TO_IOT_CORE_OPERATION, IPC_PUBSUB_SERVICE, IPC_SUBSCRIBE_OPERATION, RECIPE_FORMAT_VERSION } from './recipe';
import { isSemanticVersion, isVersionRange } from './semver';

export interface RecipeValidationOptions {
  /** Platforms that must each be matched by a manifest (`target.platforms` of the spec). @default - none required */
  readonly requiredPlatforms?: readonly EdgePlatform[];
}

const TOP_LEVEL_KEYS = [
  'RecipeFormatVersion', 'ComponentName', 'ComponentVersion', 'ComponentDescription', 'ComponentPublisher',
  'ComponentConfiguration', 'ComponentDependencies', 'ComponentType', 'ComponentSource', 'Manifests', 'Lifecycle',
];
const MANIFEST_KEYS = ['Name', 'Platform', 'Lifecycle', 'Selections', 'Artifacts'];
const LIFECYCLE_STEPS = ['Bootstrap', 'Install', 'Run', 'Startup', 'Shutdown', 'Recover'];
const STEP_KEYS = ['Script', 'RequiresPrivilege', 'Skipif', 'Timeout', 'Setenv'];
const ARTIFACT_KEYS = ['URI', 'Unarchive', 'Permission', 'Digest', 'Algorithm'];
const PERMISSIONS = ['NONE', 'OWNER', 'ALL'];
const PUBSUB_OPERATIONS = [IPC_PUBLISH_OPERATION, IPC_SUBSCRIBE_OPERATION, '*'];
/** Operations of the IoT Core MQTT proxy (Greengrass developer guide, "Publish/subscribe AWS IoT Core MQTT messages"). */
const MQTT_PROXY_OPERATIONS = [IPC_PUBLISH_TO_IOT_CORE_OPERATION, 'aws.greengrass#SubscribeToIoTCore', '*'];
/** S3 bucket naming rules (S3 user guide, "Bucket naming rules", read 2026-11): 3-63 lower-case letters, digits, dots, hyphens. */
const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+)$/;
const COMPONENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/**
 * Recipe variables (recipe reference, "Recipe variables"): `{configuration:/ptr}`, `{artifacts:path}`,
 * `{artifacts:decompressedPath}`, `{work:path}`, each optionally prefixed with a dependency's name, and
 * `{kernel:rootPath}`, `{iot:thingName}`.
 */
const RECIPE_VARIABLE = /\{([^{}\s]*:[^{}\s]*)\}/g;
const OWN_VARIABLE = /^(?:([A-Za-z0-9][A-Za-z0-9._-]*):)?(configuration:\/.*|artifacts:path|artifacts:decompressedPath|work:path)$/;

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Records a problem unless `value` is an object; narrows it when it is. */
function objectAt(p: ProblemCollector, path: string, value: unknown, message: string, fix: string): value is Obj {
  return p.check(isObject(value), path, value, message, fix);
}

function unknownKeys(p: ProblemCollector, path: string, obj: Obj, known: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) p.add(`${path}.${key}`, obj[key], 'is not a recipe field (keys are case-sensitive)', `use one of ${known.join(', ')}`);
  }
}

function stringMap(p: ProblemCollector, path: string, value: unknown): void {
  if (!objectAt(p, path, value, 'must be an object of strings', 'give { NAME: "value" }')) return;
  for (const [k, v] of Object.entries(value as Obj)) {
    p.check(typeof v === 'string', `${path}.${k}`, v, 'must be a string', 'quote the value');
  }
}

/** `{configuration:/a/b}` must point at a key of the default configuration, or Greengrass leaves it unreplaced. */
function checkVariables(p: ProblemCollector, path: string, script: string, defaults: Obj | undefined, dependencies: readonly string[]): void {
  for (const match of script.matchAll(RECIPE_VARIABLE)) {
    const variable = match[1]!;
    if (variable === 'kernel:rootPath' || variable === 'iot:thingName') continue;
    const own = OWN_VARIABLE.exec(variable);
    if (!own) {
      p.add(path, `{${variable}}`, 'is not a recipe variable', 'use {configuration:/key}, {artifacts:path}, {artifacts:decompressedPath}, {work:path}, {kernel:rootPath} or {iot:thingName}');
      continue;
    }
    const dependency = own[1];
    if (dependency !== undefined) {
      p.check(dependencies.includes(dependency), path, `{${variable}}`, `names '${dependency}', which is not a direct dependency`, `add '${dependency}' to ComponentDependencies or drop the prefix`);
      continue;
    }
    if (own[2]!.startsWith('configuration:')) {
      const pointer = own[2]!.slice('configuration:'.length);
      const found = pointer.split('/').slice(1).reduce<unknown>((node, key) => (isObject(node) ? node[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), defaults);
      p.check(found !== undefined, path, `{${variable}}`, `points at ${pointer}, which the DefaultConfiguration does not define (Greengrass would leave the text unreplaced)`,
        'add the key to ComponentConfiguration.DefaultConfiguration or fix the JSON pointer');
    }
  }
}

function checkStep(p: ProblemCollector, path: string, step: unknown, defaults: Obj | undefined, dependencies: readonly string[]): void {
  if (typeof step === 'string') {
    p.check(step.trim() !== '', path, step, 'is an empty script', 'give the command to run');
    checkVariables(p, path, step, defaults, dependencies);
    return;
  }
  if (!objectAt(p, path, step, 'must be a script string or { Script, ... }', 'give { Script: "command" }')) return;
  const s = step as Obj;
  unknownKeys(p, path, s, STEP_KEYS);
  if (p.check(typeof s.Script === 'string' && s.Script.trim() !== '', `${path}.Script`, s.Script, 'is required', 'give the command to run')) {
    checkVariables(p, `${path}.Script`, s.Script as string, defaults, dependencies);
  }
  if (s.RequiresPrivilege !== undefined) p.check(typeof s.RequiresPrivilege === 'boolean', `${path}.RequiresPrivilege`, s.RequiresPrivilege, 'must be true or false', 'use a boolean');
  if (s.Skipif !== undefined) {
    p.check(typeof s.Skipif === 'string' && /^(onpath|exists) \S+/.test(s.Skipif), `${path}.Skipif`, s.Skipif, "must be 'onpath <runnable>' or 'exists <file>'", "e.g. 'onpath node'");
  }
  if (s.Timeout !== undefined) p.check(Number.isInteger(s.Timeout) && (s.Timeout as number) > 0, `${path}.Timeout`, s.Timeout, 'must be a positive whole number of seconds', 'e.g. 120');
  if (s.Setenv !== undefined) stringMap(p, `${path}.Setenv`, s.Setenv);
}

function checkLifecycle(p: ProblemCollector, path: string, lifecycle: unknown, defaults: Obj | undefined, dependencies: readonly string[]): void {
  if (!objectAt(p, path, lifecycle, 'must be an object', 'give { Install?, Run | Startup, ... }')) return;
  const l = lifecycle as Obj;
  unknownKeys(p, path, l, ['Setenv', ...LIFECYCLE_STEPS]);
  if (l.Setenv !== undefined) stringMap(p, `${path}.Setenv`, l.Setenv);
  for (const step of LIFECYCLE_STEPS) {
    if (l[step] !== undefined) checkStep(p, `${path}.${step}`, l[step], defaults, dependencies);
  }
  p.check(!(l.Run !== undefined && l.Startup !== undefined), `${path}.Startup`, '(set)', 'cannot be combined with Run: a component has one Run or one Startup step', 'keep Run for a foreground process, Startup for a background service');
}

function checkArtifacts(p: ProblemCollector, path: string, artifacts: unknown): void {
  if (!p.check(Array.isArray(artifacts), path, artifacts, 'must be a list', 'give [{ URI: "s3://bucket/key" }]')) return;
  const names = new Map<string, number>();
  (artifacts as unknown[]).forEach((a, i) => {
    const f = `${path}[${i}]`;
    if (!objectAt(p, f, a, 'must be an object', 'give { URI, Unarchive?, Permission? }')) return;
    unknownKeys(p, f, a, ARTIFACT_KEYS);
    const uri = a.URI;
    const m = typeof uri === 'string' ? S3_URI.exec(uri) : null;
    if (p.check(m !== null, `${f}.URI`, uri, 'must be an s3://bucket/key URI with a valid bucket name and a key', 'upload the artifact to S3 and give its full URI')) {
      const fileName = m![2]!.split('/').pop()!;
      p.check(fileName !== '', `${f}.URI`, uri, 'ends with / and names no file', 'point at the object, not a prefix');
      const first = names.get(fileName);
      p.check(first === undefined, `${f}.URI`, uri, `has the same file name as ${path}[${first}]; each artifact needs a unique file name within a manifest`, 'rename one of the files');
      names.set(fileName, i);
    }
    if (a.Unarchive !== undefined) p.check(a.Unarchive === 'NONE' || a.Unarchive === 'ZIP', `${f}.Unarchive`, a.Unarchive, 'must be NONE or ZIP', 'use ZIP for .zip archives');
    if (a.Permission !== undefined && objectAt(p, `${f}.Permission`, a.Permission, 'must be an object', 'give { Read?, Execute? }')) {
      const perm = a.Permission as Obj;
      unknownKeys(p, `${f}.Permission`, perm, ['Read', 'Execute']);
      for (const k of ['Read', 'Execute']) {
        if (perm[k] !== undefined) p.check(PERMISSIONS.includes(perm[k] as string), `${f}.Permission.${k}`, perm[k], `must be one of ${PERMISSIONS.join(', ')}`, 'use OWNER unless other components read the file');
      }
    }
  });
}

function checkPlatform(p: ProblemCollector, path: string, platform: unknown): void {
  if (!objectAt(p, path, platform, 'must be an object of platform attributes', "give { os: 'linux', architecture: 'aarch64' }")) return;
  for (const [k, v] of Object.entries(platform as Obj)) {
    p.check(typeof v === 'string' && (v === '*' || /^\/.+\/$/.test(v) || /^[A-Za-z0-9]/.test(v)), `${path}.${k}`, v,
      "must be an exact value starting with a letter or digit, '*', or a /regex/", "e.g. 'linux' or '/amd64|x86_64/'");
  }
}

function checkAccessControl(p: ProblemCollector, path: string, accessControl: unknown): void {
  if (!objectAt(p, path, accessControl, 'must map IPC service identifiers to policies', `give { '${IPC_PUBSUB_SERVICE}': { '<component>:pubsub:1': { operations, resources } } }`)) return;
  for (const [service, policies] of Object.entries(accessControl as Obj)) {
    if (!objectAt(p, `${path}.${service}`, policies, 'must map policy ids to policies', 'give { "<component>:pubsub:1": { operations, resources } }')) continue;
    for (const [id, policy] of Object.entries(policies as Obj)) {
      const f = `${path}.${service}.${id}`;
      if (!objectAt(p, f, policy, 'must be an object', 'give { policyDescription?, operations, resources }')) continue;
      const { operations, resources } = policy as Obj;
      const opsOk = p.check(Array.isArray(operations) && operations.length > 0 && operations.every((o) => typeof o === 'string'), `${f}.operations`, operations, 'must list at least one operation', `e.g. ['${IPC_SUBSCRIBE_OPERATION}']`);
      p.check(Array.isArray(resources) && resources.length > 0 && resources.every((r) => typeof r === 'string' && r !== ''), `${f}.resources`, resources, 'must list at least one resource', 'list the topics, e.g. ["sensors/readings"]');
      if (service === IPC_MQTT_PROXY_SERVICE && opsOk) {
        for (const op of operations as string[]) {
          p.check(MQTT_PROXY_OPERATIONS.includes(op), `${f}.operations`, op, `is not a ${IPC_MQTT_PROXY_SERVICE} operation`, `use ${MQTT_PROXY_OPERATIONS.join(' or ')}`);
        }
      }
      if (service !== IPC_PUBSUB_SERVICE) continue;
      if (opsOk) {
        for (const op of operations as string[]) {
          p.check(PUBSUB_OPERATIONS.includes(op), `${f}.operations`, op, `is not a ${IPC_PUBSUB_SERVICE} operation`, `use ${PUBSUB_OPERATIONS.join(' or ')}`);
        }
      }
      for (const r of Array.isArray(resources) ? resources : []) {
        p.check(typeof r !== 'string' || !/[#+]/.test(r), `${f}.resources`, r, 'uses an MQTT wildcard; local pub/sub policies accept exact topics or * only', 'list each topic explicitly');
      }
    }
  }
}

function platformKey(platform: unknown): string | undefined {
  return isObject(platform) ? JSON.stringify(Object.entries(platform).sort(([a], [b]) => a.localeCompare(b))) : undefined;
}

/** Whether a manifest's Platform matches a device platform (exact values, `*`, or a /regex/). */
function matchesPlatform(platform: unknown, target: EdgePlatform): boolean {
  if (platform === undefined) return true;
  if (!isObject(platform)) return false;
  const attrs: Record<string, string> = { ...GREENGRASS_PLATFORM_ATTRIBUTES[target] };
  return Object.entries(platform).every(([k, v]) => {
    if (typeof v !== 'string') return false;
    if (v === '*') return true;
    const actual = attrs[k];
    if (actual === undefined) return false;
    if (/^\/.+\/$/.test(v)) {
      try {
        return new RegExp(`^(?:${v.slice(1, -1)})$`).test(actual);
      } catch {
        return false;
      }
    }
    return v === actual;
  });
}

/**
 * Checks a recipe against the Greengrass recipe format: required keys, semantic version, dependency
 * ranges, platform manifests (one per required platform, catch-all last, no duplicates), lifecycle steps,
 * artifact URIs, recipe variables and IPC access control. Returns every problem; empty when valid.
 */
export function validateComponentRecipe(recipe: unknown, options: RecipeValidationOptions = {}): InputProblem[] {
  const p = new ProblemCollector();
  if (!objectAt(p, '(recipe)', recipe, 'must be an object', 'pass the parsed recipe JSON')) return [...p.list()];
  const r = recipe as Obj;
  unknownKeys(p, '(recipe)', r, TOP_LEVEL_KEYS);
  p.check(r.RecipeFormatVersion === RECIPE_FORMAT_VERSION, 'RecipeFormatVersion', r.RecipeFormatVersion, `must be '${RECIPE_FORMAT_VERSION}' (the only format version)`, `set it to '${RECIPE_FORMAT_VERSION}'`);
  if (p.check(typeof r.ComponentName === 'string' && COMPONENT_NAME.test(r.ComponentName), 'ComponentName', r.ComponentName,
    'is required: letters, digits, ., _ and -, starting with a letter or digit', "use reverse-domain notation, e.g. 'com.example.SensorAnomaly'")) {
    p.check(!(r.ComponentName as string).startsWith('aws.greengrass'), 'ComponentName', r.ComponentName,
      'uses the aws.greengrass prefix, which replaces the AWS-provided component of that name', 'pick a name under your own domain');
  }
  p.check(isSemanticVersion(r.ComponentVersion), 'ComponentVersion', r.ComponentVersion, 'must be a semantic version major.minor.patch', "e.g. '1.0.0'");
  p.check(typeof r.ComponentPublisher === 'string' && r.ComponentPublisher.trim() !== '', 'ComponentPublisher', r.ComponentPublisher, 'is required', 'name the team or company that publishes the component');
  if (r.ComponentDescription !== undefined) p.check(typeof r.ComponentDescription === 'string', 'ComponentDescription', r.ComponentDescription, 'must be a string', 'describe the component in one line');

  let defaults: Obj | undefined;
  if (r.ComponentConfiguration !== undefined && objectAt(p, 'ComponentConfiguration', r.ComponentConfiguration, 'must be an object', 'give { DefaultConfiguration: { ... } }')) {
    const config = r.ComponentConfiguration as Obj;
    unknownKeys(p, 'ComponentConfiguration', config, ['DefaultConfiguration']);
    if (objectAt(p, 'ComponentConfiguration.DefaultConfiguration', config.DefaultConfiguration, 'must be an object', 'give the default configuration as an object')) {
      defaults = config.DefaultConfiguration as Obj;
      if (defaults.accessControl !== undefined) checkAccessControl(p, 'ComponentConfiguration.DefaultConfiguration.accessControl', defaults.accessControl);
    }
  }

  const dependencies: string[] = [];
  if (r.ComponentDependencies !== undefined && objectAt(p, 'ComponentDependencies', r.ComponentDependencies, 'must map component names to { VersionRequirement }', "e.g. { 'aws.greengrass.Nucleus': { VersionRequirement: '>=2.5.0 <3.0.0' } }")) {
    for (const [name, dep] of Object.entries(r.ComponentDependencies as Obj)) {
      dependencies.push(name);
      const f = `ComponentDependencies.${name}`;
      if (!objectAt(p, f, dep, 'must be an object', 'give { VersionRequirement, DependencyType? }')) continue;
      unknownKeys(p, f, dep, ['VersionRequirement', 'DependencyType']);
      p.check(isVersionRange(dep.VersionRequirement), `${f}.VersionRequirement`, dep.VersionRequirement, 'must be an npm-style semantic version range', "e.g. '>=2.5.0 <3.0.0' or '^2.3.0'");
      if (dep.DependencyType !== undefined) p.check(dep.DependencyType === 'HARD' || dep.DependencyType === 'SOFT', `${f}.DependencyType`, dep.DependencyType, 'must be HARD or SOFT', 'SOFT: do not restart when the dependency changes state');
    }
  }
  if (r.Lifecycle !== undefined) checkLifecycle(p, 'Lifecycle', r.Lifecycle, defaults, dependencies);

  const manifests = r.Manifests;
  if (p.check(Array.isArray(manifests) && manifests.length > 0, 'Manifests', manifests, 'must list at least one manifest', 'add a manifest per platform: { Platform: { os, architecture }, Lifecycle, Artifacts }')) {
    const seen = new Map<string, number>();
    (manifests as unknown[]).forEach((m, i) => {
      const f = `Manifests[${i}]`;
      if (!objectAt(p, f, m, 'must be an object', 'give { Platform, Lifecycle, Artifacts }')) return;
      unknownKeys(p, f, m, MANIFEST_KEYS);
      if (m.Platform === undefined) {
        p.check(i === (manifests as unknown[]).length - 1, `${f}.Platform`, undefined, 'is missing, so this manifest matches every device and hides the manifests after it', 'give it a Platform or move it last');
      } else {
        checkPlatform(p, `${f}.Platform`, m.Platform);
        const key = platformKey(m.Platform)!;
        const first = seen.get(key);
        p.check(first === undefined, `${f}.Platform`, m.Platform, `repeats Manifests[${first}].Platform; devices use the first match, so this manifest is never used`, 'remove it or change its platform');
        seen.set(key, i);
      }
      if (m.Lifecycle !== undefined) checkLifecycle(p, `${f}.Lifecycle`, m.Lifecycle, defaults, dependencies);
      else p.check(r.Lifecycle !== undefined, `${f}.Lifecycle`, undefined, 'is missing and the recipe has no global Lifecycle, so nothing would run', 'add Lifecycle: { Install?, Run }');
      if (m.Selections !== undefined) p.check(Array.isArray(m.Selections) && m.Selections.every((s) => typeof s === 'string'), `${f}.Selections`, m.Selections, 'must be a list of selection keys', "e.g. ['all']");
      if (m.Artifacts !== undefined) checkArtifacts(p, `${f}.Artifacts`, m.Artifacts);
    });
    for (const platform of options.requiredPlatforms ?? []) {
      const attrs = GREENGRASS_PLATFORM_ATTRIBUTES[platform];
      p.check((manifests as unknown[]).some((m) => isObject(m) && matchesPlatform(m.Platform, platform)), 'Manifests', `(${platform})`,
        `has no manifest for ${platform}, so those devices fail the deployment`, `add a manifest with Platform { os: '${attrs.os}', architecture: '${attrs.architecture}' }`);
    }
  }
  return [...p.list()];
}

/** @throws InputValidationError listing every problem of the recipe */
export function assertValidComponentRecipe(recipe: unknown, options: RecipeValidationOptions = {}): void {
  const problems = validateComponentRecipe(recipe, options);
  if (problems.length > 0) {
    const name = isObject(recipe) ? `${String(recipe.ComponentName)}@${String(recipe.ComponentVersion)}` : '?';
    throw new InputValidationError(`Greengrass recipe ${name}`, problems);
  }
}
