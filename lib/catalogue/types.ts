/**
 * Types of the hardware and model catalogue.
 *
 * Every number in the catalogue comes from the outside world, so every entry carries a {@link Source}
 * naming where its numbers were read and when. The data itself lives in JSON files beside this module
 * (`data/*.json`) so that it can be reviewed and updated without touching code.
 */

/** Where a group of numbers was read, and on which day. */
export interface Source {
  /** A public URL (vendor datasheet, AWS page, Hugging Face config.json). */
  readonly url: string;
  /** The day the numbers were read, ISO `YYYY-MM-DD`. */
  readonly retrieved: string;
  /** Optional remark (e.g. "dense, without sparsity"). */
  readonly note?: string;
}

/** Identifier of an accelerator model, as used on the CLI (`--accelerator`). */
export type AcceleratorId = string;

/** One accelerator chip (a GPU, or one AWS Neuron device). */
export interface AcceleratorSpec {
  /** CLI id, e.g. `h100-80gb`, `a10g`, `l40s`, `inferentia2`. */
  readonly id: AcceleratorId;
  /** Vendor. */
  readonly vendor: 'nvidia' | 'aws';
  /** Marketing name, e.g. `NVIDIA H100 SXM5 80GB`. */
  readonly name: string;
  /** Architecture generation, e.g. `hopper`, `ampere`, `ada`, `turing`, `neuron-v2`. */
  readonly architecture: string;
  /** CUDA compute capability (`major.minor`) for NVIDIA parts; absent for Neuron. */
  readonly computeCapability?: string;
  /** Memory per accelerator as sold, in GB (decimal), e.g. 80. */
  readonly memoryGB: number;
  /**
   * Total device memory as the CUDA driver reports it (`torch.cuda.mem_get_info()[1]`), in GiB.
   * vLLM's `gpu_memory_utilization` is a fraction of this number, so it drives the memory model.
   */
  readonly memoryGiBReported: number;
  /** Peak memory bandwidth, GB/s. */
  readonly memoryBandwidthGBps: number;
  /** Dense (no sparsity) BF16 tensor throughput, TFLOP/s. */
  readonly denseBf16Tflops: number;
  /** Dense FP8 tensor throughput, TFLOP/s; `null` where the chip has no FP8 tensor cores. */
  readonly denseFp8Tflops: number | null;
  /** Whether the chip runs vLLM's CUDA path (false for Neuron, which needs the Neuron backend). */
  readonly cudaCapable: boolean;
  /** Where the datasheet numbers (memory as sold, bandwidth, TFLOP/s) come from. */
  readonly source: Source;
  /**
   * Where `memoryGiBReported` comes from (an `nvidia-smi` / torch log or our own measurement); it is a
   * different kind of evidence than the datasheet, so it carries its own source.
   */
  readonly memoryReportedSource?: Source;
}

/** A cloud whose machine types the catalogue lists. */
export type CloudId = 'aws' | 'gcp' | 'azure';

/** Every cloud in the catalogue, in the order `--cloud any` compares them. */
export const CLOUDS: readonly CloudId[] = ['aws', 'gcp', 'azure'];

/**
 * A fabric for GPU traffic between instances other than EFA: Google Cloud's GPUDirect-TCPX (A3 High),
 * GPUDirect-TCPXO (A3 Mega) and GPUDirect RDMA over RoCE (A3 Ultra), and Azure's InfiniBand (ND series).
 */
export type GpuFabric = 'gpudirect-tcpx' | 'gpudirect-tcpxo' | 'gpudirect-rdma' | 'infiniband';

/** How the accelerators of an instance talk to each other and to other instances. */
export interface Interconnect {
  /** NVLink/NVSwitch between the accelerators of one instance (otherwise PCIe). */
  readonly nvlink: boolean;
  /** Elastic Fabric Adapter available (needed for efficient multi-node tensor/pipeline traffic). */
  readonly efa: boolean;
  /** Network bandwidth of the instance, Gbit/s (the "up to" burst figure where AWS gives one). */
  readonly networkGbps: number;
  /**
   * NeuronLink between the Neuron chips of one instance (Inferentia2/Trainium). Kept apart from `nvlink`,
   * which stays NVIDIA-only, so CUDA planning code never mistakes a Neuron fabric for NVLink.
   */
  readonly neuronLink?: boolean;
  /**
   * The GPU-to-GPU fabric between instances on Google Cloud and Azure (EFA is AWS's, see `efa`); with it
   * a replica may span nodes as it may with EFA.
   * @default - none
   */
  readonly fabric?: GpuFabric;
}

/** A price per hour by region, in USD, with where it was read. */
export interface RegionalPrice {
  readonly pricePerHourUsd: Readonly<Record<string, number>>;
  readonly source: Source;
}

/**
 * A machine type of one cloud: an AWS instance type (EC2, with its SageMaker `ml.*` equivalent where one
 * exists), a Google Cloud machine type or an Azure VM size.
 */
export interface InstanceTypeSpec {
  /**
   * Name as the cloud spells it: EC2 `g5.12xlarge`, Google Cloud `a2-ultragpu-2g`, Azure
   * `Standard_NC48ads_A100_v4`. A Google Cloud N1 VM with attached GPUs is named
   * `<machine type>+<count>x<accelerator>` (e.g. `n1-standard-8+1xnvidia-tesla-t4`, see `attachedGpus`).
   */
  readonly name: string;
  /**
   * Cloud that sells it.
   * @default 'aws'
   */
  readonly cloud?: CloudId;
  /** Family, e.g. `g5`, `a2-ultragpu`, `NCadsA100v4`. */
  readonly family: string;
  /**
   * Google Cloud N1: the GPUs are attached to a general-purpose VM rather than part of the machine type;
   * the VM is `machineType` and each GPU is `acceleratorType` (`nvidia-tesla-t4`), billed apart: price =
   * VM + count × GPU.
   * @default - the GPUs come with the machine type
   */
  readonly attachedGpus?: { readonly machineType: string; readonly acceleratorType: string };
  /**
   * Vertex AI online prediction price of this machine type, where it differs from Compute Engine.
   * @default - not recorded
   */
  readonly vertexAi?: RegionalPrice;
  /**
   * Azure Machine Learning managed online endpoint price of this VM size, where it differs from the VM.
   * @default - not recorded
   */
  readonly azureMl?: RegionalPrice;
  /** Why a number is missing or how it was derived (e.g. a price that could not be confirmed). */
  readonly note?: string;
  /** Accelerator on board; `null` for CPU-only instances. */
  readonly acceleratorId: AcceleratorId | null;
  /** Number of accelerators (0 for CPU-only). */
  readonly acceleratorCount: number;
  readonly vcpus: number;
  /** Host memory, GiB. */
  readonly memoryGiB: number;
  readonly interconnect: Interconnect;
  /** Local NVMe instance storage, GB; 0 when EBS-only. */
  readonly localNvmeGB: number;
  /** CPU architecture. */
  readonly cpuArchitecture: 'x86_64' | 'arm64';
  /**
   * On-demand Linux price per hour in USD, by region: at least `us-east-1` on AWS, the cloud's default
   * region elsewhere (`us-central1`, `eastus`); empty when no price could be confirmed (`note` says so).
   */
  readonly onDemandPricePerHourUsd: Readonly<Record<string, number>>;
  /**
   * SageMaker hosting equivalent (`ml.` + name), with its on-demand real-time inference price per hour
   * by region; absent when SageMaker does not offer the type for hosting.
   */
  readonly sagemaker?: {
    readonly name: string;
    readonly pricePerHourUsd: Readonly<Record<string, number>>;
  };
  readonly source: {
    readonly specs: Source;
    readonly price: Source;
    readonly sagemakerPrice?: Source;
    /**
     * The page that lists this machine among those the cloud's managed endpoints serve on (Vertex AI online
     * prediction on Google Cloud, Azure ML managed online endpoints on Azure).
     * @default - the managed endpoints of its cloud do not offer it
     */
    readonly managedEndpoint?: Source;
  };
}

/** Mixture-of-experts layout of a model. */
export interface MoeSpec {
  /** Routed experts per MoE layer. */
  readonly numExperts: number;
  /** Experts activated per token. */
  readonly expertsPerToken: number;
  /** Intermediate size of one expert's MLP (when it differs from the dense `intermediateSize`). */
  readonly expertIntermediateSize?: number;
  /** Shared (always-on) experts, if any. */
  readonly numSharedExperts?: number;
  /**
   * Intermediate size of the shared expert block when it is not `numSharedExperts` × the expert size
   * (Qwen2-MoE's `shared_expert_intermediate_size`, which also has a one-output gate).
   */
  readonly sharedExpertIntermediateSize?: number;
  /**
   * Leading layers that keep a dense MLP of `intermediateSize` instead of experts (DeepSeek's
   * `first_k_dense_replace`).
   * @default 0
   */
  readonly firstDenseLayers?: number;
}

/** `rope_scaling` of a Hugging Face config.json. */
export interface RopeScaling {
  /** `rope_type` (or the older `type`): `linear`, `dynamic`, `yarn`, `llama3`, `longrope`, ... */
  readonly type: string;
  readonly factor: number;
  /** `original_max_position_embeddings` (YaRN). */
  readonly originalMaxPositionEmbeddings?: number;
}

/**
 * Multi-head latent attention (DeepSeek V2/V3): keys and values are compressed into one latent vector
 * per token and layer, which is all the KV cache holds.
 */
export interface MlaSpec {
  /** `q_lora_rank`: rank of the query compression; absent when queries are projected directly (V2-Lite). */
  readonly qLoraRank?: number;
  /** `kv_lora_rank`: size of the compressed KV latent. */
  readonly kvLoraRank: number;
  /** `qk_nope_head_dim`: per-head query/key dimensions without rotary embedding. */
  readonly qkNopeHeadDim: number;
  /** `qk_rope_head_dim`: per-head query/key dimensions with rotary embedding (the key part is shared). */
  readonly qkRopeHeadDim: number;
  /** `v_head_dim`: per-head value dimension. */
  readonly vHeadDim: number;
}

/** Weight precision a model is published in (`int8`/`int4`: pre-quantized integer checkpoints). */
export type NativeWeightFormat = 'bfloat16' | 'float16' | 'float32' | 'fp8' | 'mxfp4' | 'int8' | 'int4';

/** A checkpoint published already quantized, as its `config.json` `quantization_config` declares it. */
export interface PreQuantization {
  /** `quant_method`: `awq`, `gptq`, `compressed-tensors`, `fp8`, `mxfp4`. */
  readonly method: string;
  /** Bits per weight (4 or 8). */
  readonly bits: number;
  /**
   * How the planner sizes and vLLM serves these weights (`--quantization`); compressed-tensors
   * checkpoints are sized as fp8, int8 or gptq (4-bit groups of 128).
   */
  readonly servedAs: 'fp8' | 'int8' | 'awq' | 'gptq' | 'mxfp4';
}

/** Exact parameter counts of a published checkpoint, read from its safetensors metadata. */
export interface CheckpointParameters {
  /** Where the counts come from: the Hub API's `safetensors` field, or the safetensors file headers. */
  readonly source: 'hub-api' | 'safetensors-headers';
  /** Tensor elements per safetensors dtype (`BF16`, `F8_E4M3`, `I32`, ...), as stored (packed formats count packed words). */
  readonly parametersByDtype: Readonly<Record<string, number>>;
  /** Sum of `parametersByDtype`. */
  readonly total: number;
  /** Bytes of all tensors (the download size, headers excluded). */
  readonly bytes: number;
}

/** The architecture numbers of a transformer model that sizing depends on. */
export interface ModelArchitecture {
  /** Canonical id: the Hugging Face repository, e.g. `meta-llama/Llama-3.1-8B-Instruct`. */
  readonly id: string;
  /** Short ids accepted on the CLI, e.g. `llama-3.1-8b-instruct`. */
  readonly aliases: readonly string[];
  /** `model_type` from config.json, e.g. `llama`, `qwen2`, `gemma2`, `mixtral`, `gpt_oss`. */
  readonly modelType: string;
  /** Total parameter count (all experts included). */
  readonly parameters: number;
  /** Parameters active per token (MoE); equals `parameters` for dense models. */
  readonly activeParameters: number;
  readonly numLayers: number;
  readonly hiddenSize: number;
  readonly intermediateSize: number;
  readonly numAttentionHeads: number;
  readonly numKeyValueHeads: number;
  readonly headDim: number;
  readonly vocabSize: number;
  /** `max_position_embeddings`: the longest context the model supports. */
  readonly maxContextLength: number;
  readonly tieWordEmbeddings: boolean;
  /** Sliding-window size in tokens, for models with windowed attention layers. */
  readonly slidingWindow?: number;
  /**
   * How many of the `numLayers` layers use the sliding window (the rest attend to the full context);
   * e.g. Gemma 2 alternates, so half. Absent or equal to `numLayers` when every layer is windowed.
   */
  readonly slidingWindowLayers?: number;
  readonly moe?: MoeSpec;
  /** Multi-head latent attention (DeepSeek V2/V3); `headDim` is then `qkNopeHeadDim + qkRopeHeadDim`. */
  readonly mla?: MlaSpec;
  /** Precision the published weights are stored in. */
  readonly nativeWeightFormat: NativeWeightFormat;
  /**
   * Which weights `nativeWeightFormat` applies to: every linear layer (`all-linear`, the default), or
   * only the routed experts (`experts`, e.g. gpt-oss ships MXFP4 experts beside BF16 attention,
   * router, embeddings and lm_head).
   */
  readonly nativeWeightFormatScope?: 'all-linear' | 'experts';
  /**
   * `rope_scaling` of config.json, when the model stretches its position embeddings: vLLM derives the
   * longest `max_model_len` from it (see `derivedMaxModelLen` in lib/planner/vllm-checks.ts).
   * @default - none: `maxContextLength` is the limit
   */
  readonly ropeScaling?: RopeScaling;
  /** The checkpoint's own quantization (from `quantization_config`), when it is published quantized. */
  readonly preQuantized?: PreQuantization;
  /**
   * Exact parameter counts of the published checkpoint (models read from the Hugging Face Hub); absent
   * when the counts are computed from the architecture alone.
   */
  readonly checkpoint?: CheckpointParameters;
  /**
   * Parameters vLLM loads beside the decoder that the architecture numbers do not describe (a vision
   * encoder and projector), counted exactly from the checkpoint.
   * @default 0
   */
  readonly additionalParameters?: number;
  /** Whether the Hugging Face repository is gated (needs a token and an accepted licence). */
  readonly gated: boolean;
  readonly license: string;
  readonly source: Source;
}
