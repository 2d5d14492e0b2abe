/**
 * Checks property values against the CloudFormation resource specification: names, required properties,
 * primitive types, lists, maps and nested property types, recursively.
 */
import { CfnCheckContext, checkIntrinsic, intrinsicName, isNoValue, scanReferences } from './cfn-intrinsics';
import { didYouMean, showValue } from './finding-text';
import { PropertyType, Resource, typeDefinition } from './service-spec';
import { unresolvedTokenProblem } from './tokens';

type PropertySpecs = Resource['properties'];

/** Checks an object of properties (a resource's `Properties` or a nested property type). */
export function checkProperties(value: unknown, specs: PropertySpecs, typeName: string, path: string, ctx: CfnCheckContext): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    ctx.report('cfn-schema/type-mismatch', `${path}: expected a ${typeName} object, got ${showValue(value)}`);
    return;
  }
  const given = value as Record<string, unknown>;
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && (given[name] === undefined || isNoValue(given[name]))) {
      ctx.report('cfn-schema/missing-property', `${path}.${name}: required by ${typeName} but missing`);
    }
  }
  for (const [name, item] of Object.entries(given)) {
    const spec = specs[name];
    if (!spec) {
      ctx.report('cfn-schema/unknown-property', `${path}.${name}: ${typeName} has no property '${name}'${didYouMean(name, Object.keys(specs))}`);
      continue;
    }
    if (isNoValue(item)) continue;
    checkWithFallback(item, [spec.type, ...(spec.previousTypes ?? [])], `${path}.${name}`, ctx);
  }
}

/** Accepts the value when it matches the current type or, failing that, one of the types it used to have. */
function checkWithFallback(value: unknown, types: readonly PropertyType[], path: string, ctx: CfnCheckContext): void {
  if (types.length === 1) {
    checkValue(value, types[0], path, ctx);
    return;
  }
  const attempts = types.map((type) => collect(ctx, (trial) => checkValue(value, type, path, trial)));
  if (attempts.some((found) => found.length === 0)) return;
  attempts[0].forEach(([rule, message]) => ctx.report(rule, message));
}

/** Checks one value against one property type. */
export function checkValue(value: unknown, type: PropertyType, path: string, ctx: CfnCheckContext): void {
  const fn = intrinsicName(value);
  if (fn) {
    checkIntrinsic(fn, (value as Record<string, unknown>)[fn], path, ctx, (branchValue, branchPath) => checkValue(branchValue, type, branchPath, ctx));
    return;
  }
  const token = unresolvedTokenProblem(value);
  if (token) {
    ctx.report('cfn-schema/unresolved-token', `${path}: ${token}`);
    return;
  }
  switch (type.type) {
    case 'string':
    case 'date-time':
      checkString(value, type.type === 'string' ? type.allowedValues : undefined, path, ctx);
      return;
    case 'number':
    case 'integer':
      checkNumber(value, type.type, type.type === 'integer' ? type.allowedValues : undefined, path, ctx);
      return;
    case 'boolean':
      if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') mismatch('a boolean', value, path, ctx);
      return;
    case 'json':
      scanReferences(value, path, ctx);
      return;
    case 'null':
      if (value !== null) mismatch('null', value, path, ctx);
      return;
    case 'tag':
      checkTag(value, path, ctx);
      return;
    case 'array':
      if (!Array.isArray(value)) mismatch(`a list of ${describe(type.element)}`, value, path, ctx);
      else value.forEach((item, i) => checkValue(item, type.element, `${path}[${i}]`, ctx));
      return;
    case 'map':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) mismatch(`a map of ${describe(type.element)}`, value, path, ctx);
      else for (const [key, item] of Object.entries(value)) checkValue(item, type.element, `${path}.${key}`, ctx);
      return;
    case 'ref': {
      const definition = typeDefinition(type.reference);
      checkProperties(value, definition.properties, definition.name, path, ctx);
      return;
    }
    case 'union':
      checkUnion(value, type.types, path, ctx);
      return;
  }
}

function checkString(value: unknown, allowed: readonly string[] | undefined, path: string, ctx: CfnCheckContext): void {
  // CloudFormation coerces numbers and booleans to strings, so only objects, arrays and null are wrong.
  if (value === null || typeof value === 'object') {
    mismatch('a string', value, path, ctx);
    return;
  }
  if (allowed && allowed.length > 0 && !allowed.includes(String(value))) {
    ctx.report('cfn-schema/allowed-values', `${path}: ${showValue(value)} is not one of ${allowed.map((v) => `'${v}'`).join(', ')}`);
  }
}

function checkNumber(value: unknown, kind: 'number' | 'integer', allowed: readonly number[] | undefined, path: string, ctx: CfnCheckContext): void {
  // CloudFormation also accepts numeric strings ("30") for numbers.
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (Number.isNaN(number) || (kind === 'integer' && !Number.isInteger(number))) {
    mismatch(kind === 'integer' ? 'an integer' : 'a number', value, path, ctx);
  } else if (allowed && allowed.length > 0 && !allowed.includes(number)) {
    ctx.report('cfn-schema/allowed-values', `${path}: ${showValue(value)} is not one of ${allowed.join(', ')}`);
  }
}

function checkTag(value: unknown, path: string, ctx: CfnCheckContext): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    mismatch('a tag { Key, Value }', value, path, ctx);
    return;
  }
  const tag = value as Record<string, unknown>;
  for (const name of Object.keys(tag)) {
    if (name !== 'Key' && name !== 'Value') ctx.report('cfn-schema/unknown-property', `${path}.${name}: a tag has only Key and Value`);
  }
  if (tag.Key === undefined) ctx.report('cfn-schema/missing-property', `${path}.Key: required by a tag but missing`);
  else checkValue(tag.Key, { type: 'string' }, `${path}.Key`, ctx);
  if (tag.Value === undefined) ctx.report('cfn-schema/missing-property', `${path}.Value: required by a tag but missing`);
  else checkValue(tag.Value, { type: 'string' }, `${path}.Value`, ctx);
}

/** A union matches when any member matches; otherwise report the member whose shape fits the value best. */
function checkUnion(value: unknown, members: readonly PropertyType[], path: string, ctx: CfnCheckContext): void {
  const attempts = members.map((member) => ({ member, found: collect(ctx, (trial) => checkValue(value, member, path, trial)) }));
  if (attempts.some((a) => a.found.length === 0)) return;
  const sameShape = attempts.filter((a) => shapeOf(a.member) === shapeOfValue(value));
  if (sameShape.length === 1) {
    sameShape[0].found.forEach(([rule, message]) => ctx.report(rule, message));
    return;
  }
  mismatch(members.map(describe).join(' or '), value, path, ctx);
}

function collect(ctx: CfnCheckContext, run: (trial: CfnCheckContext) => void): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  run({ template: ctx.template, report: (rule, message) => found.push([rule, message]) });
  return found;
}

function mismatch(expected: string, value: unknown, path: string, ctx: CfnCheckContext): void {
  ctx.report('cfn-schema/type-mismatch', `${path}: expected ${expected}, got ${showValue(value)}`);
}

function shapeOf(type: PropertyType): string {
  if (type.type === 'array') return 'array';
  if (type.type === 'ref' || type.type === 'map' || type.type === 'tag' || type.type === 'json') return 'object';
  return 'scalar';
}

function shapeOfValue(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return value !== null && typeof value === 'object' ? 'object' : 'scalar';
}

/** A property type in words, for messages: `list of Tag`, `map of string`, `BucketEncryption`. */
export function describe(type: PropertyType): string {
  switch (type.type) {
    case 'array':
      return `a list of ${describe(type.element)}`;
    case 'map':
      return `a map of ${describe(type.element)}`;
    case 'ref':
      return `a ${typeDefinition(type.reference).name} object`;
    case 'union':
      return type.types.map(describe).join(' or ');
    case 'tag':
      return 'a tag';
    default:
      return `a ${type.type}`;
  }
}
