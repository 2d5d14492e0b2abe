/**
 * `rollout.strategy: 'ab'` and `rollout.variants`: an A/B test splits live requests between two or more model
 * versions by weight. It renders as production variants of one SageMaker real-time endpoint (lib/sagemaker/models.ts);
 * on EKS the model gateway splits one model name across deployments (lib/kubernetes/gateway, `trafficSplits`), which
 * no spec renders yet. See docs/ab-testing.md.
 */
import type { Check } from './field-checks';
import { checkUnknownKeys, integerIn, isPlainObject } from './field-checks';

/** Targets a spec with strategy `ab` renders on. */
export const AB_TEST_TARGETS: readonly string[] = ['sagemaker'];

/**
 * SageMaker VariantName: `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html, read 2026-12-03.
 */
const VARIANT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** Checks the A/B fields of `rollout` against the strategy and the target; collects every problem. */
export function checkAbVariants(p: Check, rollout: Record<string, unknown>, target: Record<string, unknown>): void {
  const variants = rollout.variants;
  if (rollout.strategy !== 'ab') {
    p.check(variants === undefined, 'rollout.variants', variants, `are the arms of an A/B test and only apply to rollout.strategy 'ab' (strategy is '${String(rollout.strategy ?? 'the default')}')`,
      "set rollout.strategy to 'ab' or remove rollout.variants");
    return;
  }
  p.check(AB_TEST_TARGETS.includes(target.kind as string), 'rollout.strategy', 'ab',
    `an A/B split renders as weighted production variants of a SageMaker endpoint; target '${String(target.kind)}' has none`,
    "use target.kind 'sagemaker', or on EKS split one model name across deployments with the model gateway's trafficSplits (docs/ab-testing.md)");
  if (!p.check(Array.isArray(variants) && variants.length >= 2, 'rollout.variants', variants, "an A/B test needs two or more variants", "e.g. [{ name: 'control', weight: 90 }, { name: 'candidate', version: 'v2', weight: 10 }]")) return;
  const list = variants as unknown[];
  const names = new Set<string>();
  let total = 0;
  let weightsOk = true;
  list.forEach((item, i) => {
    const at = `rollout.variants[${i}]`;
    const v = item as Record<string, unknown>;
    if (!p.check(isPlainObject(item), at, item, 'must be an object { name, weight, version?, artifactUri? }', "e.g. { name: 'candidate', version: 'v2', weight: 10 }")) { weightsOk = false; return; }
    checkUnknownKeys(p, at, v, ['name', 'weight', 'version', 'artifactUri']);
    if (p.check(typeof v.name === 'string' && VARIANT_NAME.test(v.name), `${at}.name`, v.name, 'must be 1-63 letters, digits or - (a SageMaker VariantName), starting and ending with a letter or digit', "e.g. 'control' or 'candidate'")) {
      p.check(!names.has(v.name as string), `${at}.name`, v.name, 'is the name of another variant', 'give every variant its own name');
      names.add(v.name as string);
    }
    if (integerIn(p, `${at}.weight`, v.weight, 1, 99)) total += v.weight as number; else weightsOk = false;
    if (v.version !== undefined) p.check(typeof v.version === 'string' && /^[a-zA-Z0-9-]{1,20}$/.test(v.version), `${at}.version`, v.version, 'must be 1-20 letters, digits or -', "e.g. 'v2'");
    if (v.artifactUri !== undefined) p.check(typeof v.artifactUri === 'string' && /^s3:\/\/[a-z0-9.-]{3,63}\/.+/.test(v.artifactUri), `${at}.artifactUri`, v.artifactUri, 'must be an s3://bucket/key of the model', 'upload the model to S3 and give its URI, or give a version instead');
  });
  if (weightsOk) {
    p.check(total === 100, 'rollout.variants', list.map((v) => (v as { weight: number }).weight).join(' + '), `weights sum to ${total}, not 100`, 'make the weights percentages of the requests that add up to 100');
  }
}
