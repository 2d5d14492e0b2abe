/**
 * cfn-guard's Control Tower rules cost about 14 s of CPU per CDK app, almost all of it fixed (loading the rules and
 * the engine), so blueprint tests leave them out (renderBlueprint's `policyPlugins`) and this file runs them once
 * over every blueprint's stack in a single app. aws-cdk-lib's built-in template validation only warns and costs
 * about 80 s over all the templates: it is left to `aimd synth`, while our own CloudFormation schema check
 * (errors on unknown, missing or mistyped properties) runs in every render.
 */
import { ALL_BLUEPRINTS } from '../../blueprints';
import { rendersOn } from '../../blueprints/blueprint';
import { contextsFor } from '../../lib/synth/context';
import { synthCdk, type CdkOutput } from '../../lib/synth/engines';
import { errorsOf, formatFindings } from '../../lib/validation/types';

// CDK renders AWS blueprints only (the others refuse; test/azure covers that).
const CDK_BLUEPRINTS = ALL_BLUEPRINTS.filter((b) => rendersOn(b, 'cdk'));

describe('every blueprint under cdk-nag and cfn-guard, in one app', () => {
  let output: CdkOutput;
  beforeAll(() => {
    output = synthCdk(CDK_BLUEPRINTS, contextsFor(CDK_BLUEPRINTS), { bundling: false, securityChecks: true, cfnGuard: true, builtinValidation: false });
  }, 600_000);

  test('THEN every blueprint has a template (and companion stacks, such as a standby region, their own)', () => {
    expect([...output.templates.keys()]).toEqual(expect.arrayContaining(CDK_BLUEPRINTS.map((b) => b.name)));
  });

  test('THEN no plugin reports an error finding on any blueprint', () => {
    const errors = [...output.findings.values()].flatMap((findings) => errorsOf(findings));
    expect(formatFindings(errors)).toBe('');
  });
});
