/**
 * Which blueprint an engine's own CLI deploys: a built-in blueprint by name, or a deployment spec file
 * of the user's (checked and rendered by blueprintForSpecFile, named after `spec.name`). Shared by
 * the CDK app (`-c blueprint=` / `-c spec=`) and the Pulumi program (`aimd:blueprint` / `aimd:spec`), so
 * both engines accept and refuse the same things with the same messages.
 */
import type { Blueprint } from '../../blueprints/blueprint';
import { blueprintForSpecFile } from '../../blueprints/from-spec';
import { ALL_BLUEPRINTS, getBlueprint } from '../../blueprints';
import { ProblemCollector } from '../errors';

/** The two selectors as the engine received them, and how a user sets each (for error messages). */
export interface BlueprintSelection {
  /** A built-in blueprint's name. @default - none */
  readonly blueprint?: unknown;
  /** Path of a spec file (YAML or JSON), relative to the working directory. @default - none */
  readonly spec?: unknown;
  /** One of the spec's environments (docs/environments.md); only with `spec`. @default - the spec as written */
  readonly environment?: unknown;
  /** How the user sets each selector, e.g. `{ blueprint: '-c blueprint=<name>', spec: '-c spec=<file>' }`. */
  readonly flags: { readonly blueprint: string; readonly spec: string; readonly environment?: string };
  /** What the message is about, e.g. `cdk app context`. */
  readonly subject: string;
}

/**
 * The selected blueprint, or `undefined` when neither selector is set (the caller decides what that
 * means: every blueprint for `cdk ls`, an error for a Pulumi stack).
 * @throws InputValidationError when both are set, a value is not a non-empty string, or the name is unknown;
 *   SpecFileError (with lines and columns) for an unreadable, invalid or unservable spec
 */
export function selectBlueprint(selection: BlueprintSelection): Blueprint | undefined {
  const { blueprint, spec, flags } = selection;
  const p = new ProblemCollector();
  const known = ALL_BLUEPRINTS.map((b) => b.name);
  if (blueprint !== undefined && spec !== undefined) {
    p.add(`${flags.blueprint} and ${flags.spec}`, { blueprint, spec }, 'are both set; each selects the stack on its own', `set only one: ${flags.blueprint} for a built-in blueprint or ${flags.spec} for your own spec`);
  }
  if (blueprint !== undefined) {
    if (p.check(typeof blueprint === 'string' && blueprint !== '', flags.blueprint, blueprint, 'must be a blueprint name', `use one of ${known.join(', ')}`)) {
      p.check(known.includes(blueprint as string), flags.blueprint, blueprint, 'is not a blueprint', `use one of ${known.join(', ')}`);
    }
  }
  if (spec !== undefined) p.check(typeof spec === 'string' && spec !== '', flags.spec, spec, 'must be the path of a spec file', 'give a YAML or JSON deployment spec, e.g. ./my-model.yaml');
  const { environment } = selection;
  const environmentFlag = flags.environment ?? 'environment';
  if (environment !== undefined) {
    p.check(spec !== undefined, environmentFlag, environment, `selects an environment of a spec file and needs ${flags.spec}`, `set ${flags.spec} too, or remove ${environmentFlag}`);
    p.check(typeof environment === 'string' && environment !== '', environmentFlag, environment, 'must be an environment name', "e.g. 'staging' or 'prod'");
  }
  p.throwIfAny(selection.subject);
  if (blueprint !== undefined) return getBlueprint(blueprint as string);
  if (spec !== undefined) {
    // Checked first, so every problem is reported with its line and column before any engine runs.
    return blueprintForSpecFile(spec as string, environment as string | undefined);
  }
  return undefined;
}
