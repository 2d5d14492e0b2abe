/**
 * The drift job's environment contract. The infrastructure (lib/inference/deployment/drift.ts) writes it
 * with the names in {@link DRIFT_ENV}; the job reads it back here, validated.
 */
import { parseObjectUri, type ObjectLocation } from '../inference/object-store';

/** Environment variable names of the drift job. */
export const DRIFT_ENV = {
  deployment: 'DRIFT_DEPLOYMENT',
  captureUri: 'DRIFT_CAPTURE_URI',
  baselineUri: 'DRIFT_BASELINE_URI',
  windowHours: 'DRIFT_WINDOW_HOURS',
  namespace: 'DRIFT_METRICS_NAMESPACE',
  captureFormat: 'DRIFT_CAPTURE_FORMAT',
  refusalFinishReasons: 'DRIFT_REFUSAL_FINISH_REASONS',
} as const;

/**
 * What the capture objects hold: `records` (JSON Lines of `{time, features, prediction}`, written by the serverless
 * targets) or `otlp-llm-spans` (OTLP/JSON trace exports of vLLM's `llm_request` spans, written by the EKS
 * collector's awss3 exporter; lib/drift/llm-summary.ts).
 */
export type CaptureFormat = 'records' | 'otlp-llm-spans';
export const CAPTURE_FORMATS: readonly CaptureFormat[] = ['records', 'otlp-llm-spans'];

export interface DriftJobConfig {
  /** Value of the `Deployment` metric dimension. */
  readonly deployment: string;
  /** Bucket and prefix (ending in `/`) of the captured records. */
  readonly capture: ObjectLocation;
  /** The baseline profile object. */
  readonly baseline: ObjectLocation;
  readonly windowHours: number;
  readonly namespace: string;
  /** @default 'records' */
  readonly captureFormat?: CaptureFormat;
  /** Finish reasons counted as refusals (`otlp-llm-spans`). @default - DEFAULT_REFUSAL_FINISH_REASONS */
  readonly refusalFinishReasons?: readonly string[];
}

/**
 * Reads and validates the job's configuration.
 * @throws Error listing every missing or malformed variable
 */
export function readDriftJobConfig(env: NodeJS.ProcessEnv): DriftJobConfig {
  const problems: string[] = [];
  const location = (name: string, prefix: boolean): ObjectLocation => {
    try {
      const parsed = parseObjectUri(env[name] ?? '');
      if (prefix && !parsed.key.endsWith('/')) problems.push(`${name} must be a prefix ending in '/', got '${env[name]}'`);
      return parsed;
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`);
      return { bucket: '', key: '' };
    }
  };
  const capture = location(DRIFT_ENV.captureUri, true);
  const baseline = location(DRIFT_ENV.baselineUri, false);
  const rawHours = env[DRIFT_ENV.windowHours] ?? '24';
  const windowHours = Number(rawHours);
  if (!/^\d+$/.test(rawHours) || windowHours < 1 || windowHours > 168) problems.push(`${DRIFT_ENV.windowHours} must be a whole number of hours from 1 to 168, got '${rawHours}'`);
  const deployment = env[DRIFT_ENV.deployment] ?? '';
  if (deployment === '') problems.push(`${DRIFT_ENV.deployment} is required (the Deployment metric dimension)`);
  const captureFormat = (env[DRIFT_ENV.captureFormat] || 'records') as CaptureFormat;
  if (!CAPTURE_FORMATS.includes(captureFormat)) problems.push(`${DRIFT_ENV.captureFormat} must be one of ${CAPTURE_FORMATS.join(', ')}, got '${captureFormat}'`);
  const refusals = env[DRIFT_ENV.refusalFinishReasons];
  if (problems.length > 0) throw new Error(`drift job configuration has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  return { deployment, capture, baseline, windowHours, namespace: env[DRIFT_ENV.namespace] || 'aimd/Drift',
    captureFormat, ...(refusals ? { refusalFinishReasons: refusals.split(',').map((r) => r.trim()).filter((r) => r !== '') } : {}) };
}
