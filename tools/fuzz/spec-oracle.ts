/**
 * The oracle of one generated spec: it is either accepted (validated and planned, on the spec-file road
 * `aimd` takes and on the library road a DeploymentStack takes, and a blueprint exists for it) or
 * refused with an InputValidationError / InfeasiblePlanError whose every problem names a field, the value
 * and a fix. Anything else is an escape: a TypeError, an error without problems, a problem without field
 * or fix, a message with `undefined` or `[object Object]` in it, an accepted spec that carries a value
 * the generator broke on purpose, or the two roads disagreeing.
 */
import { stringify } from 'yaml';
import { blueprintForSpec } from '../../blueprints/from-spec';
import type { Blueprint, BlueprintContext } from '../../blueprints/blueprint';
import { InfeasiblePlanError, InputValidationError, type InputProblem } from '../../lib/errors';
import { checkSpec, type CheckedSpec } from '../../lib/spec/check-spec';
import { parseSpecText } from '../../lib/spec/load-file';
import { SpecFileError } from '../../lib/spec/spec-file-error';
import { contextFor } from '../../lib/synth/context';
import type { SpecCase } from './spec-arbitraries';

/** What happened to one input. */
export type Outcome =
  | { readonly kind: 'accepted'; readonly blueprint: Blueprint; readonly context: BlueprintContext; readonly target: string }
  | { readonly kind: 'refused'; readonly fields: readonly string[]; readonly infeasible: boolean }
  | { readonly kind: 'escape'; readonly reason: string };

/** Labels a problem may carry instead of a field path. */
const LABELS = new Set(['(spec)', '(root)', '(syntax)', '(file)']);
/** `a.b[0].c`, a flag `--x`, or a quoted odd key (`traffic.""`, `"a b"`). */
const SEGMENT = '([A-Za-z$_][\\w$-]*|"(?:[^"\\\\]|\\\\.)*")';
const FIELD_PATH = new RegExp(`^(--)?${SEGMENT}(\\.${SEGMENT}|\\[\\d+\\])*$`);
/** Words that betray a message assembled from a missing or unprintable value. */
const LEAKS = /\bundefined\b(?! \()|\[object Object\]|\bNaN\b(?! \()|function \(|=> /;

/** Text without its quoted parts: a value the user wrote (`'undefined'`) may be quoted back. */
export function unquoted(text: string): string {
  return text.replace(/'[^'\n]*'/g, "''");
}

/** Why a problem is malformed, or undefined when it names a field, the value and a fix. */
export function problemDefect(problem: InputProblem): string | undefined {
  if (typeof problem.field !== 'string' || problem.field.trim() === '') return `problem without a field: ${JSON.stringify(problem)}`;
  if (!LABELS.has(problem.field) && !FIELD_PATH.test(problem.field)) return `field is not a path: '${problem.field}'`;
  if (!('value' in problem)) return `problem ${String((problem as InputProblem).field)} without a value`;
  if (typeof problem.message !== 'string' || problem.message.trim() === '') return `problem ${problem.field} without a message`;
  if (typeof problem.fix !== 'string' || problem.fix.trim() === '') return `problem ${problem.field} without a fix`;
  if (LEAKS.test(unquoted(problem.message)) || LEAKS.test(unquoted(problem.fix))) return `problem ${problem.field} leaks an unprintable value: ${problem.message} / ${problem.fix}`;
  return undefined;
}

/** Problems of a refusal, or the reason it is an escape. */
export function refusalProblems(error: unknown): { problems: readonly InputProblem[]; infeasible: boolean } | string {
  if (error instanceof SpecFileError) {
    for (const p of error.located) {
      if (!(p.line >= 1 && p.column >= 1)) return `problem ${p.field} has no position (${p.line}:${p.column})`;
    }
  }
  if (error instanceof InputValidationError) {
    if (error.problems.length === 0) return `${error.name} without problems: ${error.message}`;
    for (const p of error.problems) {
      const defect = problemDefect(p);
      if (defect) return defect;
    }
    return { problems: error.problems, infeasible: error instanceof SpecFileError && error.infeasible };
  }
  if (error instanceof InfeasiblePlanError) {
    if (!error.message || LEAKS.test(error.message)) return `InfeasiblePlanError with a bad message: ${error.message}`;
    return { problems: [{ field: 'model.id', value: undefined, message: error.message, fix: error.suggestions.join('; ') || '-' }], infeasible: true };
  }
  const e = error as Error;
  return `${e?.name ?? typeof error}: ${e?.message ?? String(error)}\n${(e?.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
}

/** True when problem field `p` is about field `f` (the same, a parent or a child). */
export function relates(p: string, f: string): boolean {
  const under = (a: string, b: string) => a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  return p === f || under(p, f) || under(f, p) || (f.endsWith('.model.id') && p === 'model.configPath');
}

/** The text a spec file would hold (YAML keeps .nan and .inf; JSON turns them into null). */
export function specText(c: SpecCase): string {
  return c.format === 'json' ? JSON.stringify(c.spec, null, 2) ?? 'null' : stringify(c.spec);
}

/** Runs one spec case through both roads and classifies it. */
export function judgeSpec(c: SpecCase, label = 'fuzz.yaml'): Outcome {
  // Road 1, `aimd validate|plan|synth --spec`: text -> checkSpec (resolve, target table, plan, target description).
  let checked: CheckedSpec | undefined;
  let fileRefusal: ReturnType<typeof refusalProblems> | undefined;
  // A spec object that is not a mapping never reaches checkSpec (the file parser refuses it first).
  const fileRoad = c.format !== 'object' || isMapping(c.spec);
  if (fileRoad) {
    try {
      checked = checkSpec(c.format === 'object' ? objectFile(c.spec, label) : parseSpecText(specText(c), label));
    } catch (error) {
      fileRefusal = refusalProblems(error);
      if (typeof fileRefusal === 'string') return { kind: 'escape', reason: `checkSpec: ${fileRefusal}` };
    }
  }
  // Road 2, the library (DeploymentStack, `cdk -c spec=`): blueprintForSpec, then plan in contextFor.
  const input = c.format === 'object' ? c.spec : checked?.file.spec ?? reparsed(c, label);
  let libraryOutcome: { blueprint: Blueprint; context: BlueprintContext } | undefined;
  let libraryRefusal: ReturnType<typeof refusalProblems> | undefined;
  try {
    const blueprint = blueprintForSpec(input as never);
    libraryOutcome = { blueprint, context: contextFor(blueprint) };
  } catch (error) {
    libraryRefusal = refusalProblems(error);
    if (typeof libraryRefusal === 'string') return { kind: 'escape', reason: `library road: ${libraryRefusal}` };
  }
  if (checked && !libraryOutcome) return { kind: 'escape', reason: `checkSpec accepted but the library refused: ${(libraryRefusal as { problems: readonly InputProblem[] }).problems.map((p) => p.field).join(', ')}` };
  if (!checked && libraryOutcome && fileRefusal !== undefined) {
    // checkSpec also describes the target (lib/sagemaker, serverless config): the library road does that at render time.
    return { kind: 'refused', fields: (fileRefusal as { problems: readonly InputProblem[] }).problems.map((p) => p.field), infeasible: false };
  }
  if (!fileRoad && libraryOutcome) return { kind: 'escape', reason: 'the library accepted a spec that is not a mapping' };
  if (checked && libraryOutcome) {
    if (c.broken.length > 0) return { kind: 'escape', reason: `accepted a spec with broken field(s): ${c.broken.map((b) => `${b.field} (${b.how})`).join('; ')}` };
    return { kind: 'accepted', ...libraryOutcome, target: `${checked.plan.spec.target.kind}/${checked.plan.spec.runtime.engine}` };
  }
  const refusal = (fileRefusal ?? libraryRefusal) as { problems: readonly InputProblem[]; infeasible: boolean };
  const fields = refusal.problems.map((p) => p.field);
  if (c.broken.length > 0 && !refusal.infeasible) {
    const named = c.broken.some((b) => [b.field, ...(b.alternatives ?? [])].some((f) => fields.some((p) => relates(p, f) || LABELS.has(p))));
    if (!named) return { kind: 'escape', reason: `refused, but no problem names a broken field (broken: ${c.broken.map((b) => b.field).join(', ')}; named: ${fields.join(', ')})` };
  }
  return { kind: 'refused', fields, infeasible: refusal.infeasible };
}

function isMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A spec object handed to checkSpec as if it had been read from a file (positions point at line 1). */
function objectFile(spec: unknown, label: string) {
  const parsed = parseSpecText('{}', label);
  return { ...parsed, spec: spec as never };
}

function reparsed(c: SpecCase, label: string): unknown {
  try {
    return parseSpecText(specText(c), label).spec;
  } catch {
    return c.spec;
  }
}
