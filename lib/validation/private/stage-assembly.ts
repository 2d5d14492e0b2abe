/**
 * Synthesizes a CDK Stage once, and recovers the assembly when only the validation plugins failed:
 * CDK writes the assembly (and `validation-report.json`) before it throws on plugin violations.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Stage } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { VALIDATION_REPORT_FILE } from './validation-report';

/** What synthesizing a stage produced. */
export interface StageSynthesis {
  readonly assembly?: CloudAssembly;
  /** The error synth threw, if any. */
  readonly failure?: unknown;
  /** Path of the validation report written by this synth, if any. */
  readonly reportFile?: string;
}

/** `cxapi.CDK_APP_MODE_ENV`: how CDK reports validation failures ("inmemory" or "process"). */
const APP_MODE_ENV = 'CDK_APP_MODE';

const synthesized = new WeakMap<Stage, StageSynthesis>();

/** Synthesizes `stage` (once per stage: later calls return the first result). */
export function synthesizeStage(stage: Stage): StageSynthesis {
  const cached = synthesized.get(stage);
  if (cached) return cached;
  const reportFile = path.join(stage.outdir, VALIDATION_REPORT_FILE);
  // A report left by an earlier run in a reused output directory (cdk.out) must not be read as this one's.
  fs.rmSync(reportFile, { force: true });
  let assembly: CloudAssembly | undefined;
  let failure: unknown;
  // Outside jest, CDK prints the whole validation report to stderr before throwing; in "inmemory" mode it
  // only puts it in the exception, which we replace by findings. The mode is read only by that reporting
  // (aws-cdk-lib 2.276 synthesis-validation.js); an explicit setting by the caller wins.
  const previousMode = process.env[APP_MODE_ENV];
  process.env[APP_MODE_ENV] = previousMode ?? 'inmemory';
  try {
    assembly = stage.synth();
  } catch (error) {
    failure = error;
  } finally {
    if (previousMode === undefined) delete process.env[APP_MODE_ENV];
  }
  const hasReport = fs.existsSync(reportFile);
  if (!assembly && hasReport && fs.existsSync(path.join(stage.outdir, 'manifest.json'))) {
    assembly = new CloudAssembly(stage.outdir);
  }
  const result: StageSynthesis = { assembly, failure, reportFile: hasReport ? reportFile : undefined };
  synthesized.set(stage, result);
  return result;
}
