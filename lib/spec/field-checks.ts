/**
 * The field checks the spec validator is built from: each records a problem (field, value, message, fix)
 * in a ProblemCollector and returns whether the value passed, so callers can skip dependent checks.
 */
import type { ProblemCollector } from '../errors';

export type Check = ProblemCollector;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function oneOf<T>(p: Check, field: string, value: unknown, allowed: readonly T[]): value is T {
  return p.check(allowed.includes(value as T), field, value, `must be one of ${allowed.join(', ')}`, `set ${field} to one of ${allowed.join(' | ')}`);
}

export function integerIn(p: Check, field: string, value: unknown, min: number, max: number): value is number {
  return p.check(
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
    field, value, `must be an integer from ${min} to ${max}`, `set ${field} to a whole number between ${min} and ${max}`,
  );
}

export function numberIn(p: Check, field: string, value: unknown, min: number, max: number, minExclusive = false): value is number {
  const ok = typeof value === 'number' && Number.isFinite(value) && (minExclusive ? value > min : value >= min) && value <= max;
  const range = `${minExclusive ? '(' : '['}${min}, ${max}]`;
  return p.check(ok, field, value, `must be a number in ${range}`, `set ${field} to a value in ${range}`);
}

/** Checks optional numeric fields of an object against their ranges. */
export function optionalIntegers(p: Check, prefix: string, obj: Record<string, unknown>, ranges: Record<string, [number, number]>): void {
  for (const [key, [min, max]] of Object.entries(ranges)) {
    if (obj[key] !== undefined) integerIn(p, `${prefix}.${key}`, obj[key], min, max);
  }
}

export function checkUnknownKeys(p: Check, prefix: string, obj: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      // A key that is not a plain name (empty, spaces, dots) is quoted, so the field still reads as a path.
      const name = /^[A-Za-z$_][\w$-]*$/.test(key) ? key : JSON.stringify(key);
      p.add(`${prefix ? `${prefix}.` : ''}${name}`, obj[key], 'is not a known field', `remove it or use one of ${known.join(', ')}`);
    }
  }
}

/** Checks the type of optional string and boolean fields (a YAML `no` is a boolean, a quoted 'no' is not). */
export function optionalTypes(p: Check, prefix: string, obj: Record<string, unknown>, types: Record<string, 'string' | 'boolean'>): void {
  for (const [key, type] of Object.entries(types)) {
    const value = obj[key];
    if (value === undefined) continue;
    const field = `${prefix ? `${prefix}.` : ''}${key}`;
    if (type === 'boolean') p.check(typeof value === 'boolean', field, value, 'must be true or false', `set ${field} to true or false (unquoted)`);
    else p.check(typeof value === 'string' && value.trim() !== '', field, value, 'must be a non-empty string', `set ${field} to a string or remove it`);
  }
}

export const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

export function section(p: Check, input: Record<string, unknown>, key: string, required: boolean): Record<string, unknown> {
  const value = input[key];
  if (value === undefined && !required) return {};
  if (!p.check(isPlainObject(value), key, value, required ? 'is required and must be an object' : 'must be an object', `give ${key} as an object`)) return {};
  return value as Record<string, unknown>;
}

/** A spec name: a DNS label of 1-40 characters (it prefixes every resource name). */
export const NAME_PATTERN = /^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/;
