/**
 * The `aimd` command line. Exit codes: 0 success, 1 infeasible plan or invalid output, 2 bad input.
 */
import { ACCELERATORS, ALL_INSTANCE_TYPES, CLOUDS, DEFAULT_REGIONS, MODELS, cloudOf, instanceTypesOfCloud, type CloudId } from '../catalogue';
import { InfeasiblePlanError, InputValidationError } from '../errors';
import { HelpRequested, parseFlags, type CommandSpec } from './args';
import { BASELINE_COMMAND } from './baseline-command';
import { INIT_COMMAND, runInit } from './init-command';
import { LOADTEST_COMMAND } from './loadtest-command';
import { PIPELINE_COMMAND } from './pipeline-flags';
import { runValidate, VALIDATE_COMMAND, type SpecCommandResult } from './validate-command';
import { SpecFileError } from '../spec/spec-file-error';
import { PLAN_COMMAND, prefetchPlanModel, runPlan } from './plan-command';
import { prefetchModelsOfFlags } from './prefetch-models';
import { SYNTH_COMMAND, type CommandResult } from './synth-flags';
import { modelInputProblem } from './model-input-problem';

/** `--flag value` / `--flag=value` pairs of argv, read leniently (for naming a value in an error). */
function parseFlagValues(argv: readonly string[]): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  argv.forEach((arg, i) => {
    const match = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (match) values[match[1]!] = match[2] ?? argv[i + 1];
  });
  return values;
}

const BLUEPRINTS_COMMAND: CommandSpec = {
  name: 'blueprints', summary: 'List the blueprints `aimd synth` renders.', usage: 'aimd blueprints [--json]',
  flags: [{ name: 'json', type: 'boolean', description: 'Print as JSON.' }], examples: ['aimd blueprints'],
};
const CATALOGUE_COMMAND: CommandSpec = {
  name: 'catalogue', summary: 'List catalogue entries: models, instances or accelerators.', usage: 'aimd catalogue --list <models|instances|accelerators> [--json]',
  flags: [
    { name: 'list', type: 'string', value: '<what>', description: 'models | instances | accelerators (default models).' },
    { name: 'cloud', type: 'string', value: '<aws|gcp|azure|any>', description: 'With --list instances: whose machine types (default aws; any lists every cloud).' },
    { name: 'json', type: 'boolean', description: 'Print as JSON.' },
  ],
  examples: ['aimd catalogue --list models', 'aimd catalogue --list instances --json', 'aimd catalogue --list instances --cloud azure'],
};

const DOCS_COMMAND: CommandSpec = {
  name: 'docs', summary: "Regenerate the README's blueprint sections from docs/blueprints/*.md and the current plans.", usage: 'aimd docs [--check]',
  flags: [{ name: 'check', type: 'boolean', description: 'Only check; exit 1 when the README is out of date.' }],
  examples: ['npm run docs', 'aimd docs --check'],
};

const COMMANDS: readonly CommandSpec[] = [PLAN_COMMAND, VALIDATE_COMMAND, INIT_COMMAND, SYNTH_COMMAND, BLUEPRINTS_COMMAND, CATALOGUE_COMMAND, DOCS_COMMAND, BASELINE_COMMAND, PIPELINE_COMMAND, LOADTEST_COMMAND];

function usage(): string {
  return [
    'aimd: plan, synthesize and review ML model deployments (CDK, Terraform via cdktf, Pulumi, Kubernetes).',
    '',
    'Usage: aimd <command> [options]   (aimd <command> --help for its options)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(11)} ${c.summary}`),
    '',
  ].join('\n');
}

// Blueprints pull in every engine (CDK, cdktf, Pulumi): load them only for the commands that need them,
// so that `aimd plan` starts fast.
async function runBlueprints(argv: readonly string[]): Promise<string> {
  const values = parseFlags(BLUEPRINTS_COMMAND, argv);
  const { ALL_BLUEPRINTS } = await import('../../blueprints');
  if (values.json) return JSON.stringify(ALL_BLUEPRINTS.map((b) => ({ name: b.name, description: b.description, target: b.spec.target.kind })), null, 2);
  return ALL_BLUEPRINTS.map((b) => `${b.name.padEnd(24)} ${b.description}`).join('\n');
}

function runCatalogue(argv: readonly string[]): string {
  const values = parseFlags(CATALOGUE_COMMAND, argv);
  const what = (values.list as string | undefined) ?? 'models';
  const cloud = (values.cloud as string | undefined) ?? 'aws';
  if (cloud !== 'any' && !CLOUDS.includes(cloud as CloudId)) {
    throw new InputValidationError('aimd catalogue', [{ field: '--cloud', value: cloud, message: `must be one of ${[...CLOUDS, 'any'].join(', ')}`, fix: 'pass --cloud aws, gcp, azure or any' }]);
  }
  const instances = cloud === 'any' ? ALL_INSTANCE_TYPES : instanceTypesOfCloud(cloud as CloudId);
  const price = (i: (typeof instances)[number]) => {
    const region = DEFAULT_REGIONS[cloudOf(i)];
    const value = i.onDemandPricePerHourUsd[region];
    return value === undefined ? `no price in ${region}` : `$${value}/h in ${region}`;
  };
  const tables: Record<string, () => [unknown[], string[]]> = {
    models: () => [MODELS as unknown[], MODELS.map((m) => `${m.id.padEnd(46)} ${(m.parameters / 1e9).toFixed(1).padStart(6)}B  ctx ${m.maxContextLength}${m.moe ? `  MoE ${m.moe.numExperts}×top${m.moe.expertsPerToken}` : ''}`)],
    instances: () => [instances as unknown[], instances.map((i) => `${i.name.padEnd(cloud === 'aws' ? 16 : 34)} ${String(i.acceleratorCount).padStart(2)} × ${(i.acceleratorId ?? 'cpu').padEnd(12)} ${price(i)}${i.sagemaker ? `  ${i.sagemaker.name}` : ''}`)],
    accelerators: () => [ACCELERATORS as unknown[], ACCELERATORS.map((a) => `${a.id.padEnd(12)} ${a.name.padEnd(28)} ${a.memoryGB} GB  ${a.memoryBandwidthGBps} GB/s  bf16 ${a.denseBf16Tflops} TFLOP/s`)],
  };
  const table = tables[what];
  if (!table) {
    throw new InputValidationError('aimd catalogue', [{ field: '--list', value: what, message: 'must be models, instances or accelerators', fix: 'pass --list models' }]);
  }
  const [data, lines] = table();
  return values.json ? JSON.stringify(data, null, 2) : lines.join('\n');
}

/** Runs a command; never throws for user errors (they become exit code 2 with the message). */
/** Where the CLI writes: stdout for results, stderr for progress and errors. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const PROCESS_IO: CliIo = {
  out: (text) => { process.stdout.write(`${text}\n`); },
  err: (text) => { process.stderr.write(`${text}\n`); },
};

export async function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  try {
    let result: CommandResult;
    switch (name) {
      case 'plan': {
        await prefetchPlanModel(rest); // a Hugging Face model outside the catalogue is fetched into the cache first
        await prefetchModelsOfFlags({ spec: parseFlags(PLAN_COMMAND, rest).spec });
        const plan = runPlan(rest);
        if (plan.error !== undefined) {
          if (plan.output) io.out(plan.output);
          io.err(`error: ${plan.error}`);
          return 1;
        }
        result = { output: plan.output, exitCode: 0 };
        break;
      }
      case 'synth':
        // flags and --help are answered before every engine is loaded; Hub models are fetched before planning
        await prefetchModelsOfFlags({ spec: parseFlags(SYNTH_COMMAND, rest).spec });
        result = await (await import('./synth-command')).runSynth(rest, io.err);
        break;
      case 'validate':
      case 'init': {
        const flags = parseFlags(name === 'init' ? INIT_COMMAND : VALIDATE_COMMAND, rest);
        // EKS serves LLMs only, so `init --target eks` needs the model's architecture; elsewhere a model
        // outside the catalogue may be a classic one (a SageMaker Hugging Face classifier, an ONNX file).
        await prefetchModelsOfFlags({ spec: flags.spec, model: name === 'init' && flags.target === 'eks' ? flags.model : undefined });
        const spec: SpecCommandResult = name === 'init' ? runInit(rest) : runValidate(rest);
        if (spec.errors) io.err(spec.errors);
        result = spec;
        break;
      }
      case 'blueprints': result = { output: await runBlueprints(rest), exitCode: 0 }; break;
      case 'docs': {
        const values = parseFlags(DOCS_COMMAND, rest);
        result = (await import('./docs-command')).runDocs(values.check === true);
        break;
      }
      case 'catalogue': result = { output: runCatalogue(rest), exitCode: 0 }; break;
      case 'baseline': result = await (await import('./baseline-command')).runBaseline(rest); break;
      case 'pipeline': result = await (await import('./pipeline-command')).runPipeline(rest); break;
      case 'loadtest': result = (await import('./loadtest-command')).runLoadTest(rest); break;
      default:
        io.err(`Unknown command '${name}'.\n\n${usage()}`);
        return 2;
    }
    io.out(result.output);
    return result.exitCode;
  } catch (error) {
    if (error instanceof HelpRequested) {
      io.out(error.text);
      return 0;
    }
    if (error instanceof InfeasiblePlanError || (error instanceof SpecFileError && error.infeasible)) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    // A model error no command turned into a problem: named by the flag its value came from.
    const flags = parseFlagValues(rest);
    const modelProblem = modelInputProblem(error, undefined, (error as Error).name === 'HuggingFaceConfigError' ? flags['model-config'] : flags.model);
    if (modelProblem) {
      io.err(`error: ${new InputValidationError(`aimd ${name}`, [modelProblem]).message}`);
      return 2;
    }
    if (error instanceof InputValidationError || (error as Error).name === 'BlueprintPlanningError') {
      io.err(`error: ${(error as Error).message}`);
      return 2;
    }
    io.err(`internal error: ${(error as Error).stack ?? String(error)}`);
    return 70;
  }
}


