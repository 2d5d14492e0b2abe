/**
 * Drift detection of an edge fleet, decided once for CDK, cdktf and Pulumi: the serverless targets' drift job (the
 * same Lambda bundle of lib/drift, the same `DriftDetectionJob` constructs, the same alarms) runs on a schedule over
 * the records the devices capture (lib/edge-app/capture.ts), which Firehose writes as JSON Lines under `capture/` of
 * the fleet's artifact bucket (capture-pipeline.ts). Edge records already have the shape the reader takes: numeric
 * `features` and a flat `prediction` (`score`, `isAnomaly`), so nothing is flattened on the way.
 *
 * Baseline: `s3://<artifact bucket>/baseline/profile.json`, built by `aimd baseline` from readings of healthy
 * operation (`--prediction-field score`) and uploaded there; until it exists every run fails and the job-errors
 * alarm says so (docs/drift.md, "Edge deployments").
 *
 * The job reads the bucket only below `capture/` and `baseline/profile.json`, decrypts only through S3 (the fleet
 * key encrypts the objects as S3 writes them), runs outside any VPC (a fleet has none; it talks to the S3 and
 * CloudWatch APIs only) and logs to `/aws/lambda/<name>-drift`, encrypted with the fleet key.
 */
import type { ProblemCollector } from '../errors';
import { LAMBDA_RUNTIME } from '../inference/deployment/config';
import { driftSettings, type DriftJobHost } from '../inference/deployment/drift';
import type { DeploymentSpec } from '../spec/types';
import { EDGE_CAPTURE_PREFIX } from './capture-pipeline';

/** What an engine knows only once it renders: the artifact bucket's name and the account (tokens or resolved values). */
export interface EdgeDriftReferences {
  readonly bucket: string;
  readonly account: string;
}

/** The drift job of a fleet, for the engine's bucket and account. */
export type EdgeDriftJob = (refs: EdgeDriftReferences) => DriftJobHost;

/** Name of the drift job's log group (the fleet key's policy lets CloudWatch Logs use the key for it). */
export function edgeDriftLogGroupName(deployment: string): string {
  return `/aws/lambda/${deployment}-drift`;
}

/** Checks the spec's drift settings of an edge fleet (the fleet plan collects these with its other problems). */
export function checkEdgeDrift(spec: DeploymentSpec, p: ProblemCollector): void {
  p.check(!spec.monitoring.driftDetection || spec.monitoring.dataCapture.enabled, 'monitoring.driftDetection', true,
    'the drift job compares the records devices capture with the baseline, but data capture is off',
    'set monitoring.dataCapture.enabled to true, or monitoring.driftDetection to false');
}

/** The fleet's drift job; `undefined` when `monitoring.driftDetection` or `monitoring.dataCapture` is off. */
export function planEdgeDriftJob(spec: DeploymentSpec, captureRetentionDays: number): EdgeDriftJob | undefined {
  if (!spec.monitoring.driftDetection || !spec.monitoring.dataCapture.enabled) return undefined;
  return (refs) => {
    const settings = driftSettings(spec, refs.bucket, refs.bucket);
    return {
      name: spec.name, account: refs.account, region: spec.region, logRetentionDays: spec.monitoring.logRetentionDays,
      function: { runtime: LAMBDA_RUNTIME },
      capture: { ...settings.capture!, prefix: EDGE_CAPTURE_PREFIX, retentionDays: captureRetentionDays },
      drift: { ...settings.drift!, logGroup: edgeDriftLogGroupName(spec.name) },
      runsInVpc: false,
      decryptOnlyThroughS3: true,
    };
  };
}
