/**
 * The library as a `cdk init` app runs it: with the feature flags `cdk init` writes into cdk.json today
 * (the CLI's `.recommended-feature-flags.json`, equal to aws-cdk-lib's CURRENTLY_RECOMMENDED_FLAGS), not
 * the project's own CDK_FEATURE_FLAGS. Those flags change what constructs synthesize (e.g. CDK-managed
 * Lambda log groups), so the security checks and the schema must still find nothing.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { LLM_EKS } from '../../blueprints/eks/llm-eks';
import { SERVERLESS_ONNX } from '../../blueprints/serverless/serverless-onnx';
import { DeploymentStack } from '../../constructs/cdk/deployment-stack';
import type { DeploymentSpecInput } from '../../lib/spec/types';
import { synthWithSecurityChecks } from '../../lib/validation/cdk-security';
import { validateCloudFormationTemplate } from '../../lib/validation/cloudformation-schema';
import { formatFindings, type ValidationFinding } from '../../lib/validation/types';

/** What `cdk init app --language typescript` writes into cdk.json's context (aws-cdk CLI of this repo). */
function cdkInitFeatureFlags(): Record<string, unknown> {
  const cli = dirname(require.resolve('aws-cdk/package.json'));
  return JSON.parse(readFileSync(join(cli, 'lib', 'init-templates', '.recommended-feature-flags.json'), 'utf8')) as Record<string, unknown>;
}

const SPECS = [
  ['Lambda (serverless-onnx)', SERVERLESS_ONNX.spec],
  ['EKS (llm-eks)', LLM_EKS.spec],
] as const;

/**
 * Error findings per spec name, from one app holding a stack per spec: one synth and one cfn-guard run over both
 * stacks (measured 2026-12-03: one run over three blueprints' stacks cost ~17 % less CPU than three runs).
 * aws-cdk-lib's built-in template validation only warns and is left to `aimd synth`.
 */
function synthAsCdkInitApp(specs: ReadonlyArray<DeploymentSpecInput>): Map<string, ValidationFinding[]> {
  const app = new App({ context: { ...cdkInitFeatureFlags(), 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  for (const spec of specs) new DeploymentStack(app, spec.name, { spec });
  const { assembly, findings } = synthWithSecurityChecks(app);
  // A finding that names neither stack (e.g. a bare logical id) counts against both.
  const stackOf = (f: ValidationFinding) => specs.find((spec) => `${f.resource.replace(/^\//, '')}/`.startsWith(`${spec.name}/`))?.name;
  return new Map(specs.map((spec) => {
    const template = assembly!.getStackByName(spec.name).template;
    const own = findings.filter((f) => (stackOf(f) ?? spec.name) === spec.name);
    return [spec.name, [...own, ...validateCloudFormationTemplate(template, { stackName: spec.name })]];
  }));
}

describe("a spec deployed from an app with cdk init's feature flags", () => {
  let findingsOf: Map<string, ValidationFinding[]>;
  beforeAll(() => {
    findingsOf = synthAsCdkInitApp(SPECS.map(([, spec]) => spec));
  }, 300_000);

  test('GIVEN the flags THEN they are the ones aws-cdk-lib currently recommends (the test follows CDK upgrades)', () => {
    const flags = cdkInitFeatureFlags();
    expect(Object.keys(flags).length).toBeGreaterThan(50);
    expect(flags).toEqual(require('aws-cdk-lib/cx-api').CURRENTLY_RECOMMENDED_FLAGS);
  });

  test.each(SPECS)('%s synthesizes with no security or schema finding', (_name, spec) => {
    const errors = findingsOf.get(spec.name)!.filter((f) => f.severity === 'error');
    expect(formatFindings(errors)).toBe('');
  });
});
