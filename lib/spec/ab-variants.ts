/**
 * `rollout.strategy: 'ab'` and `rollout.variants`: an A/B test splits live requests between two or more model
 * versions by weight. It renders as production variants of one SageMaker real-time endpoint (lib/sagemaker/models.ts),
 * and on EKS, for vLLM models behind the platform's model gateway (`llm-platform-eks`), as one vLLM deployment per arm
 * and a weighted HTTPRoute over them (lib/eks/platform-ab.ts, lib/kubernetes/gateway `trafficSplits`).
 * See docs/ab-testing.md.
 */
import type { Check } from './field-checks';
import { checkUnknownKeys, integerIn, isPlainObject } from './field-checks';

/** Targets a spec with strategy `ab` renders on. */
export const AB_TEST_TARGETS: readonly string[] = ['sagemaker', 'eks'];
/** Runtimes whose arms the EKS model gateway splits (it routes vLLM's OpenAI-compatible API by `model`). */
export const EKS_AB_RUNTIMES: readonly string[] = ['vllm'];
/**
 * Longest EKS variant name: an arm's deployment is `<spec name>-<variant>`, and the gateway allows 35 characters per
 * deployment name (lib/kubernetes/gateway/validate.ts), so the variant keeps a short suffix.
 */
export const EKS_VARIANT_NAME_MAX = 20;
/** An EKS arm names Kubernetes objects: a lowercase DNS-1123 label. */
const EKS_VARIANT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * SageMaker VariantName: `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`.
 * Source: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html, read 2026-12-03.
 */
const VARIANT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** Checks the A/B fields of `rollout` against the strategy and the target; collects every problem. */
export function checkAbVariants(p: Check, rollout: Record<string, unknown>, target: Record<string, unknown>, runtime: Record<string, unknown> = {}): void {
  const variants = rollout.variants;
  if (rollout.strategy !== 'ab') {
    p.check(variants === undefined, 'rollout.variants', variants, `are the arms of an A/B test and only apply to rollout.strategy 'ab' (strategy is '${String(rollout.strategy ?? 'the default')}')`,
      "set rollout.strategy to 'ab' or remove rollout.variants");
    return;
  }
  p.check(AB_TEST_TARGETS.includes(target.kind as string), 'rollout.strategy', 'ab',
    `an A/B split renders as weighted production variants of a SageMaker endpoint or as weighted routes of the EKS model gateway; target '${String(target.kind)}' has neither`,
    "use target.kind 'sagemaker', or 'eks' with runtime.engine 'vllm' behind the model gateway (docs/ab-testing.md)");
  const onEks = target.kind === 'eks';
  if (onEks) {
    p.check(EKS_AB_RUNTIMES.includes(runtime.engine as string), 'runtime.engine', runtime.engine,
      'an A/B test on EKS is split by the model gateway, which routes the OpenAI-compatible API of vLLM deployments by their `model` field',
      "use runtime.engine 'vllm', or target.kind 'sagemaker'");
  }
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
    const nameOk = onEks
      ? p.check(typeof v.name === 'string' && EKS_VARIANT_NAME.test(v.name) && v.name.length <= EKS_VARIANT_NAME_MAX, `${at}.name`, v.name,
        `must be 1-${EKS_VARIANT_NAME_MAX} lowercase letters, digits or - (on EKS it names the arm's deployment, \`<spec name>-<variant>\`)`, "e.g. 'control' or 'candidate'")
      : p.check(typeof v.name === 'string' && VARIANT_NAME.test(v.name), `${at}.name`, v.name, 'must be 1-63 letters, digits or - (a SageMaker VariantName), starting and ending with a letter or digit', "e.g. 'control' or 'candidate'");
    if (nameOk) {
      p.check(!names.has(v.name as string), `${at}.name`, v.name, 'is the name of another variant', 'give every variant its own name');
      names.add(v.name as string);
    }
    if (integerIn(p, `${at}.weight`, v.weight, 1, 99)) total += v.weight as number; else weightsOk = false;
    if (v.version !== undefined) p.check(typeof v.version === 'string' && /^[a-zA-Z0-9-]{1,20}$/.test(v.version), `${at}.version`, v.version, 'must be 1-20 letters, digits or -', "e.g. 'v2'");
    if (v.artifactUri !== undefined && onEks) {
      // The arm's pods read the platform's model bucket or the Hub, like model.artifact.uri (lib/eks/model-uri.ts).
      p.check(typeof v.artifactUri === 'string' && (/^s3:\/\/[a-z0-9.-]{3,63}\/.+/.test(v.artifactUri) || /^hf:\/\/[\w.-]+\/[\w.-]+$/.test(v.artifactUri)), `${at}.artifactUri`, v.artifactUri,
        'must be an s3://<model bucket>/<prefix>/ or hf://org/name checkpoint', "e.g. 'hf://acme/llama-3.1-8b-support-v2', or give a version instead");
    } else if (v.artifactUri !== undefined) {
      p.check(typeof v.artifactUri === 'string' && /^s3:\/\/[a-z0-9.-]{3,63}\/.+/.test(v.artifactUri), `${at}.artifactUri`, v.artifactUri, 'must be an s3://bucket/key of the model', 'upload the model to S3 and give its URI, or give a version instead');
    }
  });
  if (weightsOk) {
    p.check(total === 100, 'rollout.variants', list.map((v) => (v as { weight: number }).weight).join(' + '), `weights sum to ${total}, not 100`, 'make the weights percentages of the requests that add up to 100');
  }
}
