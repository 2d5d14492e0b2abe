/**
 * `aimd init --model <id> --target <kind> [--out file]`: writes a commented starter spec that validates
 * and plans as written (the command checks its own output before writing it). The file is written aside
 * and renamed into place, so a failure never leaves half a spec; an existing file is kept unless --force.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { findModel } from '../catalogue';
import { InputValidationError, ProblemCollector } from '../errors';
import { checkSpec } from '../spec/check-spec';
import { parseSpecText } from '../spec/load-file';
import { NAME_PATTERN } from '../spec/resolve';
import { starterSpec, starterSpecText } from '../spec/starter-spec';
import { specTargetKinds, UNSERVED_TARGETS } from '../spec/targets';
import type { TargetKind } from '../spec/types';
import { choiceFlag, parseFlags, type CommandSpec } from './args';
import type { SpecCommandResult } from './validate-command';

const TARGET_KINDS: readonly TargetKind[] = ['eks', 'sagemaker', 'lambda', 'greengrass', 'batch', 'streaming'];

export const INIT_COMMAND: CommandSpec = {
  name: 'init',
  summary: 'Write a commented, planned starter deployment spec (YAML) for a model on a target.',
  usage: 'aimd init --model <id> --target <eks|sagemaker|lambda|greengrass|batch|streaming> [--out <file>] [--name <name>] [--force]',
  flags: [
    { name: 'model', type: 'string', value: '<id>', description: 'Catalogue LLM id (eks, sagemaker) or your model\'s id (an ONNX model on lambda, batch, streaming).' },
    { name: 'target', type: 'string', value: '<kind>', description: 'eks | sagemaker | lambda | greengrass | batch | streaming.' },
    { name: 'out', type: 'string', value: '<file>', description: 'Write the spec to this file (default: print it).' },
    { name: 'name', type: 'string', value: '<name>', description: 'Spec name, the stack name on every engine (default: from the model id).' },
    { name: 'force', type: 'boolean', description: 'Overwrite --out if it exists.' },
  ],
  examples: [
    'aimd init --model meta-llama/Llama-3.1-8B-Instruct --target eks --out my-model.yaml',
    'aimd init --model fraud-detector --target lambda --out fraud.yaml',
  ],
};

/** The JSON Schema shipped with the package: the folder above this file's that holds schema/. */
function schemaFile(): string | undefined {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'schema', 'deployment-spec.schema.json');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** `$schema` relative to the spec file's folder, with forward slashes (what editors resolve). */
function schemaRefFrom(specDir: string): string {
  const file = schemaFile();
  if (file === undefined) return 'node_modules/ai-model-deployment/schema/deployment-spec.schema.json';
  const rel = relative(specDir, file).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function isCatalogueLlm(modelId: string): boolean {
  try {
    findModel(modelId);
    return true;
  } catch {
    return false;
  }
}

export function runInit(argv: readonly string[]): SpecCommandResult {
  const values = parseFlags(INIT_COMMAND, argv);
  const p = new ProblemCollector();
  const modelId = values.model as string | undefined;
  p.check(typeof modelId === 'string' && modelId.trim() !== '', '--model', modelId, 'is required', 'pass --model <id> (LLMs: see aimd catalogue --list models)');
  p.check(values.target !== undefined, '--target', values.target, 'is required', `pass --target ${TARGET_KINDS.join(' | ')}`);
  const target = choiceFlag(p, values, 'target', TARGET_KINDS);
  if (target !== undefined && !specTargetKinds().includes(target)) {
    p.add('--target', target, `cannot deploy from a spec yet: ${UNSERVED_TARGETS[target] ?? 'no spec renderer'}`, `use one of ${specTargetKinds().join(', ')}, or the ${target === 'greengrass' ? 'edge-greengrass blueprint' : 'built-in blueprints'}`);
  }
  const name = values.name as string | undefined;
  if (name !== undefined) {
    p.check(NAME_PATTERN.test(name), '--name', name, 'must be 1-40 lower-case letters, digits or -, starting with a letter (it names every resource)', "e.g. --name llama-8b-chat");
  }
  const out = values.out as string | undefined;
  if (out !== undefined) {
    p.check(/\.ya?ml$/i.test(out), '--out', out, 'must be a .yaml or .yml file: the starter is commented YAML', `e.g. --out ${out.replace(/\.[^./]*$/, '')}.yaml`);
    p.check(existsSync(dirname(resolve(out))), '--out', out, `is in a folder that does not exist (${dirname(out)})`, 'create the folder first, or write the spec elsewhere');
    if (values.force !== true) p.check(!existsSync(out), '--out', out, 'already exists', 'choose another file, or pass --force to overwrite it');
  }
  p.throwIfAny('aimd init');
  const llm = isCatalogueLlm(modelId!);
  if (!llm && target === 'eks') {
    findModel(modelId!); // the catalogue's error names the closest ids
  }
  if (llm && target !== 'eks' && target !== 'sagemaker') {
    throw new InputValidationError('aimd init', [{ field: '--target', value: target, message: `cannot serve ${modelId}: LLMs need GPUs, and ${target} runs ONNX models on Lambda`, fix: 'use --target eks or --target sagemaker, or give an ONNX model\'s id' }]);
  }
  const spec = starterSpec({ modelId: modelId!, target: target!, llm, name: values.name as string | undefined });
  const fileName = out ?? `${spec.name}.yaml`;
  const schemaRef = schemaRefFrom(resolve(dirname(out ?? join('.', 'spec.yaml'))));
  const label = out ?? '(aimd init output)';
  // Plan first (the comments show the plan), then check the text exactly as it will be written.
  const { plan } = checkSpec(parseSpecText(starterSpecText(spec, { schemaRef, fileName }), label));
  const text = starterSpecText(spec, { schemaRef, fileName, plan });
  checkSpec(parseSpecText(text, label));
  if (out === undefined) return { output: text.trimEnd(), exitCode: 0 };
  const temp = join(dirname(out), `.${basename(out)}.tmp-${process.pid}`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, out);
  } finally {
    rmSync(temp, { force: true });
  }
  return { output: `Wrote ${out} (${spec.name}: ${target}/${spec.runtime.engine}). Next: aimd validate --spec ${out}`, exitCode: 0 };
}
