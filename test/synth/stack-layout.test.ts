import fc from 'fast-check';
import { CLOUDFORMATION_TEMPLATE_QUOTAS, DEFAULT_STACK_BUDGET, type DeploymentFootprint, layoutModelStacks } from '../../lib/synth/stack-layout';
import { templateLimitFindings, templateSize } from '../../lib/validation/template-limits';

const model = (name: string, resources: number, templateBytes = 10_000, outputs = 1): DeploymentFootprint => ({ name, resources, templateBytes, outputs });

/** Footprints with unique names and sizes from tiny to half a stack. */
const footprints = fc.array(fc.record({
  resources: fc.integer({ min: 0, max: 200 }),
  outputs: fc.integer({ min: 0, max: 20 }),
  templateBytes: fc.integer({ min: 0, max: 400_000 }),
}), { maxLength: 120 }).map((list) => list.map((f, i) => ({ name: `m${i}`, ...f })));

describe('layoutModelStacks', () => {
  test('the default budget keeps a 20 % margin below every CloudFormation quota', () => {
    expect(DEFAULT_STACK_BUDGET).toEqual({ resources: 400, outputs: 160, templateBytes: 800_000 });
    expect(CLOUDFORMATION_TEMPLATE_QUOTAS).toEqual({ resources: 500, outputs: 200, templateBytes: 1_000_000 });
  });

  test('GIVEN deployments of 150 resources WHEN laid out THEN two go into each stack (one resource of overhead)', () => {
    const layout = layoutModelStacks(['a', 'b', 'c', 'd', 'e'].map((n) => model(n, 150)));
    expect(layout.map((s) => s.deployments)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(layout.map((s) => s.resources)).toEqual([301, 301, 151]);
  });

  test('the template-size budget splits stacks too, not only the resource count', () => {
    const layout = layoutModelStacks(['a', 'b', 'c'].map((n) => model(n, 10, 390_000)));
    expect(layout.map((s) => s.deployments)).toEqual([['a', 'b'], ['c']]);
  });

  test('no deployments, no model stacks', () => {
    expect(layoutModelStacks([])).toEqual([]);
  });

  test('refuses, in one error, repeated names, negative estimates and a deployment no stack can hold', () => {
    expect(() => layoutModelStacks([model('a', 10), model('a', -1), model('big', 450)])).toThrow(
      /3 problems[\s\S]*deployments\[1\]\.name \('a'\): repeats[\s\S]*deployments\[1\]\.resources \(-1\)[\s\S]*deployments\[2\]\.resources \(450\): 'big' alone exceeds/,
    );
  });

  test('refuses a budget above the CloudFormation quota', () => {
    expect(() => layoutModelStacks([model('a', 1)], { budget: { ...DEFAULT_STACK_BUDGET, resources: 600 } })).toThrow(/budget\.resources \(600\): is above CloudFormation's quota of 500/);
  });

  test('property: every stack stays within budget and every deployment is placed exactly once, in order', () => {
    fc.assert(fc.property(footprints, (list) => {
      const layout = layoutModelStacks(list);
      for (const stack of layout) {
        expect(stack.resources).toBeLessThanOrEqual(DEFAULT_STACK_BUDGET.resources);
        expect(stack.outputs).toBeLessThanOrEqual(DEFAULT_STACK_BUDGET.outputs);
        expect(stack.templateBytes).toBeLessThanOrEqual(DEFAULT_STACK_BUDGET.templateBytes);
        expect(stack.deployments.length).toBeGreaterThan(0);
      }
      expect(layout.flatMap((s) => s.deployments)).toEqual(list.map((d) => d.name));
      expect(layout.map((s) => s.index)).toEqual(layout.map((_, i) => i));
    }));
  });

  test('property: adding a deployment at the end moves no earlier deployment to another stack', () => {
    fc.assert(fc.property(footprints.filter((l) => l.length > 0), (list) => {
      const stackOf = (layout: ReturnType<typeof layoutModelStacks>) => new Map(layout.flatMap((s) => s.deployments.map((d) => [d, s.index] as const)));
      const before = stackOf(layoutModelStacks(list.slice(0, -1)));
      const after = stackOf(layoutModelStacks(list));
      for (const [name, index] of before) expect(after.get(name)).toBe(index);
    }));
  });

  test('property: the same input gives the same layout', () => {
    fc.assert(fc.property(footprints, (list) => {
      expect(layoutModelStacks(list)).toEqual(layoutModelStacks(list.map((d) => ({ ...d }))));
    }));
  });
});

describe('templateLimitFindings', () => {
  const template = (resources: number, outputs = 0) => ({
    Resources: Object.fromEntries(Array.from({ length: resources }, (_, i) => [`R${i}`, { Type: 'AWS::SNS::Topic' }])),
    Outputs: Object.fromEntries(Array.from({ length: outputs }, (_, i) => [`O${i}`, { Value: 'x' }])),
  });

  test('a template at the quotas passes', () => {
    expect(templateLimitFindings('ok', template(500, 200))).toEqual([]);
    expect(templateSize(template(3, 2))).toMatchObject({ resources: 3, outputs: 2, parameters: 0 });
  });

  test('a template over 500 resources, 200 outputs or 1 MB is an error naming the stack, the count and the quota', () => {
    const findings = templateLimitFindings('big', template(501, 201), 'x'.repeat(1_000_001));
    expect(findings.map((f) => [f.resource, f.rule, f.severity])).toEqual([
      ['big', 'cfn-quota/template-resources', 'error'],
      ['big', 'cfn-quota/template-outputs', 'error'],
      ['big', 'cfn-quota/template-templateBytes', 'error'],
    ]);
    expect(findings[0]!.message).toMatch(/501 resources, CloudFormation accepts at most 500/);
  });
});
