/**
 * The hardware and model catalogue: accelerators, machine types of AWS, Google Cloud and Azure, and
 * models, each number with the source and date it was read (see `data/*.json` and docs/catalogue.md).
 *
 * Pure data and lookups; no engine imports.
 */
import acceleratorData from './data/accelerators.json';
import azureVmSizeData from './data/azure-vm-sizes.json';
import gcpMachineTypeData from './data/gcp-machine-types.json';
import instanceTypeData from './data/instance-types.json';
import modelData from './data/models.json';
import { hubCacheRoot, isHubRepoId, readCachedHubModel } from './hub-cache';
import { CatalogueLookupError } from './lookup-error';
import { AcceleratorSpec, CLOUDS, CloudId, InstanceTypeSpec, ModelArchitecture } from './types';

export * from './types';
export { CatalogueLookupError, closestMatch } from './lookup-error';
export { countParameters } from './parameter-count';
export type { ParameterBreakdown } from './parameter-count';
export { HuggingFaceConfigError, modelFromHuggingFaceConfig, readHuggingFaceConfig } from './hf-config';
export type { HuggingFaceConfigOptions } from './hf-config';
export { hubCacheRoot, readCachedHubModel } from './hub-cache';
export type { HubModelInfo } from './hub-cache';
export { RECORDED_SPOT_PRICES, recordedSpotPrice } from './spot-prices';
export type { RecordedSpotPrice, SpotObservation, SpotPriceSource } from './spot-prices';

/** Every accelerator in the catalogue. */
export const ACCELERATORS: readonly AcceleratorSpec[] = acceleratorData.accelerators as readonly AcceleratorSpec[];

/** Every AWS instance type in the catalogue (EC2 names; SageMaker names are `ml.` + name). */
export const INSTANCE_TYPES: readonly InstanceTypeSpec[] = instanceTypeData.instanceTypes as readonly InstanceTypeSpec[];

/** Google Cloud machine types with GPUs (`cloud: 'gcp'`). */
export const GCP_MACHINE_TYPES: readonly InstanceTypeSpec[] = gcpMachineTypeData.instanceTypes as readonly InstanceTypeSpec[];

/** Azure VM sizes with GPUs (`cloud: 'azure'`). */
export const AZURE_VM_SIZES: readonly InstanceTypeSpec[] = azureVmSizeData.instanceTypes as readonly InstanceTypeSpec[];

/** Every machine type of every cloud. */
export const ALL_INSTANCE_TYPES: readonly InstanceTypeSpec[] = [...INSTANCE_TYPES, ...GCP_MACHINE_TYPES, ...AZURE_VM_SIZES];

/** The region whose prices each cloud's catalogue records first; the planner prices there by default. */
export const DEFAULT_REGIONS: Readonly<Record<CloudId, string>> = { aws: 'us-east-1', gcp: 'us-central1', azure: 'eastus' };

/** The cloud of a catalogue row (AWS rows carry no `cloud`). */
export function cloudOf(instance: InstanceTypeSpec): CloudId {
  return instance.cloud ?? 'aws';
}

/**
 * The machine types of one cloud, in catalogue order.
 * @throws CatalogueLookupError when the cloud is unknown
 */
export function instanceTypesOfCloud(cloud: CloudId, flag = '--cloud'): readonly InstanceTypeSpec[] {
  switch (cloud) {
    case 'aws': return INSTANCE_TYPES;
    case 'gcp': return GCP_MACHINE_TYPES;
    case 'azure': return AZURE_VM_SIZES;
    default: throw new CatalogueLookupError('cloud', String(cloud), CLOUDS, flag);
  }
}

/** Regions with at least one recorded on-demand price on this cloud, sorted. */
export function pricedRegionsOf(cloud: CloudId): string[] {
  return [...new Set(instanceTypesOfCloud(cloud).flatMap((t) => Object.keys(t.onDemandPricePerHourUsd)))].sort();
}

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
 * The machine type with this name on any cloud (case-insensitive): EC2 (`g5.xlarge`) or SageMaker
 * (`ml.g5.xlarge`), Google Cloud (`a2-ultragpu-2g`), Azure (`Standard_NC48ads_A100_v4`).
 * @param flag CLI flag named in the error message
 * @throws CatalogueLookupError listing the known names and the closest match
 */
export function getInstanceType(name: string, flag = '--instance-type'): InstanceTypeSpec {
  const wanted = name.trim().toLowerCase();
  const found = ALL_INSTANCE_TYPES.find((t) => t.name.toLowerCase() === wanted)
    ?? (wanted.startsWith(SAGEMAKER_PREFIX) ? INSTANCE_TYPES.find((t) => t.name === wanted.slice(SAGEMAKER_PREFIX.length)) : undefined);
  if (!found) {
    throw new CatalogueLookupError('instance type', name, ALL_INSTANCE_TYPES.map((t) => t.name), flag);
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
 * Machine types carrying this accelerator on one cloud, smallest accelerator count first, then cheapest
 * in the cloud's default region.
 * @param cloud whose machine types to list @default 'aws'
 * @throws CatalogueLookupError when the accelerator id is unknown
 */
export function instanceTypesFor(acceleratorId: string, cloud: CloudId = 'aws'): readonly InstanceTypeSpec[] {
  const accelerator = getAccelerator(acceleratorId);
  const region = DEFAULT_REGIONS[cloud];
  return instanceTypesOfCloud(cloud)
    .filter((t) => t.acceleratorId === accelerator.id)
    .sort(
      (a, b) =>
        a.acceleratorCount - b.acceleratorCount ||
        (a.onDemandPricePerHourUsd[region] ?? Infinity) - (b.onDemandPricePerHourUsd[region] ?? Infinity),
    );
}
