/**
 * Flag parsing shared by the `aimd` commands: unknown flags, missing values and malformed numbers are
 * collected and reported together, naming the flag, the value and the fix.
 */
import { parseArgs } from 'node:util';
import { InputValidationError, ProblemCollector } from '../errors';

export interface FlagSpec {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  /** Value placeholder in help, e.g. `<n>`. */
  readonly value?: string;
  readonly description: string;
  readonly multiple?: boolean;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly flags: readonly FlagSpec[];
  readonly examples: readonly string[];
}

/** Thrown for `--help`: the caller prints the text and exits 0. */
export class HelpRequested extends Error {
  constructor(public readonly text: string) {
    super(text);
  }
}

export function helpText(command: CommandSpec): string {
  const flags = [...command.flags, { name: 'help', type: 'boolean' as const, description: 'Show this help.' }];
  const width = Math.max(...flags.map((f) => `--${f.name}${'value' in f && f.value ? ` ${f.value}` : ''}`.length));
  const lines = flags.map((f) => {
    const left = `--${f.name}${'value' in f && f.value ? ` ${f.value}` : ''}`;
    return `  ${left.padEnd(width)}  ${f.description}`;
  });
  return [`${command.summary}`, '', `Usage: ${command.usage}`, '', 'Options:', ...lines, '', 'Examples:', ...command.examples.map((e) => `  ${e}`), ''].join('\n');
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)] as number[]);
    for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
    }
    return dp[a.length]![b.length]!;
  };
  const scored = candidates.map((c) => [c, distance(name, c)] as const).sort((x, y) => x[1] - y[1]);
  return scored[0] && scored[0][1] <= Math.max(2, Math.floor(name.length / 3)) ? scored[0][0] : undefined;
}

/** Parses argv for a command. @throws HelpRequested | InputValidationError */
export function parseFlags(command: CommandSpec, argv: readonly string[]): Record<string, string | boolean | string[] | undefined> {
  if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequested(helpText(command));
  const options = Object.fromEntries(command.flags.map((f) => [f.name, { type: f.type, multiple: f.multiple ?? false }]));
  const known = command.flags.map((f) => f.name);
  const problems = new ProblemCollector();
  // `--flag value` becomes `--flag=value`, so that values such as `-5` are never mistaken for flags.
  const normalized: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      problems.add(arg, arg, `is not a flag of 'aimd ${command.name}'`, 'flags start with -- (see --help)');
      continue;
    }
    const [name, inlineValue] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
    const flag = command.flags.find((f) => f.name === name);
    if (!flag) {
      const guess = closest(name, known);
      problems.add(`--${name}`, arg, `is not a flag of 'aimd ${command.name}'`, guess ? `did you mean --${guess}?` : `see 'aimd ${command.name} --help'`);
      // An unknown flag followed by a value: skip the value too, so it is not reported a second time.
      if (inlineValue === undefined && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) i++;
      continue;
    }
    if (flag.type === 'string' && inlineValue === undefined) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        problems.add(`--${name}`, value, 'needs a value', `pass --${name} ${flag.value ?? '<value>'}`);
      } else {
        normalized.push(`--${name}=${value}`);
        i++;
        continue;
      }
    }
    normalized.push(arg);
  }
  problems.throwIfAny(`aimd ${command.name}`);
  try {
    return parseArgs({ args: normalized, options, strict: true, allowPositionals: false }).values as Record<string, string | boolean | string[] | undefined>;
  } catch (error) {
    throw new InputValidationError(`aimd ${command.name}`, [{ field: '(flags)', value: argv.join(' '), message: (error as Error).message, fix: `see 'aimd ${command.name} --help'` }]);
  }
}

/** Reads an optional numeric flag; records a problem naming the flag when malformed or out of range. */
export function numberFlag(problems: ProblemCollector, values: Record<string, unknown>, name: string, range: { min: number; max: number; integer?: boolean; minExclusive?: boolean }): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const integer = range.integer ?? true;
  const aboveMin = range.minExclusive ? value > range.min : value >= range.min;
  const ok = typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(value) && (!integer || Number.isInteger(value)) && aboveMin && value <= range.max;
  const bounds = `${range.minExclusive ? '(' : '['}${range.min}, ${range.max}]`;
  problems.check(ok, `--${name}`, raw, `must be ${integer ? 'an integer' : 'a number'} in ${bounds}`, `pass e.g. --${name} ${integer ? Math.max(range.min + (range.minExclusive ? 1 : 0), 1) : range.max}`);
  return ok ? value : undefined;
}

/** Reads an optional enumerated flag. */
export function choiceFlag<T extends string>(problems: ProblemCollector, values: Record<string, unknown>, name: string, allowed: readonly T[]): T | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const ok = allowed.includes(raw as T);
  const guess = typeof raw === 'string' ? closest(raw, allowed) : undefined;
  problems.check(ok, `--${name}`, raw, `must be one of ${allowed.join(', ')}`, guess ? `did you mean ${guess}?` : `use one of ${allowed.join(' | ')}`);
  return ok ? (raw as T) : undefined;
}
