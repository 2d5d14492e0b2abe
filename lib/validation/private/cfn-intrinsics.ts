/**
 * Intrinsic functions and references in a CloudFormation template.
 *
 * An intrinsic (`{ "Ref": ... }`, `{ "Fn::GetAtt": ... }`, ...) is accepted wherever a value is expected,
 * because it resolves at deploy time; what can be checked offline is that it names things that exist
 * (resources, parameters, conditions, mappings, attributes) and that no CDK/cdktf token leaked unresolved.
 */
import { resourceSpec } from './service-spec';
import { unresolvedTokenProblem } from './tokens';

/** What the template declares, for reference checks. */
export interface TemplateIndex {
  /** Logical id -> resource type. */
  readonly resourceTypes: ReadonlyMap<string, string>;
  readonly parameters: ReadonlySet<string>;
  readonly conditions: ReadonlySet<string>;
  readonly mappings: ReadonlySet<string>;
}

/** Where findings go while one resource (or output) is being checked. */
export interface CfnCheckContext {
  readonly template: TemplateIndex;
  /** Records a finding about the current resource; `message` already names the property path. */
  report(rule: string, message: string): void;
}

/** Checks a value of a known type at `path`; used for the branches of `Fn::If`. */
export type BranchCheck = (value: unknown, path: string) => void;

/**
 * Intrinsic functions CloudFormation knows (Fn::Transform / Fn::ToJsonString / Fn::Length need the
 * AWS::LanguageExtensions transform, which CDK can add).
 * Source: AWS CloudFormation Template Reference, "Intrinsic function reference", read 2026-11-24.
 */
const INTRINSIC_FUNCTIONS = new Set([
  'Ref', 'Fn::GetAtt', 'Fn::Join', 'Fn::Sub', 'Fn::If', 'Fn::Select', 'Fn::ImportValue', 'Fn::GetAZs',
  'Fn::Split', 'Fn::FindInMap', 'Fn::Base64', 'Fn::Cidr', 'Fn::And', 'Fn::Equals', 'Fn::Not', 'Fn::Or',
  'Fn::Length', 'Fn::ToJsonString', 'Fn::Transform', 'Fn::ForEach', 'Fn::GetStackOutput',
]);

/** Pseudo parameters usable with `Ref` and in `Fn::Sub`. */
const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region',
  'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix',
]);

/** The function name when `value` is an intrinsic-function object (`{ "Ref": ... }`, `{ "Fn::X": ... }`). */
export function intrinsicName(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0];
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** `{ "Ref": "AWS::NoValue" }` removes a property: treat it as absent. */
export function isNoValue(value: unknown): boolean {
  return intrinsicName(value) === 'Ref' && (value as { Ref: unknown }).Ref === 'AWS::NoValue';
}

/** Checks an intrinsic at `path`: known function, and every name it references exists. */
export function checkIntrinsic(name: string, args: unknown, path: string, ctx: CfnCheckContext, branch?: BranchCheck): void {
  if (!INTRINSIC_FUNCTIONS.has(name)) {
    ctx.report('cfn-schema/unknown-intrinsic', `${path}: '${name}' is not a CloudFormation intrinsic function`);
    return;
  }
  switch (name) {
    case 'Ref':
      checkRef(args, path, ctx);
      return;
    case 'Fn::GetAtt':
      checkGetAtt(args, path, ctx);
      return;
    case 'Fn::Sub':
      checkSub(args, path, ctx);
      return;
    case 'Fn::If':
      checkIf(args, path, ctx, branch);
      return;
    case 'Fn::FindInMap':
      if (Array.isArray(args) && typeof args[0] === 'string' && !ctx.template.mappings.has(args[0])) {
        ctx.report('cfn-schema/dangling-reference', `${path}: Fn::FindInMap names mapping '${args[0]}', which the template does not declare`);
      }
      scanReferences(args, `${path}.${name}`, ctx);
      return;
    default:
      scanReferences(args, `${path}.${name}`, ctx);
  }
}

/** Walks any JSON value, checking every intrinsic and token it contains (for untyped `json` values). */
export function scanReferences(value: unknown, path: string, ctx: CfnCheckContext): void {
  const token = unresolvedTokenProblem(value);
  if (token) ctx.report('cfn-schema/unresolved-token', `${path}: ${token}`);
  if (value === null || typeof value !== 'object') return;
  const fn = intrinsicName(value);
  if (fn) {
    checkIntrinsic(fn, (value as Record<string, unknown>)[fn], path, ctx);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => scanReferences(item, `${path}[${i}]`, ctx));
    return;
  }
  for (const [key, item] of Object.entries(value)) scanReferences(item, `${path}.${key}`, ctx);
}

function checkRef(target: unknown, path: string, ctx: CfnCheckContext): void {
  if (typeof target !== 'string') {
    ctx.report('cfn-schema/invalid-intrinsic', `${path}: Ref takes a logical id string, got ${JSON.stringify(target)}`);
    return;
  }
  const { template } = ctx;
  if (!template.resourceTypes.has(target) && !template.parameters.has(target) && !PSEUDO_PARAMETERS.has(target)) {
    ctx.report('cfn-schema/dangling-reference', `${path}: Ref '${target}' names no resource, parameter or pseudo parameter of this template`);
  }
}

function checkGetAtt(args: unknown, path: string, ctx: CfnCheckContext): void {
  const parts = typeof args === 'string' ? splitOnce(args, '.') : args;
  if (!Array.isArray(parts) || parts.length !== 2 || typeof parts[0] !== 'string') {
    ctx.report('cfn-schema/invalid-intrinsic', `${path}: Fn::GetAtt takes [logicalId, attribute], got ${JSON.stringify(args)}`);
    return;
  }
  const [logicalId, attribute] = parts as [string, unknown];
  const type = ctx.template.resourceTypes.get(logicalId);
  if (type === undefined) {
    ctx.report('cfn-schema/dangling-reference', `${path}: Fn::GetAtt names resource '${logicalId}', which the template does not declare`);
    return;
  }
  if (typeof attribute !== 'string' || !hasFixedAttributes(type)) return;
  const attributes = resourceSpec(type)?.attributes ?? {};
  if (Object.keys(attributes).length > 0 && !(attribute in attributes)) {
    ctx.report('cfn-schema/unknown-attribute', `${path}: ${type} has no attribute '${attribute}' (it has: ${Object.keys(attributes).join(', ')})`);
  }
}

/** Custom resources return any attribute; nested stacks return `Outputs.<name>`. */
function hasFixedAttributes(type: string): boolean {
  return !type.startsWith('Custom::') && type !== 'AWS::CloudFormation::CustomResource' && type !== 'AWS::CloudFormation::Stack';
}

function checkSub(args: unknown, path: string, ctx: CfnCheckContext): void {
  const [text, variables] = Array.isArray(args) ? [args[0], args[1]] : [args, undefined];
  if (typeof text !== 'string') {
    ctx.report('cfn-schema/invalid-intrinsic', `${path}: Fn::Sub takes a string or [string, variables], got ${JSON.stringify(args)}`);
    return;
  }
  const token = unresolvedTokenProblem(text);
  if (token) ctx.report('cfn-schema/unresolved-token', `${path}: ${token}`);
  const local = variables !== null && typeof variables === 'object' ? Object.keys(variables) : [];
  for (const match of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
    const name = match[1].trim();
    if (local.includes(name) || PSEUDO_PARAMETERS.has(name) || ctx.template.parameters.has(name)) continue;
    const logicalId = name.split('.')[0];
    if (!ctx.template.resourceTypes.has(logicalId)) {
      ctx.report('cfn-schema/dangling-reference', `${path}: Fn::Sub variable '\${${name}}' names nothing declared in the template or the variables map`);
    } else if (name.includes('.')) {
      checkGetAtt(splitOnce(name, '.'), path, ctx);
    }
  }
  if (variables !== undefined) scanReferences(variables, `${path}.Fn::Sub[1]`, ctx);
}

function checkIf(args: unknown, path: string, ctx: CfnCheckContext, branch?: BranchCheck): void {
  if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') {
    ctx.report('cfn-schema/invalid-intrinsic', `${path}: Fn::If takes [condition, valueIfTrue, valueIfFalse], got ${JSON.stringify(args)}`);
    return;
  }
  if (!ctx.template.conditions.has(args[0])) {
    ctx.report('cfn-schema/dangling-reference', `${path}: Fn::If names condition '${args[0]}', which the template does not declare`);
  }
  [args[1], args[2]].forEach((value, i) => {
    const branchPath = `${path}.Fn::If[${i + 1}]`;
    if (isNoValue(value)) return;
    if (branch) branch(value, branchPath);
    else scanReferences(value, branchPath, ctx);
  });
}

function splitOnce(text: string, separator: string): [string, string] | string[] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}
