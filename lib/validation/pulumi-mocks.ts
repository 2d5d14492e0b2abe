/**
 * Runs a Pulumi program offline under `pulumi.runtime.setMocks` and records every resource it registers,
 * with inputs as plain JSON (outputs resolved), so tests and `aimd synth` can inspect and validate what a
 * Pulumi blueprint would create without the Pulumi CLI or cloud credentials.
 */
import * as pulumi from '@pulumi/pulumi';
import { MockEnvironment, mockCallResult, mockResourceState } from './private/pulumi-mock-state';
import { ValidationFinding } from './types';
import { UNKNOWN_OUTPUT } from './private/unknown-output';

/** One resource registration seen while a program ran. */
export interface RecordedPulumiResource {
  /** Pulumi type token, e.g. `aws:s3/bucket:Bucket`, `kubernetes:apps/v1:Deployment`. */
  readonly type: string;
  /** The logical name given to the constructor. */
  readonly name: string;
  /** The URN the mock monitor assigned (includes the parent type chain). */
  readonly urn?: string;
  /** Inputs as plain JSON: outputs resolved, secrets unwrapped, resource references as URNs. */
  readonly inputs: Record<string, unknown>;
  /** The parent's URN, for resources created inside a ComponentResource. */
  readonly parent?: string;
  /** False for ComponentResources. */
  readonly custom: boolean;
  /** The explicit provider reference (`<provider urn>::<id>`), if one was passed. */
  readonly provider?: string;
  /** URNs this resource depends on (through inputs or `dependsOn`). */
  readonly dependencies: readonly string[];
  /** `retainOnDelete`: `pulumi destroy` leaves the cloud resource in place (data buckets, keys). */
  readonly retainOnDelete: boolean;
  /** `protect`: Pulumi refuses to delete the resource until the option is removed. */
  readonly protect: boolean;
}

export interface PulumiCaptureOptions {
  /**
   * Pulumi project name, the second part of each URN.
   *
   * @default 'aimd'
   */
  readonly project?: string;
  /**
   * Stack name, the first part of each URN.
   *
   * @default 'test'
   */
  readonly stack?: string;
  /**
   * Stack configuration the program reads with `new pulumi.Config()`, e.g. `{ 'aws:region': 'eu-west-1' }`.
   * Replaces the configuration of any earlier capture.
   *
   * @default - empty
   */
  readonly config?: Readonly<Record<string, string>>;
  /**
   * Region and account in mocked ARNs and provider-function results.
   *
   * @default { region: 'us-east-1', account: '123456789012' }
   */
  readonly environment?: MockEnvironment;
  /**
   * Extra outputs for a resource, merged over the default mock state: use it when a program reads an
   * output the mocks do not know (it would otherwise resolve to undefined and its input vanish).
   *
   * @default - none
   */
  readonly outputs?: (resource: { readonly type: string; readonly name: string; readonly inputs: Record<string, unknown> }) => Record<string, unknown> | undefined;
}

export { UNKNOWN_OUTPUT };

/** Only one program can own Pulumi's process-wide runtime state at a time; captures queue up. */
let previousCapture: Promise<unknown> = Promise.resolve();

/**
 * Runs `program` under Pulumi mocks and returns the resources it registered, in the order registrations completed.
 *
 * Callable many times in one process: each call installs fresh mocks and returns only its own resources.
 * It returns once every registration has settled: it awaits the program, then `pulumi.runtime.disconnect()`,
 * which waits for Pulumi's RPC queue to drain (the same step the Automation API takes after an inline
 * program), so resources created inside `apply` callbacks are included.
 */
export function capturePulumiProgram(program: () => unknown | Promise<unknown>, options: PulumiCaptureOptions = {}): Promise<RecordedPulumiResource[]> {
  const run = previousCapture.then(() => captureNow(program, options));
  previousCapture = run.catch(() => undefined);
  return run;
}

async function captureNow(program: () => unknown | Promise<unknown>, options: PulumiCaptureOptions): Promise<RecordedPulumiResource[]> {
  const env = options.environment ?? { region: 'us-east-1', account: '123456789012' };
  const recorded: RecordedPulumiResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const { id, state } = mockResourceState(args, env);
        const extra = options.outputs?.({ type: args.type, name: args.name, inputs: args.inputs }) ?? {};
        return { id, state: { ...state, ...extra } };
      },
      call: (args) => mockCallResult(args, env),
    },
    options.project ?? 'aimd',
    options.stack ?? 'test',
    false,
  );
  pulumi.runtime.setAllConfig({ ...(options.config ?? {}) });
  recordRegistrations(recorded);
  try {
    await program();
  } finally {
    await pulumi.runtime.disconnect();
  }
  return recorded;
}

/** The protobuf RegisterResourceRequest/Response accessors this module reads. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getDependenciesList(): string[];
  getRetainondelete(): boolean | undefined;
  getProtect(): boolean | undefined;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}
interface RegisterResponse {
  getUrn(): string;
}
type RegisterCallback = (error: unknown, response?: RegisterResponse) => void;

/**
 * Wraps the mock monitor's registerResource: the mocks' own callback does not see the parent or the URN.
 * `MockMonitor.registerResource(req, callback)` is public in @pulumi/pulumi (runtime/mocks.d.ts).
 */
function recordRegistrations(recorded: RecordedPulumiResource[]): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: RegisterRequest, callback: RegisterCallback): unknown };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (error, response) => {
      if (response) {
        recorded.push({
          type: req.getType(),
          name: req.getName(),
          urn: response.getUrn(),
          inputs: plainJson(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
          parent: req.getParent() || undefined,
          custom: req.getCustom(),
          provider: req.getProvider() || undefined,
          dependencies: req.getDependenciesList(),
          retainOnDelete: req.getRetainondelete() === true,
          protect: req.getProtect() === true,
        });
      }
      callback(error, response);
    });
}

/** Pulumi's wire encoding (secrets, resource references, assets, output values) -> plain JSON. */
function plainJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainJson);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  switch (object[pulumi.runtime.specialSigKey]) {
    case pulumi.runtime.specialSecretSig:
      return plainJson(object.value);
    case pulumi.runtime.specialResourceSig:
      return object.urn;
    case pulumi.runtime.specialAssetSig:
      return { asset: object.path ?? object.text ?? object.uri };
    case pulumi.runtime.specialArchiveSig:
      return { archive: object.path ?? object.uri ?? plainJson(object.assets) };
    case pulumi.runtime.specialOutputValueSig:
      return 'value' in object ? plainJson(object.value) : UNKNOWN_OUTPUT;
    default:
      return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, plainJson(item)]));
  }
}

/** Text Pulumi substitutes when an Output is used in a template string instead of `pulumi.interpolate`. */
const OUTPUT_TO_STRING = 'Calling [toString] on an [Output<T>] is not supported';
/** Inputs that are never meant to be empty: identifiers and references to other resources. */
const REQUIRED_LOOKING = /(Arn|Id|Ids|Name|Url|Endpoint)$|^(role|policy|bucket|cluster|image|subnetIds|vpcId)$/;

/**
 * Findings about captured resources that the Pulumi engine would reject or deploy wrongly:
 * unresolved outputs, Outputs interpolated into strings, empty identifier-like inputs, duplicate URNs.
 */
export function validatePulumiResources(resources: readonly RecordedPulumiResource[]): ValidationFinding[] {
  const findings: ValidationFinding[] = [];
  const seen = new Map<string, number>();
  for (const resource of resources) {
    const id = resource.urn ?? `${resource.type}::${resource.name}`;
    const add = (rule: string, message: string) => findings.push({ engine: 'pulumi', resource: id, rule, severity: 'error', message });
    seen.set(id, (seen.get(id) ?? 0) + 1);
    if (seen.get(id) === 2) add('pulumi/duplicate-urn', `two resources share the URN ${id}; give them different names or parents`);
    walkInputs(resource.inputs, '', (path, value) => {
      const key = path.replace(/(\[\d+\])+$/, '').split('.').pop() ?? '';
      if (value === UNKNOWN_OUTPUT) add('pulumi/unresolved-output', `${path}: the output this input reads never resolved`);
      else if (typeof value === 'string' && value.includes(OUTPUT_TO_STRING)) {
        add('pulumi/output-in-string', `${path}: an Output was put into a string with \`\${}\`; use pulumi.interpolate or .apply()`);
      } else if ((value === null || value === '') && REQUIRED_LOOKING.test(key)) {
        add('pulumi/empty-input', `${path}: ${JSON.stringify(value)} where an identifier is expected`);
      }
    });
  }
  return findings;
}

function walkInputs(value: unknown, path: string, visit: (path: string, value: unknown) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walkInputs(item, `${path}[${i}]`, visit));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) walkInputs(item, path ? `${path}.${key}` : key, visit);
  } else {
    visit(path, value);
  }
}
