/**
 * How the engines' own CLIs pick what to deploy: `-c blueprint=` / `-c spec=` for the CDK app,
 * `aimd:blueprint` / `aimd:spec` for the Pulumi program. Both go through selectBlueprint.
 */
import { join } from 'node:path';
import { InputValidationError } from '../../lib/errors';
import { contextFor } from '../../lib/synth/context';
import { selectBlueprint, type BlueprintSelection } from '../../lib/synth/select-blueprint';

const SPEC = join(__dirname, '..', 'fixtures', 'engine-cli', 'churn-api.yaml');
const CDK: Pick<BlueprintSelection, 'flags' | 'subject'> = { flags: { blueprint: '-c blueprint=<name>', spec: '-c spec=<file>' }, subject: 'CDK app context' };

describe('selectBlueprint', () => {
  test('GIVEN a built-in blueprint name THEN that blueprint is selected', () => {
    expect(selectBlueprint({ ...CDK, blueprint: 'llm-eks' })?.name).toBe('llm-eks');
  });

  test('GIVEN a spec file THEN its blueprint is named after spec.name and plans for its target', () => {
    const blueprint = selectBlueprint({ ...CDK, spec: SPEC })!;
    expect(blueprint.name).toBe('churn-api');
    expect(contextFor(blueprint).plan.spec.target.kind).toBe('lambda');
  });

  test('GIVEN neither THEN nothing is selected (the CDK app then renders every blueprint)', () => {
    expect(selectBlueprint({ ...CDK })).toBeUndefined();
  });

  test('GIVEN both a blueprint and a spec THEN one error names both flags and says to set only one', () => {
    expect(() => selectBlueprint({ ...CDK, blueprint: 'llm-eks', spec: SPEC })).toThrow(InputValidationError);
    expect(() => selectBlueprint({ ...CDK, blueprint: 'llm-eks', spec: SPEC })).toThrow(/-c blueprint=<name> and -c spec=<file>.*are both set; each selects the stack on its own\. Fix: set only one/);
  });

  test('GIVEN an unknown blueprint THEN the error names the value and lists the known blueprints', () => {
    expect(() => selectBlueprint({ ...CDK, blueprint: 'llm-eks-typo' })).toThrow(/-c blueprint=<name> \('llm-eks-typo'\): is not a blueprint\. Fix: use one of llm-eks, llm-eks-multinode,/);
  });

  test('GIVEN the Pulumi flags THEN errors speak Pulumi config keys', () => {
    expect(() => selectBlueprint({ flags: { blueprint: 'aimd:blueprint', spec: 'aimd:spec' }, subject: "Pulumi stack 'dev' config", blueprint: 'x', spec: 'y.yaml' }))
      .toThrow(/Pulumi stack 'dev' config has 2 problems:\n- aimd:blueprint and aimd:spec .*\n- aimd:blueprint \('x'\): is not a blueprint/);
  });

  test('GIVEN a spec path that does not exist THEN the loader names the file', () => {
    expect(() => selectBlueprint({ ...CDK, spec: 'missing.yaml' })).toThrow(/missing\.yaml/);
  });
});
