/**
 * The drift job's Lambda entry point (`index.handler` in the bundle built by bundle.ts), invoked by its
 * EventBridge schedule. It logs one JSON line with the verdict and the per-feature scores.
 */
import { S3ObjectStore } from '../inference/aws/s3-object-store';
import { CloudWatchMetricsPublisher, S3ObjectLister } from './aws';
import { runDriftJob } from './job';
import { readDriftJobConfig } from './job-config';
import { QUALITY_ENV, readQualityJobConfig, runQualityJob } from './quality-job';

export async function handler(): Promise<unknown> {
  // The same bundle runs the ground-truth quality job (quality-job.ts) when its function sets AIMD_JOB=quality.
  if (process.env[QUALITY_ENV.job] === 'quality') return qualityHandler();
  return driftHandler();
}

async function qualityHandler(): Promise<{ value?: number; labelledRows: number }> {
  const config = readQualityJobConfig(process.env);
  const result = await runQualityJob(config, { store: new S3ObjectStore(), lister: new S3ObjectLister(), metrics: new CloudWatchMetricsPublisher() }, new Date());
  process.stdout.write(`${JSON.stringify({ level: 'info', message: 'quality computed', deployment: config.deployment, metric: config.metric, ...result })}\n`);
  return { value: result.value, labelledRows: result.labelledRows };
}

async function driftHandler(): Promise<{ verdict: string; overallScore: number; windowRows: number }> {
  const config = readDriftJobConfig(process.env);
  const result = await runDriftJob(config, { store: new S3ObjectStore(), lister: new S3ObjectLister(), metrics: new CloudWatchMetricsPublisher() }, new Date());
  const { report } = result;
  process.stdout.write(`${JSON.stringify({
    level: 'info', message: 'drift computed', deployment: config.deployment, verdict: report.verdict, overallScore: report.overallScore,
    windowRows: report.windowRows, objects: result.objects, malformedLines: result.malformedLines, truncated: result.truncated, published: result.published,
    features: [...report.features, ...(report.prediction ? [report.prediction] : [])].map((f) => ({ feature: f.feature, psi: f.psi, test: f.test, verdict: f.verdict })),
  })}\n`);
  return { verdict: report.verdict, overallScore: report.overallScore, windowRows: report.windowRows };
}
