/**
 * fast-check arbitraries over `aimd` command lines: the known commands with their own flags (from each
 * command's CommandSpec, so a new flag is fuzzed without touching this file) given right, wrong or no
 * values, `--flag=value` and `--flag value` forms, unknown and misspelt flags, stray positionals, and
 * unknown commands. Files a command reads (spec files, datasets) are described here and written by the
 * oracle into the case's own temporary folder.
 *
 * Bounded on purpose: `synth` always renders plain Kubernetes only and always names a spec or a
 * blueprint (a bare `aimd synth` renders every blueprint on every engine: minutes), `docs` (rewrites the
 * README) is left out.
 */
import fc from 'fast-check';
import type { CommandSpec } from '../../lib/cli/args';
import { BASELINE_COMMAND } from '../../lib/cli/baseline-command';
import { INIT_COMMAND } from '../../lib/cli/init-command';
import { PIPELINE_COMMAND } from '../../lib/cli/pipeline-flags';
import { PLAN_COMMAND } from '../../lib/cli/plan-command';
import { SYNTH_COMMAND } from '../../lib/cli/synth-flags';
import { VALIDATE_COMMAND } from '../../lib/cli/validate-command';
import { MODELS } from '../../lib/catalogue';
import { specCaseArb, type SpecCase } from './spec-arbitraries';

/** A file the case needs in its folder before the command runs. */
export interface CaseFile {
  readonly path: string;
  readonly content: string | SpecCase;
}

/** One command line and its files; paths in argv are relative to the case folder (the cwd of the run). */
export interface CliCase {
  readonly argv: readonly string[];
  readonly files: readonly CaseFile[];
}

const BLUEPRINTS = ['llm-eks', 'sagemaker-serverless', 'batch-scoring', 'no-such-blueprint', 'LLM-EKS'];
const NUMBERS = ['1', '2', '8', '0', '-5', '1.5', '1e3', '0x10', 'abc', '', ' ', 'NaN', 'Infinity', '99999999999', '0.9', '-0'];
const WORDS = ['', ' ', 'x', 'constructor', '__proto__', 'toString', 'a\nb', 'é', '--', '-'];

/** Values for a flag, by name: right ones, near misses and nonsense. */
function valuesFor(command: string, flag: string): fc.Arbitrary<string> {
  // Mostly values the flag may take (right or near misses), sometimes nonsense.
  const pick = (...values: string[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constantFrom(...WORDS) });
  switch (flag) {
    case 'spec': return command === 'pipeline' ? pick('spec.yaml', 'llm-eks', 'missing.yaml', '../outside.yaml', 'no-such-blueprint') : pick('spec.yaml', 'spec.yaml', 'spec.json', 'specs', 'missing.yaml', 'empty-folder', 'broken.yaml');
    case 'out': return command === 'synth' ? pick('out', 'nested/out') : command === 'init' ? pick('new.yaml', 'spec.yaml', 'new.json', 'missing/new.yaml') : command === 'baseline' ? pick('baseline.json', 'missing/baseline.json') : pick('wf', '.github/workflows');
    case 'engine': return command === 'synth' ? pick('kubernetes', 'kubernetes', 'k8s', 'CDK', 'helm') : pick('cdk', 'terraform', 'pulumi', 'tf', 'kubernetes');
    case 'blueprint': return pick(...BLUEPRINTS);
    case 'model': return pick(...MODELS.slice(0, 6).map((m) => m.id), 'llama-3.1-8b-instruct', 'fraud-detector', 'org/not-cached-model', 'meta-llama/llama-9', 'gpt5');
    case 'model-config': return pick('config.json', 'missing.json', 'spec.yaml');
    case 'target': return pick('eks', 'sagemaker', 'lambda', 'greengrass', 'batch', 'streaming', 'ecs', 'EKS');
    case 'name': return pick('my-model', 'Bad_Name', 'a'.repeat(50));
    case 'accelerator': return pick('l4', 'h100-80gb', 'a10g', 'h101', 'L4');
    case 'instance-type': return pick('g6e.xlarge', 'ml.g6e.12xlarge', 'p5.48xlarge', 'g7.huge', 'm7i.large');
    case 'dtype': return pick('auto', 'bfloat16', 'float16', 'fp32');
    case 'quantization': return pick('none', 'fp8', 'awq', 'int4');
    case 'kv-cache-dtype': return pick('auto', 'fp8', 'fp16');
    case 'platform': return pick('ec2', 'sagemaker', 'gcp');
    case 'region': return pick('us-east-1', 'eu-west-1', 'us-east-9');
    case 'vllm-version': return pick('0.11.0', '0.10.1', 'v0.9', 'latest', '1.2.3.4');
    case 'flashinfer-sampler': return pick('on', 'off', 'yes');
    case 'list': return pick('models', 'instances', 'accelerators', 'gpus');
    case 'data': return pick('data.csv', 'data.jsonl', 'empty.csv', 'missing.csv', 'spec.yaml');
    case 'features': case 'categorical': case 'prediction-field': return pick('age', 'age,income', 'label', 'nope', ',');
    default: return fc.oneof({ weight: 2, arbitrary: fc.constantFrom('1', '2', '8', '100', '0.9', '1024') }, { weight: 1, arbitrary: fc.constantFrom(...NUMBERS, ...WORDS) });
  }
}

/** Tokens for one known flag: `--f v`, `--f=v`, `--f` alone (a missing value), or `--f --g`. */
function flagTokens(command: CommandSpec, name: string, type: 'string' | 'boolean'): fc.Arbitrary<string[]> {
  if (type === 'boolean') {
    const forms: string[][] = [[`--${name}`], [`--${name}`], [`--${name}=yes`], [`--${name}=false`]];
    return fc.constantFrom(...forms);
  }
  return fc.oneof(
    { weight: 6, arbitrary: valuesFor(command.name, name).map((v): string[] => [`--${name}`, v]) },
    { weight: 2, arbitrary: valuesFor(command.name, name).map((v): string[] => [`--${name}=${v}`]) },
    { weight: 1, arbitrary: fc.constant<string[]>([`--${name}`]) },
  );
}

/** Tokens that are not flags of the command: unknown and misspelt flags, positionals, short options. */
function strayTokens(command: CommandSpec): fc.Arbitrary<string[]> {
  const misspelt = command.flags.map((f) => `--${f.name.slice(0, -1)}`);
  return fc.oneof(
    fc.constantFrom(...misspelt, '--verbose', '--force-all', '--', '---x').map((f) => [f]),
    fc.constantFrom(...misspelt, '--verbose').map((f) => [f, 'value']),
    fc.constantFrom('positional', '-v', '-x', 'github', '=').map((t) => [t]),
  );
}

const COMMANDS: readonly CommandSpec[] = [VALIDATE_COMMAND, PLAN_COMMAND, SYNTH_COMMAND, INIT_COMMAND, BASELINE_COMMAND, PIPELINE_COMMAND];

function commandArgv(command: CommandSpec): fc.Arbitrary<string[]> {
  const known = fc.uniqueArray(fc.constantFrom(...command.flags), { maxLength: 5, selector: (f) => f.name })
    .chain((flags) => (flags.length === 0 ? fc.constant([] as string[][]) : fc.tuple(...flags.map((f) => flagTokens(command, f.name, f.type)))));
  return fc.tuple(known, fc.oneof({ weight: 3, arbitrary: fc.constant([] as string[][]) }, { weight: 1, arbitrary: fc.array(strayTokens(command), { minLength: 1, maxLength: 2 }) }), fc.boolean(), fc.boolean()).map(([flags, stray, strayFirst, github]) => {
    const tokens = strayFirst ? [...stray.flat(), ...flags.flat()] : [...flags.flat(), ...stray.flat()];
    const head = command.name === 'pipeline' && github ? ['github'] : [];
    let argv = [command.name, ...head, ...tokens];
    if (command.name === 'synth') {
      // Bounded: plain Kubernetes only, and always a spec or a blueprint (see the file comment).
      if (!argv.some((t) => t.startsWith('--engine'))) argv = [...argv, '--engine', 'kubernetes'];
      if (!argv.some((t) => t.startsWith('--spec') || t.startsWith('--blueprint'))) argv = [...argv, '--spec', 'spec.yaml'];
      argv = argv.filter((t) => !/^--engine=(cdk|terraform|pulumi)$/.test(t));
    }
    return argv;
  });
}

const DATA_CSV = 'age,income,country,label\n34,52000,DE,0\n51,61000,FR,1\n29,40000,DE,0\n';
const DATA_JSONL = '{"age":34,"income":52000,"label":0}\n{"age":51,"income":61000,"label":1}\n';
const HF_CONFIG = JSON.stringify({ architectures: ['LlamaForCausalLM'], model_type: 'llama', hidden_size: 2048, intermediate_size: 8192, num_hidden_layers: 16, num_attention_heads: 32, num_key_value_heads: 8, vocab_size: 128256, max_position_embeddings: 8192, torch_dtype: 'bfloat16' });

/** A whole case: argv plus the files it may read. */
export const cliCaseArb: fc.Arbitrary<CliCase> = fc.tuple(
  fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...COMMANDS).chain(commandArgv) },
    { weight: 1, arbitrary: fc.constantFrom(['catalogue', '--list', 'models'], ['catalogue', '--list', 'gpus'], ['catalogue', '--json', 'x'], ['blueprints', '--json'], ['blueprints', '--bogus'], ['deploy'], ['--version'], ['help'], ['plan', '--help'], ['SYNTH'], ['']) },
  ),
  specCaseArb,
  specCaseArb,
  fc.constantFrom('name: [unclosed', '{"name": ', '\t- bad: yaml:', '', '# only a comment\n'),
).map(([argv, spec, other, broken]) => ({
  argv,
  files: [
    { path: 'spec.yaml', content: { ...spec, format: spec.format === 'json' ? 'yaml' : spec.format === 'object' ? 'yaml' : spec.format } },
    { path: 'spec.json', content: { ...other, format: 'json' } },
    { path: 'specs/a.yaml', content: { ...spec, format: 'yaml' } },
    { path: 'specs/b.json', content: { ...other, format: 'json' } },
    { path: 'broken.yaml', content: broken },
    { path: 'data.csv', content: DATA_CSV },
    { path: 'data.jsonl', content: DATA_JSONL },
    { path: 'empty.csv', content: '' },
    { path: 'config.json', content: HF_CONFIG },
    { path: 'empty-folder/.keep', content: '' },
  ],
}));
