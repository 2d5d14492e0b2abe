/**
 * Offline schema validation of a synthesized CloudFormation template against the AWS resource
 * specification (`@aws-cdk/aws-service-spec`): what `cdk synth` does not check and CloudFormation only
 * rejects at deploy time (unknown or misspelt properties, missing required properties, wrong types,
 * dangling `Ref`/`Fn::GetAtt`, unresolved tokens, illegal resource attributes).
 */
import { CfnCheckContext, TemplateIndex, intrinsicName, scanReferences } from './private/cfn-intrinsics';
import { checkProperties } from './private/cfn-property-types';
import { didYouMean, showValue } from './private/finding-text';
import { resourceSpec, serviceSpec } from './private/service-spec';
import { ValidationFinding } from './types';

export interface CloudFormationValidationOptions {
  /**
   * Stack name, prefixed to the logical id in each finding's `resource` (`MyStack/Bucket83908E77`).
   *
   * @default - the logical id alone
   */
  readonly stackName?: string;

  /**
   * Construct path per logical id, appended to findings so they lead back to the code. Templates
   * synthesized by the CDK CLI carry it as `Metadata['aws:cdk:path']`; in-process synth does not.
   *
   * @default - from `Metadata['aws:cdk:path']` where present
   */
  readonly constructPaths?: ReadonlyMap<string, string>;
}

/** Resource-level keys CloudFormation accepts besides `Type` and `Properties`. */
const RESOURCE_ATTRIBUTES = new Set([
  'Type', 'Properties', 'DependsOn', 'Metadata', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy',
  'UpdatePolicy', 'CreationPolicy', 'Version',
]);

/**
 * Legal policy values. Source: AWS CloudFormation Template Reference, "DeletionPolicy attribute" and
 * "UpdateReplacePolicy attribute", read 2026-11-24 (RetainExceptOnCreate exists only for DeletionPolicy).
 */
const POLICY_VALUES: Readonly<Record<string, readonly string[]>> = {
  DeletionPolicy: ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'],
  UpdateReplacePolicy: ['Delete', 'Retain', 'Snapshot'],
};

/** Types CloudFormation accepts that are not in the resource specification. */
const TYPES_OUTSIDE_SPEC = new Set(['AWS::CDK::Metadata']);

/**
 * Validates every resource of a CloudFormation template against the AWS resource specification.
 *
 * Checks, per resource: the type exists; every property is known; required properties are present;
 * values have the right primitive type (string/number/integer/boolean/json/tag), lists, maps and nested
 * property types, recursively; enumerated values are allowed. Intrinsic functions are accepted wherever a
 * value is expected (they resolve at deploy time), but what they name must exist. `Custom::*` and
 * `AWS::CloudFormation::CustomResource` are only required to have a `ServiceToken`. `DependsOn`,
 * `Condition`, `DeletionPolicy` and `UpdateReplacePolicy` are checked for legal values; `Metadata` is not.
 *
 * The specification is loaded once per process on first call (about 0.5 s).
 */
export function validateCloudFormationTemplate(template: object, options: CloudFormationValidationOptions = {}): ValidationFinding[] {
  const findings: ValidationFinding[] = [];
  const resourceName = (id: string) => (options.stackName ? `${options.stackName}/${id}` : id);
  const body = template as Record<string, unknown>;
  const resources = body.Resources;
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) {
    findings.push(finding(resourceName('Resources'), 'cfn-schema/template', `Resources: a template needs a Resources object, got ${showValue(resources)}`));
    return findings;
  }
  serviceSpec();
  const index = indexTemplate(body, resources as Record<string, unknown>);
  for (const [logicalId, resource] of Object.entries(resources)) {
    const cdkPath = constructPathOf(resource) ?? options.constructPaths?.get(logicalId);
    const ctx: CfnCheckContext = {
      template: index,
      report: (rule, message) => findings.push(finding(resourceName(logicalId), rule, cdkPath ? `${message} [${cdkPath}]` : message)),
    };
    checkResource(resource, ctx);
  }
  checkOutputs(body.Outputs, index, findings, resourceName);
  return findings;
}

function checkResource(resource: unknown, ctx: CfnCheckContext): void {
  if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
    ctx.report('cfn-schema/template', `a resource must be an object with a Type, got ${showValue(resource)}`);
    return;
  }
  const declared = resource as Record<string, unknown>;
  checkResourceAttributes(declared, ctx);
  const type = declared.Type;
  if (typeof type !== 'string') {
    ctx.report('cfn-schema/template', `Type: expected a resource type string, got ${showValue(type)}`);
    return;
  }
  const properties = declared.Properties ?? {};
  if (intrinsicName(properties)) {
    scanReferences(properties, 'Properties', ctx);
    return;
  }
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') {
    checkCustomResource(type, properties, ctx);
    return;
  }
  if (TYPES_OUTSIDE_SPEC.has(type)) return;
  const spec = resourceSpec(type);
  if (!spec) {
    const known = serviceSpec().all('resource').map((r) => r.cloudFormationType);
    ctx.report('cfn-schema/unknown-resource-type', `Type: '${type}' is not a CloudFormation resource type${didYouMean(type, known)}`);
    return;
  }
  checkProperties(properties, spec.properties, type, 'Properties', ctx);
}

function checkCustomResource(type: string, properties: unknown, ctx: CfnCheckContext): void {
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) {
    ctx.report('cfn-schema/type-mismatch', `Properties: expected an object, got ${showValue(properties)}`);
    return;
  }
  if ((properties as Record<string, unknown>).ServiceToken === undefined) {
    ctx.report('cfn-schema/missing-property', `Properties.ServiceToken: required by ${type} (the Lambda function or SNS topic ARN that implements it) but missing`);
  }
  scanReferences(properties, 'Properties', ctx);
}

function checkResourceAttributes(resource: Record<string, unknown>, ctx: CfnCheckContext): void {
  for (const key of Object.keys(resource)) {
    if (!RESOURCE_ATTRIBUTES.has(key)) {
      ctx.report('cfn-schema/unknown-resource-attribute', `${key}: not a resource attribute${didYouMean(key, RESOURCE_ATTRIBUTES)} (allowed: ${[...RESOURCE_ATTRIBUTES].join(', ')})`);
    }
  }
  for (const [attribute, allowed] of Object.entries(POLICY_VALUES)) {
    const value = resource[attribute];
    if (value === undefined || intrinsicName(value)) continue;
    if (typeof value !== 'string' || !allowed.includes(value)) {
      ctx.report('cfn-schema/invalid-policy', `${attribute}: ${showValue(value)} is not one of ${allowed.join(', ')}`);
    }
  }
  const dependsOn = resource.DependsOn;
  if (dependsOn !== undefined) {
    const targets = Array.isArray(dependsOn) ? dependsOn : [dependsOn];
    for (const target of targets) {
      if (typeof target !== 'string' || !ctx.template.resourceTypes.has(target)) {
        ctx.report('cfn-schema/dangling-reference', `DependsOn: ${showValue(target)} names no resource of this template`);
      }
    }
  }
  const condition = resource.Condition;
  if (condition !== undefined && (typeof condition !== 'string' || !ctx.template.conditions.has(condition))) {
    ctx.report('cfn-schema/dangling-reference', `Condition: ${showValue(condition)} names no condition of this template`);
  }
  for (const attribute of ['UpdatePolicy', 'CreationPolicy']) {
    if (resource[attribute] !== undefined) scanReferences(resource[attribute], attribute, ctx);
  }
}

function checkOutputs(outputs: unknown, index: TemplateIndex, findings: ValidationFinding[], resourceName: (id: string) => string): void {
  if (outputs === undefined || outputs === null || typeof outputs !== 'object') return;
  for (const [name, output] of Object.entries(outputs)) {
    const ctx: CfnCheckContext = { template: index, report: (rule, message) => findings.push(finding(resourceName(`Outputs.${name}`), rule, message)) };
    scanReferences(output, 'Output', ctx);
  }
}

function indexTemplate(template: Record<string, unknown>, resources: Record<string, unknown>): TemplateIndex {
  const keysOf = (section: unknown) => new Set(section !== null && typeof section === 'object' ? Object.keys(section) : []);
  const resourceTypes = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    const type = resource !== null && typeof resource === 'object' ? (resource as Record<string, unknown>).Type : undefined;
    resourceTypes.set(logicalId, typeof type === 'string' ? type : '');
  }
  return {
    resourceTypes,
    parameters: keysOf(template.Parameters),
    conditions: keysOf(template.Conditions),
    mappings: keysOf(template.Mappings),
  };
}

/** The CDK construct path (`Metadata['aws:cdk:path']`), so findings lead back to the code. */
function constructPathOf(resource: unknown): string | undefined {
  const metadata = resource !== null && typeof resource === 'object' ? (resource as Record<string, unknown>).Metadata : undefined;
  const path = metadata !== null && typeof metadata === 'object' ? (metadata as Record<string, unknown>)['aws:cdk:path'] : undefined;
  return typeof path === 'string' ? path : undefined;
}

function finding(resource: string, rule: string, message: string): ValidationFinding {
  return { engine: 'cdk', resource, rule, severity: 'error', message };
}
