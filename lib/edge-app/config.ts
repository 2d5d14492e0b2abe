/**
 * The edge app's configuration, parsed from the command line the recipe's Run step builds from the
 * component configuration (`--threshold "{configuration:/threshold}"` ...). Every problem is reported at
 * once, so a bad deployment configuration fails the component's start with one clear message.
 */
import { ProblemCollector } from '../errors';

export interface EdgeAppTopics {
  readonly input: string;
  readonly output: string;
  readonly errors: string;
  readonly health: string;
}

export interface EdgeAppConfig {
  /** Path of the ONNX model file. */
  readonly modelPath: string;
  /** Label echoed in every result and health message. */
  readonly modelVersion: string;
  readonly threshold: number;
  readonly topics: EdgeAppTopics;
  /** Seconds between health messages (0 = only on start and on failure). */
  readonly healthIntervalSeconds: number;
  readonly maxBatchSize: number;
  /** Which pub/sub to use: Greengrass IPC on a device, JSON lines on stdin/stdout for local runs. */
  readonly pubsub: 'greengrass' | 'stdio';
  /** Folder with the installed IPC client (`node_modules/aws-iot-device-sdk-v2` below it). */
  readonly ipcSdkDir?: string;
  /** Request capture to AWS IoT Core (capture.ts). @default - no capture */
  readonly capture?: { readonly topic: string; readonly samplingPercent: number; readonly deployment: string };
}

const FLAGS: Readonly<Record<string, string>> = {
  '--model': 'modelPath',
  '--model-version': 'modelVersion',
  '--threshold': 'threshold',
  '--input-topic': 'input',
  '--output-topic': 'output',
  '--error-topic': 'errors',
  '--health-topic': 'health',
  '--health-interval-seconds': 'healthIntervalSeconds',
  '--max-batch-size': 'maxBatchSize',
  '--pubsub': 'pubsub',
  '--ipc-sdk-dir': 'ipcSdkDir',
  '--capture-topic': 'captureTopic',
  '--capture-percent': 'capturePercent',
  '--deployment': 'deployment',
};

/** Upper bound of one request's batch: keeps one message from holding the device's CPU for long. */
const MAX_BATCH_LIMIT = 10_000;

/** Parses `--flag value` / `--flag=value` arguments. @throws InputValidationError listing every problem */
export function parseEdgeAppArgs(argv: readonly string[]): EdgeAppConfig {
  const p = new ProblemCollector();
  const raw: Record<string, string> = {};
  const valueless = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = FLAGS[flag];
    const next = argv[i + 1];
    const value = inline ?? (next !== undefined && !next.startsWith('--') ? argv[++i] : undefined);
    if (!key) {
      p.add(flag, value ?? arg, 'is not a known option', `use ${Object.keys(FLAGS).join(', ')}`);
    } else if (value === undefined) {
      p.add(flag, undefined, 'needs a value', `pass ${flag} <value>`);
      valueless.add(key);
    } else {
      raw[key] = value;
    }
  }
  const flagOf = (key: string) => Object.keys(FLAGS).find((f) => FLAGS[f] === key)!;
  const text = (key: string, required: boolean): string | undefined => {
    const value = raw[key];
    if (value === undefined) {
      if (required && !valueless.has(key)) p.add(flagOf(key), undefined, 'is required', `pass ${flagOf(key)} <value>`);
      return undefined;
    }
    // Greengrass leaves `{configuration:/x}` as-is when the key is missing from the configuration.
    if (p.check(!/\{[^}]*:[^}]*\}/.test(value), flagOf(key), value, 'still contains a recipe variable, so the component configuration lacks that key', 'add the key to the deployment\'s configuration merge or the recipe defaults')) {
      p.check(value.trim() !== '', flagOf(key), value, 'is empty', `give ${flagOf(key)} a value`);
    }
    return value;
  };
  const number = (key: string, fallback: number, check: (n: number) => boolean, rule: string): number => {
    const value = text(key, false);
    if (value === undefined) return fallback;
    const n = Number(value);
    p.check(value.trim() !== '' && check(n), flagOf(key), value, `must be ${rule}`, `pass a value that is ${rule}`);
    return n;
  };
  const modelPath = text('modelPath', true) ?? '';
  const modelVersion = text('modelVersion', false) ?? 'unknown';
  const threshold = number('threshold', Number.NaN, Number.isFinite, 'a finite number');
  if (raw.threshold === undefined) p.add('--threshold', undefined, 'is required', 'pass --threshold <number>');
  const topics = { input: text('input', true) ?? '', output: text('output', true) ?? '', errors: text('errors', true) ?? '', health: text('health', true) ?? '' };
  for (const [name, topic] of Object.entries(topics)) {
    p.check(!/[#+]/.test(topic), flagOf(name), topic, 'contains an MQTT wildcard; local pub/sub topics are exact', 'give the exact topic');
  }
  p.check(topics.input === '' || ![topics.output, topics.errors, topics.health].includes(topics.input), '--input-topic', topics.input,
    'is also an output topic, so the app would consume its own messages', 'use distinct input and output topics');
  const healthIntervalSeconds = number('healthIntervalSeconds', 60, (n) => Number.isInteger(n) && n >= 0, 'a whole number of seconds >= 0');
  const maxBatchSize = number('maxBatchSize', 64, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_BATCH_LIMIT, `a whole number from 1 to ${MAX_BATCH_LIMIT}`);
  const pubsub = text('pubsub', false) ?? 'greengrass';
  p.check(pubsub === 'greengrass' || pubsub === 'stdio', '--pubsub', pubsub, 'must be greengrass or stdio', 'use stdio to run the app locally with JSON lines');
  const capturePercent = number('capturePercent', 0, (n) => Number.isInteger(n) && n >= 0 && n <= 100, 'a whole number from 0 to 100');
  const captureTopic = text('captureTopic', false);
  if (capturePercent > 0) {
    p.check(captureTopic !== undefined, '--capture-topic', captureTopic, 'is required when --capture-percent is above 0', 'pass --capture-topic aimd/<deployment>/capture/<thing name>');
  }
  p.check(captureTopic === undefined || !/[#+]/.test(captureTopic), '--capture-topic', captureTopic, 'contains an MQTT wildcard; a publish topic is exact', 'give the exact IoT Core topic');
  p.throwIfAny('Edge inference app configuration');
  return {
    modelPath, modelVersion, threshold, topics, healthIntervalSeconds, maxBatchSize,
    pubsub: pubsub as EdgeAppConfig['pubsub'],
    ...(raw.ipcSdkDir !== undefined && { ipcSdkDir: raw.ipcSdkDir }),
    ...(capturePercent > 0 && captureTopic !== undefined && { capture: { topic: captureTopic, samplingPercent: capturePercent, deployment: raw.deployment ?? 'edge' } }),
  };
}
