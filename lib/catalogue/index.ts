/**
 * The hardware and model catalogue: accelerators, AWS instance types and models, each number with the
 * source and date it was read (see `data/*.json` and docs/catalogue.md).
 *
 * Pure data and lookups; no engine imports.
 */
import acceleratorData from './data/accelerators.json';
import instanceTypeData from './data/instance-types.json';
import modelData from './data/models.json';
import { hubCacheRoot, isHubRepoId, readCachedHubModel } from './hub-cache';
import { CatalogueLookupError } from './lookup-error';
import { AcceleratorSpec, InstanceTypeSpec, ModelArchitecture } from './types';

export * from './types';
export { CatalogueLookupError, closestMatch } from './lookup-error';
export { countParameters } from './parameter-count';
export type { ParameterBreakdown } from './parameter-count';
export { HuggingFaceConfigError, modelFromHuggingFaceConfig, readHuggingFaceConfig } from './hf-config';
export type { HuggingFaceConfigOptions } from './hf-config';
export { hubCacheRoot, readCachedHubModel } from './hub-cache';
export type { HubModelInfo } from './hub-cache';

/** Every accelerator in the catalogue. */
export const ACCELERATORS: readonly AcceleratorSpec[] = acceleratorData.accelerators as readonly AcceleratorSpec[];

/** Every instance type in the catalogue (EC2 names; SageMaker names are `ml.` + name). */
export const INSTANCE_TYPES: readonly InstanceTypeSpec[] = instanceTypeData.instanceTypes as readonly InstanceTypeSpec[];

/** Every model in the catalogue. */
export const MODELS: readonly ModelArchitecture[] = modelData.models as readonly ModelArchitecture[];

/** SageMaker prefixes instance types with `ml.`; the catalogue is keyed by the EC2 name. */
const SAGEMAKER_PREFIX = 'ml.';

/**
 * The accelerator with this id (case-insensitive).
 * @param flag CLI flag named in the error message
 * @throws CatalogueLookupError listing the known ids and the closest match
 */
export function getAccelerator(id: string, flag = '--accelerator'): AcceleratorSpec {
  const wanted = id.trim().toLowerCase();
  const found = ACCELERATORS.find((a) => a.id === wanted);
  if (!found) {
    throw new CatalogueLookupError('accelerator', id, ACCELERATORS.map((a) => a.id), flag, 'first-listed');
  }
  return found;
}

/**
 * The instance type with this name, given as EC2 (`g5.xlarge`) or SageMaker (`ml.g5.xlarge`).
 * @param flag CLI flag named in the error message
 * @throws CatalogueLookupError listing the known names and the closest match
 */
export function getInstanceType(name: string, flag = '--instance-type'): InstanceTypeSpec {
  let wanted = name.trim().toLowerCase();
  if (wanted.startsWith(SAGEMAKER_PREFIX)) {
    wanted = wanted.slice(SAGEMAKER_PREFIX.length);
  }
  const found = INSTANCE_TYPES.find((t) => t.name === wanted);
  if (!found) {
    throw new CatalogueLookupError('instance type', name, INSTANCE_TYPES.map((t) => t.name), flag);
  }
  return found;
}

/**
 * The model with this Hugging Face id or alias (case-insensitive): a catalogue entry, else a Hugging
 * Face model already fetched into the local cache (see hub.ts `ensureHubModel`).
 * @param flag CLI flag named in the error message
 * @throws CatalogueLookupError listing the known ids and aliases and the closest match
 */
export function findModel(idOrAlias: string, flag = '--model'): ModelArchitecture {
  const found = findCatalogueModel(idOrAlias) ?? readCachedHubModel(idOrAlias.trim());
  if (!found) {
    const known = MODELS.flatMap((m) => [m.id, ...m.aliases]);
    const advice = isHubRepoId(idOrAlias.trim())
      ? `It is not in the Hugging Face cache (${hubCacheRoot()}) either: run \`aimd plan --model ${idOrAlias.trim()}\` or \`aimd validate --spec <file>\` to fetch it from the Hub (HF_ENDPOINT, HF_TOKEN), or describe it with a config.json (--model-config <path>, model.configPath in a spec).`
      : undefined;
    throw new CatalogueLookupError('model', idOrAlias, known, flag, 'shortest', advice);
  }
  return found;
}

/** The catalogue entry with this Hugging Face id or alias (case-insensitive), without the Hub cache. */
export function findCatalogueModel(idOrAlias: string): ModelArchitecture | undefined {
  const wanted = idOrAlias.trim().toLowerCase();
  return MODELS.find((m) => m.id.toLowerCase() === wanted || m.aliases.some((alias) => alias.toLowerCase() === wanted));
}

/**
 * Instance types carrying this accelerator, smallest accelerator count first, then cheapest.
 * @throws CatalogueLookupError when the accelerator id is unknown
 */
export function instanceTypesFor(acceleratorId: string): readonly InstanceTypeSpec[] {
  const accelerator = getAccelerator(acceleratorId);
  return INSTANCE_TYPES
    .filter((t) => t.acceleratorId === accelerator.id)
    .sort(
      (a, b) =>
        a.acceleratorCount - b.acceleratorCount ||
        (a.onDemandPricePerHourUsd['us-east-1'] ?? Infinity) - (b.onDemandPricePerHourUsd['us-east-1'] ?? Infinity),
    );
}
