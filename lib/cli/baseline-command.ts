/**
 * `aimd baseline`: builds the drift baseline profile from a dataset file (JSON Lines or CSV with a header).
 * Upload the result to `s3://<model bucket>/baseline/profile.json`; the drift job compares every window
 * of captured traffic with it (docs/drift.md).
 */
import { promises as fs } from 'fs';
import { existsSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';
import { ProblemCollector } from '../errors';
import { detectFormat, parseDataset } from '../drift/dataset';
import { LLM_FEATURES, llmBaselineRows } from '../drift/llm-summary';
import { buildBaselineProfile, type BaselineProfile } from '../drift/profile';
import { numberFlag, parseFlags, type CommandSpec } from './args';
import type { CommandResult } from './synth-flags';

export const BASELINE_COMMAND: CommandSpec = {
  name: 'baseline',
  summary: 'Build the drift baseline profile (bins, quantiles, category frequencies) from a dataset file.',
  usage: 'aimd baseline --data <file.jsonl|file.csv> [--features a,b] [--categorical c,d] [--prediction-field f] --out baseline.json',
  flags: [
    { name: 'data', type: 'string', value: '<file>', description: 'Dataset: JSON Lines (one flat object per line) or CSV with a header row.' },
    { name: 'features', type: 'string', value: '<a,b>', description: 'Columns to profile (default: every column but the prediction field).' },
    { name: 'categorical', type: 'string', value: '<c,d>', description: 'Columns to treat as categorical even if numeric (default: columns with non-numeric values).' },
    { name: 'prediction-field', type: 'string', value: '<f>', description: 'Column holding the model output, profiled for prediction drift.' },
    { name: 'bins', type: 'string', value: '<n>', description: 'Quantile bins per numeric feature (default 10).' },
    { name: 'llm', type: 'boolean', description: 'The data are LLM request summaries: an OTLP/JSON trace export of the collector\'s capture (vLLM llm_request spans) or JSON Lines of {promptTokens, completionTokens, latencySeconds, finishReason, status}; profiles token lengths, latency, finish reason and status.' },
    { name: 'out', type: 'string', value: '<file>', description: 'Where to write the profile (JSON).' },
  ],
  examples: [
    'aimd baseline --data train.csv --prediction-field label --out baseline.json',
    'aimd baseline --data sample.jsonl --features age,income,country --categorical country --out baseline.json',
    'aimd baseline --llm --data llm-capture-2026-12-01.json --out baseline.json',
  ],
};

function list(raw: unknown): string[] | undefined {
  return typeof raw === 'string' ? raw.split(',').map((s) => s.trim()).filter((s) => s !== '') : undefined;
}

/** Reads the dataset, builds the profile and writes it. @throws InputValidationError */
export async function runBaseline(argv: readonly string[], now: () => Date = () => new Date()): Promise<CommandResult & { profile: BaselineProfile }> {
  const values = parseFlags(BASELINE_COMMAND, argv);
  const problems = new ProblemCollector();
  const data = values.data as string | undefined;
  const out = values.out as string | undefined;
  problems.check(data !== undefined, '--data', data, 'is required', 'pass --data train.csv (or a .jsonl file)');
  problems.check(out !== undefined, '--out', out, 'is required', 'pass --out baseline.json');
  const bins = numberFlag(problems, values, 'bins', { min: 2, max: 100 });
  if (out !== undefined) {
    problems.check(existsSync(dirname(resolve(out))), '--out', out, `is in a folder that does not exist (${dirname(out)})`, 'create the folder first, or write the profile elsewhere');
  }
  let text = '';
  if (data !== undefined) {
    try {
      text = await fs.readFile(data, 'utf8');
    } catch (e) {
      problems.add('--data', data, `cannot be read (${(e as Error).message})`, 'pass the path of an existing file');
    }
  }
  problems.throwIfAny('aimd baseline');
  const llm = values.llm === true;
  const rows = llm ? llmBaselineRows(text) : parseDataset(text, detectFormat(data as string, text), basename(data as string));
  const profile = buildBaselineProfile(rows, {
    features: list(values.features), categorical: llm ? [LLM_FEATURES.finishReason, LLM_FEATURES.status] : list(values.categorical), predictionField: values['prediction-field'] as string | undefined,
    bins, source: basename(data as string), createdAt: now().toISOString(),
  });
  // Written aside and renamed into place: a failure never leaves half a profile.
  const temp = join(dirname(out as string), `.${basename(out as string)}.tmp-${process.pid}`);
  try {
    await fs.writeFile(temp, `${JSON.stringify(profile, null, 2)}\n`);
    await fs.rename(temp, out as string);
  } finally {
    await fs.rm(temp, { force: true });
  }
  const kinds = Object.entries(profile.features).map(([name, f]) => `${name} (${f.kind})`);
  const lines = [
    `Baseline of ${profile.rows} rows written to ${out}.`,
    `Features: ${kinds.join(', ')}${profile.prediction ? `; prediction: ${profile.prediction.field} (${profile.prediction.profile.kind})` : ''}.`,
    'Upload it next to the model: aws s3 cp ' + out + ' s3://<model bucket>/baseline/profile.json',
  ];
  return { output: lines.join('\n'), exitCode: 0, profile };
}
