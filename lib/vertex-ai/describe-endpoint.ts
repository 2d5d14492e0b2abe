/**
 * The engine-neutral description of a `vertex-ai` deployment: what cdktf and Pulumi render, and the
 * documented `gcloud` steps for what neither provider can create.
 *
 * Neither hashicorp/google (cdktf binding 16.12, provider 6.50) nor @pulumi/gcp 9.37 has a resource for
 * uploading a Vertex AI Model or deploying it to an Endpoint (only `google_vertex_ai_endpoint` and
 * `google_vertex_ai_endpoint_with_model_garden_deployment`, which creates its own public endpoint, takes no
 * service account and downloads weights from Hugging Face). So the engines create the endpoint (private,
 * CMEK), the weights bucket, the KMS key, the image mirror and the serving identity, and the model upload
 * and deployment are `gcloud ai models upload` / `gcloud ai endpoints deploy-model` commands rendered here
 * from the plan (cloud.google.com/sdk/gcloud/reference/ai, read 2026-12-03).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { InputValidationError } from '../errors';
import { VLLM_IMAGE_TAG } from '../kubernetes/versions';
import { vllmServeArgs } from '../kubernetes/serving-args';
import { managedMachineOf, type ManagedMachine } from '../managed/machine-of-cloud';

/** Vertex AI `MachineSpec.acceleratorType` of each catalogue accelerator (enum listed by hashicorp/google 6.50 docs). */
export const VERTEX_ACCELERATOR_TYPES: Readonly<Record<string, string>> = {
  t4: 'NVIDIA_TESLA_T4', l4: 'NVIDIA_L4', 'a100-40gb': 'NVIDIA_TESLA_A100', 'a100-80gb': 'NVIDIA_A100_80GB',
  'h100-80gb': 'NVIDIA_H100_80GB', h200: 'NVIDIA_H200_141GB',
};

/** Autoscaling metric of GPU replicas (the two online-prediction metrics hashicorp/google 6.50 documents). */
export const VERTEX_GPU_DUTY_CYCLE_METRIC = 'aiplatform.googleapis.com/prediction/online/accelerator/duty_cycle';
export const VERTEX_CPU_UTILIZATION_METRIC = 'aiplatform.googleapis.com/prediction/online/cpu/utilization';

/** The plan's flags name vLLM's port already; the managed platforms route to {@link VLLM_SERVING_PORT}, so it is added only when missing. */
export function withPort(args: readonly string[]): string[] {
  return args.includes('--port') ? [...args] : [...args, '--port', String(VLLM_SERVING_PORT)];
}

/** The port the serving container listens on: the flags' `--port`. */
export function servingPortOf(args: readonly string[]): number {
  const i = args.indexOf('--port');
  return i >= 0 ? Number(args[i + 1]) : VLLM_SERVING_PORT;
}

/** Stands for the weights' gs:// URI in `container.args` until the engine knows the bucket name. */
export const WEIGHTS_URI_PLACEHOLDER = '{weights-uri}';

/** Port vLLM's OpenAI server listens on (vllm serve --port default). */
export const VLLM_SERVING_PORT = 8000;

export interface VertexAiEndpointDescription {
  /** Resource names (lower-case, ≤ 30 characters where GCP limits them). */
  readonly name: string;
  readonly region: string;
  readonly machine: ManagedMachine;
  /** `MachineSpec.acceleratorType`. */
  readonly acceleratorType: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly autoscaling: { readonly metricName: string; readonly targetPercent: number };
  /** The serving container of the uploaded Model. */
  readonly container: {
    /** Docker Hub image, pulled through the Artifact Registry remote repository. */
    readonly upstreamImage: string;
    readonly imagePath: string;
    readonly args: readonly string[];
    readonly port: number;
    readonly predictRoute: string;
    readonly healthRoute: string;
  };
  /** `gs://` prefix of the weights inside the weights bucket (bucket name is resolved by the engine). */
  readonly weightsPrefix: string;
  /** Service account id (6-30 chars) the deployed model runs as. */
  readonly serviceAccountId: string;
  /** Project roles of the serving identity: writing logs and metrics, nothing else (bucket read is granted on the bucket). */
  readonly serviceAccountProjectRoles: readonly string[];
  /** Endpoint id: Vertex AI wants a number of at most 10 digits without leading zeros (hashicorp/google 6.50 docs). */
  readonly endpointId: string;
  /** Private endpoint choice: Private Service Connect (see docs/clouds/vertex-ai.md for why not VPC peering). */
  readonly privateServiceConnect: true;
}

/** A stable 10-digit id (FNV-1a of the name), first digit 1-9. */
export function numericEndpointId(name: string): string {
  let hash = 0x811c9dc5;
  for (const ch of name) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return String(1_000_000_000 + (hash % 9_000_000_000));
}

function shortName(name: string, max: number): string {
  return name.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, max).replace(/-+$/, '');
}

/** Describes the Vertex AI deployment of a plan. @throws InputValidationError when the plan has no LLM or no Vertex machine fits */
export function describeVertexAiEndpoint(plan: DeploymentPlan): VertexAiEndpointDescription {
  const spec = plan.spec;
  const llm = plan.llm;
  if (llm === undefined || !['vllm', 'custom'].includes(spec.runtime.engine)) {
    throw new InputValidationError(`Deployment spec '${spec.name}'`, [{ field: 'runtime.engine', value: spec.runtime.engine, message: 'is not served on vertex-ai (an LLM on vLLM is)', fix: "use runtime.engine 'vllm'" }]);
  }
  const machine = managedMachineOf(llm, 'gcp', spec.target.kind === 'vertex-ai' ? spec.target.instanceType : undefined);
  const acceleratorType = VERTEX_ACCELERATOR_TYPES[machine.acceleratorId];
  if (acceleratorType === undefined) {
    throw new InputValidationError(`Deployment spec '${spec.name}'`, [{ field: 'target.instanceType', value: machine.machineType, message: `has accelerator '${machine.acceleratorId}', which Vertex AI does not serve on`, fix: `use a machine with ${Object.keys(VERTEX_ACCELERATOR_TYPES).join(', ')}` }]);
  }
  const name = shortName(spec.name, 24);
  const weightsPrefix = `models/${name}`;
  const minReplicas = Math.max(1, spec.scaling.minReplicas);
  const args = withPort([...vllmServeArgs(llm, WEIGHTS_URI_PLACEHOLDER), '--load-format', 'runai_streamer']);
  return {
    name,
    region: spec.region,
    machine,
    acceleratorType,
    minReplicas,
    maxReplicas: Math.max(minReplicas, spec.scaling.maxReplicas ?? llm.replicas * 2),
    // 60 % is Vertex AI's documented default target; GPU replicas scale on duty cycle, as KEDA scales vLLM pods on load.
    autoscaling: { metricName: VERTEX_GPU_DUTY_CYCLE_METRIC, targetPercent: 60 },
    container: {
      upstreamImage: `vllm/vllm-openai:${VLLM_IMAGE_TAG}`,
      imagePath: `vllm/vllm-openai:${VLLM_IMAGE_TAG}`,
      // The plan's flags; weights streamed from the bucket (vLLM's Run:ai streamer reads gs://, docs.vllm.ai
      // models/extensions/runai_model_streamer, read 2026-12-03), so no Hugging Face token reaches the endpoint.
      args,
      port: servingPortOf(args),
      // vLLM's OpenAI server routes (vllm/entrypoints/openai/api_server.py: /health, /v1/chat/completions).
      predictRoute: '/v1/chat/completions',
      healthRoute: '/health',
    },
    weightsPrefix,
    serviceAccountId: shortName(`${name}-serving`, 30),
    serviceAccountProjectRoles: ['roles/logging.logWriter', 'roles/monitoring.metricWriter'],
    endpointId: numericEndpointId(spec.name),
    privateServiceConnect: true,
  };
}

/** Everything the gcloud steps need that only exists once the engine has run. */
export interface VertexAiDeployedNames {
  readonly project: string;
  readonly endpointId: string;
  readonly imageUri: string;
  readonly weightsUri: string;
  readonly serviceAccountEmail: string;
  readonly kmsKeyName: string;
}

/**
 * The documented `gcloud` commands that upload the Model and deploy it to the endpoint with the plan's
 * machine, replicas and autoscaling (flags from cloud.google.com/sdk/gcloud/reference/ai/models/upload and
 * .../ai/endpoints/deploy-model, read 2026-12-03).
 */
export function vertexAiDeployCommands(d: VertexAiEndpointDescription, n: VertexAiDeployedNames): string[] {
  const args = d.container.args.map((a) => (a === WEIGHTS_URI_PLACEHOLDER ? n.weightsUri : a));
  return [
    [
      'gcloud ai models upload', `--project=${n.project}`, `--region=${d.region}`, `--display-name=${d.name}`,
      `--container-image-uri=${n.imageUri}`, `--container-args=^;^${args.join(';')}`,
      `--container-ports=${d.container.port}`, `--container-predict-route=${d.container.predictRoute}`,
      `--container-health-route=${d.container.healthRoute}`, `--encryption-kms-key-name=${n.kmsKeyName}`,
    ].join(' '),
    [
      `gcloud ai endpoints deploy-model ${n.endpointId}`, `--project=${n.project}`, `--region=${d.region}`,
      `--model=$(gcloud ai models list --project=${n.project} --region=${d.region} --filter=display_name=${d.name} --format='value(name)' --limit=1)`,
      `--display-name=${d.name}`, `--machine-type=${d.machine.machineType}`,
      `--accelerator=type=${d.acceleratorType.toLowerCase().replace(/_/g, '-')},count=${d.machine.acceleratorCount}`,
      `--min-replica-count=${d.minReplicas}`, `--max-replica-count=${d.maxReplicas}`,
      `--autoscaling-metric-specs=gpu-duty-cycle=${d.autoscaling.targetPercent}`,
      `--service-account=${n.serviceAccountEmail}`, '--traffic-split=0=100',
    ].join(' '),
  ];
}
