/**
 * Where a model runs: the `target` of a deployment spec (lib/spec/types.ts re-exports these types).
 * AWS targets need no `cloud`; the targets of other clouds name theirs, and `kubernetes` (any existing
 * cluster) names the catalogue its plan is sized against.
 */

/** Cloud whose machine catalogue, regions and prices a plan uses. */
export type CloudProvider = 'aws' | 'gcp' | 'azure';

export type SageMakerMode = 'realtime' | 'serverless' | 'async' | 'multi-model';
export type EksCapacity = 'karpenter' | 'auto-mode' | 'managed-nodegroup';

/** Where the model runs. */
export type TargetSpec =
  | {
      readonly kind: 'lambda';
      /** @default 2048 */ readonly memoryMb?: number;
      /** @default 30 */ readonly timeoutSeconds?: number;
      /** @default 'arm64' */ readonly architecture?: 'arm64' | 'x86_64';
      /** @default - unreserved */ readonly reservedConcurrency?: number;
      /** @default 0 */ readonly provisionedConcurrency?: number;
    }
  | {
      readonly kind: 'sagemaker';
      readonly mode: SageMakerMode;
      /** `ml.*` instance type. @default - planner's choice for LLMs, `ml.m7i.xlarge`... otherwise */
      readonly instanceType?: string;
      /** Serverless memory, 1024–6144 MB in 1024 MB steps. @default 2048 */
      readonly serverlessMemoryMb?: number;
      /** Serverless max concurrency, 1–200. @default 5 */
      readonly serverlessMaxConcurrency?: number;
      /** Serverless provisioned concurrency (≤ max concurrency). @default 0 */
      readonly serverlessProvisionedConcurrency?: number;
    }
  | {
      readonly kind: 'eks';
      /** How GPU nodes are provided. @default 'karpenter' */
      readonly capacity?: EksCapacity;
      /** Fix the accelerator (`--accelerator` ids). @default - planner's choice */
      readonly accelerator?: string;
      /** Fix the EC2 instance type. @default - planner's choice */
      readonly instanceType?: string;
      /** Kubernetes namespace. @default - the spec name */
      readonly namespace?: string;
      /** Use an EC2 capacity reservation / capacity block id. @default - on-demand */
      readonly capacityReservationId?: string;
      /**
       * `mig`: serve each vLLM replica from one NVIDIA MIG slice (A100/H100 80GB) when the model fits one; the
       * nodes need the NVIDIA GPU Operator's MIG manager (docs/gpu-scheduling.md). @default 'none'
       */
      readonly gpuSharing?: 'none' | 'mig';
    }
  | {
      readonly kind: 'greengrass';
      /** Thing group the component is deployed to. */
      readonly thingGroupName: string;
      /** @default ['linux/x86_64', 'linux/aarch64'] */
      readonly platforms?: readonly ('linux/x86_64' | 'linux/aarch64')[];
    }
  | {
      readonly kind: 'batch';
      /** @default 'lambda' */ readonly executor?: 'lambda' | 'sagemaker-batch-transform';
      /** EventBridge schedule expression; @default - run on S3 object creation under the input prefix */
      readonly schedule?: string;
      /** @default 10 */ readonly maxConcurrency?: number;
    }
  | {
      readonly kind: 'streaming';
      /** @default 'kinesis' */ readonly source?: 'kinesis' | 'sqs';
      /** @default 100 */ readonly batchSize?: number;
      /** @default 5 */ readonly maxBatchingWindowSeconds?: number;
      /** Where results go. @default 'eventbridge' */ readonly sink?: 'kinesis' | 'sqs' | 'eventbridge';
    }
  | {
      readonly kind: 'gke';
      /** Cloud the catalogue and renderers use; must be 'gcp' for this kind. @default 'gcp' */
      readonly cloud?: CloudProvider;
      /** Fix the accelerator (`--accelerator` ids). @default - planner's choice */
      readonly accelerator?: string;
      /** Fix the Compute Engine machine type (e.g. `a3-highgpu-8g`). @default - planner's choice */
      readonly instanceType?: string;
      /** Kubernetes namespace. @default - the spec name */
      readonly namespace?: string;
    }
  | {
      readonly kind: 'aks';
      /** Cloud the catalogue and renderers use; must be 'azure' for this kind. @default 'azure' */
      readonly cloud?: CloudProvider;
      /** Fix the accelerator (`--accelerator` ids). @default - planner's choice */
      readonly accelerator?: string;
      /** Fix the Azure VM size (e.g. `Standard_ND96isr_H100_v5`). @default - planner's choice */
      readonly instanceType?: string;
      /** Kubernetes namespace. @default - the spec name */
      readonly namespace?: string;
    }
  | {
      /** An existing cluster (any cloud or on-premises): only the Kubernetes objects are rendered. */
      readonly kind: 'kubernetes';
      /** Whose machine catalogue sizes the plan. @default 'aws' */
      readonly cloud?: CloudProvider;
      /** kubeconfig context the Pulumi program deploys to. @default - the current context */
      readonly kubeContext?: string;
      /** Fix the accelerator (`--accelerator` ids). @default - planner's choice */
      readonly accelerator?: string;
      /** Fix the machine type of the cloud's catalogue. @default - planner's choice */
      readonly instanceType?: string;
      /** Kubernetes namespace. @default - the spec name */
      readonly namespace?: string;
    }
  | {
      /** A Vertex AI Endpoint on Google Cloud. */
      readonly kind: 'vertex-ai';
      /** Must be 'gcp' for this kind. @default 'gcp' */
      readonly cloud?: CloudProvider;
      /** Fix the machine type (e.g. `g2-standard-12`). @default - planner's choice */
      readonly instanceType?: string;
    }
  | {
      /** An Azure Machine Learning managed online endpoint. */
      readonly kind: 'azureml';
      /** Must be 'azure' for this kind. @default 'azure' */
      readonly cloud?: CloudProvider;
      /** Fix the VM size (e.g. `Standard_NC24ads_A100_v4`). @default - planner's choice */
      readonly instanceType?: string;
    }
  | {
      /** A Hugging Face Inference Endpoint (hosted by Hugging Face on the vendor's cloud). */
      readonly kind: 'huggingface-endpoint';
      /** Cloud vendor Hugging Face runs the endpoint on. @default 'aws' */
      readonly cloud?: CloudProvider;
      /** Fix the Inference Endpoints instance (e.g. `nvidia-l4` × count via the plan). @default - planner's choice */
      readonly instanceType?: string;
      /** Scale to zero after this many idle minutes; 0 keeps the minimum replicas. @default 0 */
      readonly scaleToZeroAfterMinutes?: number;
      /** Hugging Face user or organization owning the endpoint (the API's `{namespace}`). Required to render. @default - none */
      readonly namespace?: string;
      /**
       * Who may call it: `protected` (a Hugging Face token), `private` (PrivateLink only, AWS and Azure; needs
       * `privateLinkAccountId`), `public` (anyone: only when asked for). @default 'protected'
       */
      readonly access?: 'protected' | 'private' | 'public';
      /** Cloud account allowed to connect to a `private` endpoint over PrivateLink. @default - none */
      readonly privateLinkAccountId?: string;
    };

export type TargetKind = TargetSpec['kind'];
