/**
 * A deployment plan as a Hugging Face Inference Endpoints definition: the JSON body of
 * `POST https://api.endpoints.huggingface.cloud/v2/endpoint/{namespace}` (and of the `PUT .../{name}` that
 * updates it). Pure: every engine (CDK custom resource, Pulumi dynamic resource) sends exactly this body.
 *
 * The body's shape follows the API as huggingface_hub's `create_inference_endpoint` sends it
 * (`INFERENCE_ENDPOINTS_ENDPOINT = "https://api.endpoints.huggingface.cloud/v2"` in huggingface_hub/constants.py;
 * `compute {accelerator, instanceType, instanceSize, scaling {minReplica, maxReplica, scaleToZeroTimeout}}`,
 * `model {repository, revision, task, framework, image {custom {url, healthRoute, env}}}`, `provider {vendor,
 * region}`, `type` protected | private | public, `accountId` for a PrivateLink endpoint), read 2026-12-03 from
 * https://huggingface.co/docs/huggingface_hub/package_reference/inference_endpoints and its guide.
 */
import { InputValidationError, type InputProblem } from '../errors';
import { HTTP_PORT } from '../kubernetes/labels';
import { tgiLauncherArgs } from '../kubernetes/runtimes/tgi/launcher-args';
import { TGI_IMAGE_REPOSITORY, TGI_IMAGE_TAG } from '../kubernetes/runtimes/tgi/versions';
import { vllmServeArgs } from '../kubernetes/serving-args';
import { VLLM_IMAGE_REPOSITORY, VLLM_IMAGE_TAG } from '../kubernetes/versions';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { cloudOfTarget } from '../spec/targets';
import { HUGGING_FACE_INSTANCE_SIZES, huggingFaceInstanceFor } from './instances';

/** Where Inference Endpoints mounts the model repository inside the container (huggingface_hub guide: `MODEL_ID=/repository`). */
export const HF_REPOSITORY_PATH = '/repository';

/** Who may call the endpoint: `protected` (a Hugging Face token), `private` (PrivateLink only), `public` (anyone). */
export type HuggingFaceEndpointAccess = 'protected' | 'private' | 'public';

/** Vendors whose PrivateLink Inference Endpoints offers for `private` endpoints (AWS and Azure PrivateLink). */
export const PRIVATE_LINK_VENDORS = ['aws', 'azure'] as const;

/** Overrides of the spec's `target` settings (the spec's values otherwise). */
export interface HuggingFaceEndpointOptions {
  /** The Hugging Face user or organization that owns the endpoint (the `{namespace}` of the API path). @default - target.namespace */
  readonly namespace?: string;
  /** @default - the spec name */
  readonly name?: string;
  /**
   * Who may call the endpoint. `public` must be asked for explicitly.
   * @default - target.access, else 'protected' ('private' when `privateLinkAccountId` is set)
   */
  readonly access?: HuggingFaceEndpointAccess;
  /** Cloud account allowed to reach a `private` endpoint over PrivateLink (AWS account id or Azure subscription). Required with `access: 'private'`. @default - target.privateLinkAccountId */
  readonly privateLinkAccountId?: string;
}

/** The container the endpoint runs. */
export interface HuggingFaceCustomImage {
  readonly url: string;
  readonly healthRoute: string;
  readonly port: number;
  /** TGI reads every launcher flag from its environment variable (`--max-total-tokens` = `MAX_TOTAL_TOKENS`). */
  readonly env?: Readonly<Record<string, string>>;
  /** The image's command arguments (vLLM: `vllm serve` arguments). */
  readonly args?: readonly string[];
}

/** The API's request body. */
export interface HuggingFaceEndpointBody {
  readonly name: string;
  readonly type: HuggingFaceEndpointAccess;
  readonly accountId?: string;
  readonly compute: {
    readonly accelerator: 'gpu';
    readonly instanceType: string;
    readonly instanceSize: string;
    readonly scaling: { readonly minReplica: number; readonly maxReplica: number; readonly scaleToZeroTimeout?: number };
  };
  readonly model: {
    readonly repository: string;
    readonly revision?: string;
    readonly task: 'text-generation';
    readonly framework: 'pytorch';
    readonly image: { readonly custom: HuggingFaceCustomImage };
  };
  readonly provider: { readonly vendor: string; readonly region: string };
}

export interface HuggingFaceEndpointDefinition {
  readonly namespace: string;
  readonly name: string;
  readonly body: HuggingFaceEndpointBody;
  /**
   * Secrets Manager secret (name or ARN, `model.artifact.huggingFaceTokenSecret`) holding the Hugging Face token
   * the custom resource / dynamic provider calls the API with, read when it runs: never part of the body or the template.
   */
  readonly tokenSecret: string;
}

/** `--max-total-tokens 4096` → `MAX_TOTAL_TOKENS=4096`; a flag without a value (`--json-output`) → `true`. */
export function launcherArgsAsEnvironment(args: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const next = args[i + 1];
    const name = flag.replace(/^--/, '').replace(/-/g, '_').toUpperCase();
    if (next === undefined || next.startsWith('--')) env[name] = 'true';
    else { env[name] = next; i++; }
  }
  return env;
}

function repositoryOf(plan: DeploymentPlan): { repository?: string; revision?: string } {
  const artifact = plan.spec.model.artifact;
  if (artifact?.uri?.startsWith('hf://')) return { repository: artifact.uri.slice(5), revision: artifact.revision };
  return { repository: plan.spec.model.id };
}

/**
 * The Inference Endpoints definition of an LLM plan on a `huggingface-endpoint` target.
 * @throws InputValidationError listing every problem (no LLM plan, accelerator without an instance, access)
 */
export function huggingFaceEndpointDefinition(plan: DeploymentPlan, overrides: HuggingFaceEndpointOptions = {}): HuggingFaceEndpointDefinition {
  const problems: InputProblem[] = [];
  const spec = plan.spec;
  const t = spec.target.kind === 'huggingface-endpoint' ? spec.target : undefined;
  const options = { namespace: t?.namespace, access: t?.access, privateLinkAccountId: t?.privateLinkAccountId, ...stripUndefined(overrides) };
  const llm = plan.llm;
  const vendor = cloudOfTarget(spec.target);
  const access = options.access ?? (options.privateLinkAccountId !== undefined ? 'private' : 'protected');
  if (spec.target.kind !== 'huggingface-endpoint') problems.push({ field: 'target.kind', value: spec.target.kind, message: 'is not huggingface-endpoint', fix: "set target.kind to 'huggingface-endpoint'" });
  if (spec.runtime.engine !== 'tgi' && spec.runtime.engine !== 'vllm') problems.push({ field: 'runtime.engine', value: spec.runtime.engine, message: 'has no Inference Endpoints container here', fix: 'use tgi or vllm' });
  if (!llm || !plan.model) problems.push({ field: 'model', value: spec.model.id, message: 'has no LLM serving plan', fix: 'deploy an LLM (catalogue id or config.json) with tgi or vllm' });
  const instance = llm ? huggingFaceInstanceFor(llm.accelerator) : undefined;
  if (llm && (!instance || !instance.vendors.includes(vendor))) {
    problems.push({ field: 'target.instanceType', value: llm.accelerator, message: `the planned accelerator has no Inference Endpoints instance on ${vendor}`, fix: 'fix target.instanceType to an Inference Endpoints instance (nvidia-l4, nvidia-a10g, nvidia-l40s, nvidia-a100, nvidia-h100...) offered by that vendor' });
  }
  const size = llm ? HUGGING_FACE_INSTANCE_SIZES[llm.acceleratorCount] : undefined;
  if (llm && (size === undefined || llm.nodes > 1)) problems.push({ field: 'plan', value: `${llm.acceleratorCount} GPUs × ${llm.nodes} nodes`, message: 'an endpoint replica is one instance of 1, 2, 4 or 8 GPUs', fix: 'choose a smaller model, quantization, or a larger accelerator' });
  if (access === 'private' && !(PRIVATE_LINK_VENDORS as readonly string[]).includes(vendor)) problems.push({ field: 'access', value: access, message: `PrivateLink endpoints are not offered on ${vendor}`, fix: `use vendor ${PRIVATE_LINK_VENDORS.join(' or ')}, or access 'protected'` });
  if (access === 'private' && options.privateLinkAccountId === undefined) problems.push({ field: 'privateLinkAccountId', value: undefined, message: 'is required for a private endpoint', fix: 'give the account id allowed to connect over PrivateLink' });
  const { repository, revision } = repositoryOf(plan);
  if (repository === undefined) problems.push({ field: 'model.id', value: undefined, message: 'names no Hugging Face repository', fix: 'set model.id to a Hub repository id or model.artifact.uri to hf://org/name' });
  if (!/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/.test(options.name ?? spec.name)) problems.push({ field: 'name', value: options.name ?? spec.name, message: 'is not a valid endpoint name', fix: 'use 1-32 lower-case letters, digits and hyphens' });
  if (!options.namespace) problems.push({ field: 'target.namespace', value: options.namespace, message: 'is required: it is the Hugging Face user or organization that owns the endpoint', fix: "set target.namespace, e.g. 'my-org'" });
  const tokenSecret = spec.model.artifact?.huggingFaceTokenSecret;
  if (tokenSecret === undefined) problems.push({ field: 'model.artifact.huggingFaceTokenSecret', value: undefined, message: 'is required: the Endpoints API is called with a Hugging Face token', fix: 'store a token with write access to the namespace in Secrets Manager and give its ARN' });
  if (problems.length > 0) throw new InputValidationError(`Inference Endpoint '${options.name ?? spec.name}'`, problems);

  const name = options.name ?? spec.name;
  const scaleToZero = spec.target.kind === 'huggingface-endpoint' ? spec.target.scaleToZeroAfterMinutes ?? 0 : 0;
  const minReplica = scaleToZero > 0 ? 0 : Math.max(1, spec.scaling.minReplicas);
  const maxReplica = Math.max(spec.scaling.maxReplicas ?? llm!.replicas, minReplica, 1);
  const image: HuggingFaceCustomImage = spec.runtime.engine === 'tgi'
    ? { url: `${TGI_IMAGE_REPOSITORY}:${TGI_IMAGE_TAG}`, healthRoute: '/health', port: HTTP_PORT, env: launcherArgsAsEnvironment(tgiLauncherArgs(llm!, plan.model!, HF_REPOSITORY_PATH)) }
    // The plan's engine args carry `--port 8000` (lib/planner/engine-args.ts).
    : { url: `${VLLM_IMAGE_REPOSITORY}:${VLLM_IMAGE_TAG}`, healthRoute: '/health', port: 8000, args: vllmServeArgs(llm!, HF_REPOSITORY_PATH) };
  return {
    namespace: options.namespace!,
    name,
    tokenSecret: tokenSecret!,
    body: {
      name,
      type: access,
      ...(access === 'private' ? { accountId: options.privateLinkAccountId } : {}),
      compute: {
        accelerator: 'gpu',
        instanceType: instance!.instanceType,
        instanceSize: size!,
        // scaleToZeroTimeout is in minutes (huggingface_hub: "The duration in minutes before an inactive endpoint is scaled to zero").
        scaling: { minReplica, maxReplica, ...(scaleToZero > 0 ? { scaleToZeroTimeout: scaleToZero } : {}) },
      },
      model: { repository: repository!, ...(revision ? { revision } : {}), task: 'text-generation', framework: 'pytorch', image: { custom: image } },
      provider: { vendor, region: llm!.region },
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
