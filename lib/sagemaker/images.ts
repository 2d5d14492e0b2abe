/**
 * AWS Deep Learning Container (DLC) and SageMaker framework image URIs, resolved per region.
 *
 * An image URI is `<registry account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>`. The registry
 * account depends on the region AND on the image family: the DLCs (LMI, TGI, Triton, PyTorch,
 * TensorFlow, Hugging Face) live in 763104351884 in the regions below, while the SageMaker framework
 * containers for scikit-learn and XGBoost and the Model Monitor analyzer have one account per region
 * (scikit-learn in us-east-1 is 683313688378). The maps below are copied from AWS's published lists and
 * carry their source; regions outside them fail with an error that lists the supported ones instead of
 * guessing an account.
 */
import type { Source } from '../catalogue/types';
import { ProblemCollector } from '../errors';
import type { RuntimeEngine } from '../spec/types';

/** Image families this library deploys on SageMaker. */
export type SageMakerImageFamily =
  | 'lmi'
  | 'tgi'
  | 'triton'
  | 'pytorch'
  | 'tensorflow'
  | 'huggingface'
  | 'sklearn'
  | 'xgboost'
  | 'model-monitor';

/** Whether an image runs on CPU or NVIDIA GPU instances. */
export type ImageProcessor = 'cpu' | 'gpu';

type RegistryName = 'dlc' | 'sagemaker-framework' | 'model-monitor';

interface RegistryMap {
  readonly accounts: Readonly<Record<string, string>>;
  readonly source: Source;
}

/**
 * Registry accounts per region. Only regions the spec accepts (lib/spec/resolve.ts SUPPORTED_REGIONS)
 * are listed, each checked against its source on the day given.
 */
const REGISTRIES: Readonly<Record<RegistryName, RegistryMap>> = {
  dlc: {
    accounts: {
      'us-east-1': '763104351884', 'us-east-2': '763104351884', 'us-west-2': '763104351884', 'eu-west-1': '763104351884',
      'eu-central-1': '763104351884', 'ap-northeast-1': '763104351884', 'ap-southeast-2': '763104351884',
    },
    source: {
      url: 'https://github.com/aws/deep-learning-containers/blob/master/available_images.md',
      retrieved: '2026-11-24',
      note: 'region table "General Container"; same accounts in sagemaker-python-sdk image_uri_config/djl-lmi.json and sagemaker-tritonserver.json (24.09)',
    },
  },
  'sagemaker-framework': {
    accounts: {
      'us-east-1': '683313688378', 'us-east-2': '257758044811', 'us-west-2': '246618743249', 'eu-west-1': '141502667606',
      'eu-central-1': '492215442770', 'ap-northeast-1': '354813040037', 'ap-southeast-2': '783357654285',
    },
    source: {
      url: 'https://github.com/aws/sagemaker-python-sdk/blob/master/src/sagemaker/image_uri_config/sklearn.json',
      retrieved: '2026-11-24',
      note: 'inference "1.2-1" registries; xgboost.json "1.7-1" lists the same accounts',
    },
  },
  'model-monitor': {
    accounts: {
      'us-east-1': '156813124566', 'us-east-2': '777275614652', 'us-west-2': '159807026194', 'eu-west-1': '468650794304',
      'eu-central-1': '048819808253', 'ap-northeast-1': '574779866223', 'ap-southeast-2': '563025443158',
    },
    source: {
      url: 'https://github.com/aws/sagemaker-python-sdk/blob/master/src/sagemaker/image_uri_config/model-monitor.json',
      retrieved: '2026-11-24',
    },
  },
};

/** One image family: repository, pinned tags and where the tag was read. */
export interface ImageFamilySpec {
  readonly family: SageMakerImageFamily;
  readonly repository: string;
  /** Human version label, e.g. `LMI 18 (vLLM 0.12.0)`. */
  readonly label: string;
  /** Pinned tag per processor; a missing processor means the family does not run there. */
  readonly tags: Partial<Readonly<Record<ImageProcessor, string>>>;
  readonly registry: RegistryName;
  /** Whether the container can serve a SageMaker multi-model endpoint (`Mode: MultiModel`). */
  readonly multiModel: boolean;
  readonly source: Source;
}

const MME_SOURCE = 'https://docs.aws.amazon.com/sagemaker/latest/dg/multi-model-support.html';

/** The pinned images. Bump a tag here (with its source) to move every blueprint to a new image. */
export const IMAGE_FAMILIES: Readonly<Record<SageMakerImageFamily, ImageFamilySpec>> = {
  lmi: {
    family: 'lmi', repository: 'djl-inference', label: 'LMI 18 (DJL Serving 0.36.0, vLLM 0.12.0)',
    tags: { gpu: '0.36.0-lmi18.0.0-cu128' }, registry: 'dlc', multiModel: false,
    source: { url: 'https://github.com/deepjavalibrary/djl-serving/blob/master/serving/docs/lmi/release_notes.md', retrieved: '2026-11-24', note: 'LMI V18, image of 2025-12-15' },
  },
  tgi: {
    family: 'tgi', repository: 'huggingface-pytorch-tgi-inference', label: 'TGI 3.3.6',
    tags: { gpu: '2.7.0-tgi3.3.6-gpu-py311-cu124-ubuntu22.04' }, registry: 'dlc', multiModel: false,
    source: { url: 'https://github.com/aws/sagemaker-python-sdk/blob/master/src/sagemaker/image_uri_config/huggingface-llm.json', retrieved: '2026-11-24', note: 'version 3.3.6' },
  },
  triton: {
    family: 'triton', repository: 'sagemaker-tritonserver', label: 'Triton 24.09',
    tags: { gpu: '24.09-py3', cpu: '24.09-py3-cpu' }, registry: 'dlc', multiModel: true,
    source: { url: 'https://github.com/aws/sagemaker-python-sdk/blob/master/src/sagemaker/image_uri_config/sagemaker-tritonserver.json', retrieved: '2026-11-24', note: `GPU multi-model endpoints: ${MME_SOURCE}` },
  },
  pytorch: {
    family: 'pytorch', repository: 'pytorch-inference', label: 'PyTorch 2.6.0 (TorchServe 0.12.0)',
    tags: { cpu: '2.6.0-cpu-py312-ubuntu22.04-sagemaker', gpu: '2.6.0-gpu-py312-cu124-ubuntu22.04-sagemaker' }, registry: 'dlc', multiModel: true,
    source: { url: 'https://github.com/aws/deep-learning-containers/blob/master/pytorch/inference/buildspec-2-6-sm.yml', retrieved: '2026-11-24' },
  },
  tensorflow: {
    family: 'tensorflow', repository: 'tensorflow-inference', label: 'TensorFlow Serving 2.19.0',
    tags: { cpu: '2.19.0-cpu-py312-ubuntu22.04-sagemaker', gpu: '2.19.0-gpu-py312-cu125-ubuntu22.04-sagemaker' }, registry: 'dlc', multiModel: true,
    source: { url: 'https://github.com/aws/deep-learning-containers/blob/master/tensorflow/inference/buildspec-2-19-sm.yml', retrieved: '2026-11-24' },
  },
  huggingface: {
    family: 'huggingface', repository: 'huggingface-pytorch-inference', label: 'Hugging Face transformers 4.51.3 on PyTorch 2.6.0',
    tags: { cpu: '2.6.0-transformers4.51.3-cpu-py312-ubuntu22.04', gpu: '2.6.0-transformers4.51.3-gpu-py312-cu124-ubuntu22.04' }, registry: 'dlc', multiModel: false,
    source: { url: 'https://github.com/aws/deep-learning-containers/blob/master/huggingface/pytorch/inference/buildspec-2-6-0-transformers-4-53-1.yml', retrieved: '2026-11-24' },
  },
  sklearn: {
    family: 'sklearn', repository: 'sagemaker-scikit-learn', label: 'scikit-learn 1.2-1',
    tags: { cpu: '1.2-1-cpu-py3' }, registry: 'sagemaker-framework', multiModel: true,
    source: { url: 'https://github.com/aws/sagemaker-python-sdk/blob/master/src/sagemaker/image_uri_config/sklearn.json', retrieved: '2026-11-24', note: `multi-model: ${MME_SOURCE}` },
  },
  xgboost: {
    family: 'xgboost', repository: 'sagemaker-xgboost', label: 'XGBoost 1.7-1',
    tags: { cpu: '1.7-1' }, registry: 'sagemaker-framework', multiModel: true,
    source: { url: 'https://github.com/aws/sagemaker-python-sdk/blob/master/src/sagemaker/image_uri_config/xgboost.json', retrieved: '2026-11-24', note: `multi-model: ${MME_SOURCE}` },
  },
  'model-monitor': {
    family: 'model-monitor', repository: 'sagemaker-model-monitor-analyzer', label: 'Model Monitor analyzer',
    // AWS publishes this image under one moving tag only; the SDK refers to it without a tag.
    tags: { cpu: '' }, registry: 'model-monitor', multiModel: false,
    source: REGISTRIES['model-monitor'].source,
  },
};

/** The image family that serves a runtime engine on SageMaker (`custom` has none). */
export function imageFamilyFor(engine: RuntimeEngine): SageMakerImageFamily | undefined {
  switch (engine) {
    // vLLM runs on SageMaker inside LMI, which drives the same engine with the same flags.
    case 'vllm':
    case 'lmi':
      return 'lmi';
    case 'tgi':
      return 'tgi';
    // ONNX models are served by Triton's onnxruntime backend.
    case 'triton':
    case 'onnxruntime':
      return 'triton';
    case 'torchserve':
      return 'pytorch';
    case 'tensorflow-serving':
      return 'tensorflow';
    case 'huggingface':
      return 'huggingface';
    case 'sklearn':
      return 'sklearn';
    case 'xgboost':
      return 'xgboost';
    // Kubernetes-only runtimes (operators or their own images) have no SageMaker image family.
    case 'custom':
    case 'bentoml':
    case 'kserve':
    case 'ray-serve':
    case 'seldon':
      return undefined;
  }
}

/** Regions where every image family resolves. */
export function supportedImageRegions(family?: SageMakerImageFamily): string[] {
  const registries = family ? [IMAGE_FAMILIES[family].registry] : (Object.keys(REGISTRIES) as RegistryName[]);
  const regionSets = registries.map((r) => Object.keys(REGISTRIES[r].accounts));
  return regionSets[0]!.filter((region) => regionSets.every((set) => set.includes(region)));
}

/** A resolved image with the evidence behind it. */
export interface ResolvedImage {
  readonly uri: string;
  readonly account: string;
  readonly repository: string;
  readonly tag: string;
  readonly family: SageMakerImageFamily;
  readonly processor: ImageProcessor;
  /** Where the tag and where the account map come from. */
  readonly sources: readonly Source[];
}

export interface ImageRequest {
  readonly family: SageMakerImageFamily;
  readonly region: string;
  readonly processor: ImageProcessor;
  /** A full image tag that replaces the pinned one (the spec's `runtime.version`). @default - the pinned tag */
  readonly tag?: string;
}

/**
 * Resolves an image URI for a region and processor.
 * @throws InputValidationError naming the region (with the supported regions) or the processor (with the ones that exist)
 */
export function resolveImage(request: ImageRequest): ResolvedImage {
  const spec = IMAGE_FAMILIES[request.family];
  const registry = REGISTRIES[spec.registry];
  const p = new ProblemCollector();
  const account = registry.accounts[request.region];
  p.check(account !== undefined, 'region', request.region,
    `has no ${spec.repository} image in the library's account map (${registry.source.url})`,
    `deploy to one of ${supportedImageRegions(request.family).join(', ')}, or give a custom image (runtime.engine 'custom', runtime.image)`);
  const pinned = spec.tags[request.processor];
  const processors = Object.keys(spec.tags).join(', ');
  p.check(pinned !== undefined, 'processor', request.processor,
    `${spec.label} images exist only for ${processors}`,
    request.processor === 'gpu' ? 'choose a CPU instance type (ml.m7i.*, ml.c7i.*)' : 'choose a GPU instance type (ml.g5.*, ml.g6.*, ml.g6e.*)');
  p.throwIfAny(`SageMaker image '${spec.repository}'`);
  const tag = request.tag ?? (pinned as string);
  const domain = request.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return {
    uri: `${account}.dkr.ecr.${request.region}.${domain}/${spec.repository}${tag ? `:${tag}` : ''}`,
    account: account as string,
    repository: spec.repository,
    tag,
    family: request.family,
    processor: request.processor,
    sources: [spec.source, registry.source],
  };
}

/** The Model Monitor analyzer image of a region. */
export function modelMonitorImage(region: string): ResolvedImage {
  return resolveImage({ family: 'model-monitor', region, processor: 'cpu' });
}
