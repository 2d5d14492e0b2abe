/** `aimd synth`: every blueprint on every engine into `out/`, with the review table. */
import { ALL_BLUEPRINTS, getBlueprint } from '../../blueprints';
import { specBlueprints } from './synth-specs';
import { ProblemCollector } from '../errors';
import { formatFindings } from '../validation/types';
import { SYNTH_ENGINES, formatSummaryTable, synthAll, type SynthEngine } from '../synth/synth-all';
import { parseFlags } from './args';
import { SYNTH_COMMAND, type CommandResult } from './synth-flags';

export async function runSynth(argv: readonly string[], progress: (line: string) => void): Promise<CommandResult> {
  const values = parseFlags(SYNTH_COMMAND, argv);
  const p = new ProblemCollector();
  const names = (values.blueprint as string[] | undefined) ?? [];
  const known = ALL_BLUEPRINTS.map((b) => b.name);
  for (const name of names) p.check(known.includes(name), '--blueprint', name, `is not a blueprint (known: ${known.join(', ') || 'none'})`, 'run `aimd blueprints` to list them');
  const engines = (values.engine as string[] | undefined) ?? [];
  for (const engine of engines) p.check(SYNTH_ENGINES.includes(engine as SynthEngine), '--engine', engine, `must be one of ${SYNTH_ENGINES.join(', ')}`, 'pick an engine from the list');
  const specPaths = (values.spec as string[] | undefined) ?? [];
  const environment = values.environment as string | undefined;
  if (environment !== undefined) p.check(specPaths.length > 0, '--environment', environment, 'selects an environment of spec files and needs --spec', 'add --spec <file>, or remove --environment');
  p.throwIfAny('aimd synth');
  // With --spec, only the named blueprints (if any) join the specs; without, every blueprint.
  const named = names.length > 0 || specPaths.length > 0 ? names.map(getBlueprint) : ALL_BLUEPRINTS;
  const blueprints = [...named, ...specBlueprints(specPaths, named.map((b) => b.name), environment, progress)];
  if (blueprints.length === 0) return { output: 'No blueprints are registered.', exitCode: 1 };
  const summary = await synthAll(blueprints, {
    outDir: values.out as string | undefined,
    engines: engines.length > 0 ? (engines as SynthEngine[]) : undefined,
    securityChecks: values['no-security-checks'] !== true,
    bundling: values['no-bundling'] !== true,
    onProgress: progress,
  });
  const errors = summary.findings.filter((f) => f.severity === 'error');
  const text = values.json === true
    ? JSON.stringify(summary, null, 2)
    : [formatSummaryTable(summary), '', errors.length > 0 ? `Invalid output:\n${formatFindings(errors)}` : `All outputs valid. Written to ${summary.outDir}.`].join('\n');
  return { output: text, exitCode: summary.valid ? 0 : 1 };
}
