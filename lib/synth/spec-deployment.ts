/**
 * What the library's `DeploymentStack` (CDK, Terraform) and `Deployment` (Pulumi) do first, whatever the
 * engine: read the spec (an object or a YAML/JSON file), refuse a target/runtime no renderer serves
 * (`blueprintForSpec`), validate it, and plan it once. Each engine then renders the same context.
 */
import type { BlueprintContext } from '../../blueprints/blueprint';
import { blueprintForSpec } from '../../blueprints/from-spec';
import { InputValidationError } from '../errors';
import { planDeployment } from '../plan/deployment-plan';
import { loadSpecFile } from '../spec/load-file';
import { resolveDeploymentSpec } from '../spec/resolve';
import type { DeploymentSpecInput, TargetKind } from '../spec/types';
import { renderAccount } from './context';

/** Where a deployment goes; the region must be the spec's (the plan priced and sized it there). */
export interface DeploymentEnvironment {
  /** @default - CDK_DEFAULT_ACCOUNT when it is set (the CDK CLI sets it), else the review placeholder `123456789012` */
  readonly account?: string;
  /** @default - the spec's `region` */
  readonly region?: string;
}

/** A spec, planned and ready for any engine's renderer. */
export interface SpecDeployment {
  readonly context: BlueprintContext;
  readonly kind: TargetKind;
  /** How errors name the spec: `Spec file chat.yaml` or `Deployment spec 'chat'`. */
  readonly source: string;
}

/**
 * Reads, checks and plans a spec for a library construct.
 * @throws InputValidationError (bad spec, unserved runtime, region mismatch) | InfeasiblePlanError
 */
export function prepareSpecDeployment(spec: DeploymentSpecInput | string, env: DeploymentEnvironment = {}): SpecDeployment {
  const loaded = typeof spec === 'string' ? loadSpecFile(spec) : { path: undefined, spec };
  const source = loaded.path !== undefined ? `Spec file ${loaded.path}` : `Deployment spec '${loaded.spec?.name}'`;
  blueprintForSpec(loaded.spec, source);
  const resolved = resolveDeploymentSpec(loaded.spec);
  if (env.region !== undefined && env.region !== resolved.region) {
    throw new InputValidationError(source, [{
      field: 'env.region', value: env.region, message: `differs from the spec's region ('${resolved.region}') the deployment is planned and priced for`,
      fix: `set region: ${env.region} in the spec, or leave env.region unset`,
    }]);
  }
  const plan = planDeployment(resolved);
  return {
    context: { name: resolved.name, plan, env: { account: env.account ?? renderAccount(), region: resolved.region } },
    kind: resolved.target.kind,
    source,
  };
}

/**
 * Availability zones for the review placeholder account, so that a stack that looks them up (a new VPC)
 * synthesizes offline without a `cdk.context.json`. They are the same placeholders the repository's own
 * cdk.context.json records; a real account's zones are looked up by the CDK CLI (and cached in the app's
 * cdk.context.json) as usual.
 */
export function reviewAvailabilityZones(region: string): string[] {
  return ['a', 'b', 'c'].map((suffix) => `${region}${suffix}`);
}
