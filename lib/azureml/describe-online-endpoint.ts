/**
 * The engine-neutral description of an `azureml` deployment: an Azure ML workspace and a managed online
 * endpoint with two deployments (blue serves, green takes the canary share), the serving container being
 * vLLM's image with the plan's flags.
 *
 * Azure ML environments take an image and routes but no container arguments, so the plan's flags are
 * baked into a two-line Dockerfile (FROM the vLLM image, ENTRYPOINT `vllm serve <flags>`) that Azure ML
 * builds into the workspace registry (EnvironmentVersion `build.contextUri`, learn.microsoft.com/rest/api/
 * azureml/environment-versions, read 2026-12-03).
 */
import type { DeploymentPlan } from '../plan/deployment-plan';
import { InputValidationError } from '../errors';
import { VLLM_IMAGE_TAG } from '../kubernetes/versions';
import { vllmServeArgs } from '../kubernetes/serving-args';
import { managedMachineOf, type ManagedMachine } from '../managed/machine-of-cloud';
import { servingPortOf, withPort } from '../vertex-ai/describe-endpoint';

/** Azure ML endpoint auth: Entra ID tokens, no long-lived keys (learn.microsoft.com/azure/machine-learning/concept-endpoints-online-auth). */
export type AzureMlAuthMode = 'AADToken' | 'Key' | 'AMLToken';

export interface AzureMlOnlineDeploymentDescription {
  /** `blue` (live) or `green` (canary). */
  readonly name: 'blue' | 'green';
  /** Percent of requests it receives. */
  readonly trafficPercent: number;
}

export interface AzureMlOnlineEndpointDescription {
  /** Prefix of every resource name (letters, digits and `-`). */
  readonly name: string;
  readonly region: string;
  /** Endpoint name: 3-32 characters, letter first (unique in the region). */
  readonly endpointName: string;
  readonly machine: ManagedMachine;
  /** Instances of each deployment (`sku.capacity`). */
  readonly instanceCount: number;
  readonly maxInstances: number;
  readonly authMode: AzureMlAuthMode;
  /** Inbound scoring only through private endpoints of the workspace. */
  readonly publicNetworkAccess: 'Disabled';
  readonly deployments: readonly [AzureMlOnlineDeploymentDescription, AzureMlOnlineDeploymentDescription];
  readonly container: {
    readonly baseImage: string;
    /** The Dockerfile Azure ML builds; `{weights-uri}` and `{storage-account}` are filled by the engine. */
    readonly dockerfile: string;
    readonly port: number;
    readonly livenessPath: string;
    readonly readinessPath: string;
    readonly scoringPath: string;
  };
  /** Blob container and prefix of the weights in the workspace storage account. */
  readonly weightsContainer: string;
  readonly weightsPrefix: string;
  /** ISO-8601 probe delays: a replica loads its weights before it answers /health. */
  readonly probes: { readonly initialDelay: string; readonly period: string; readonly failureThreshold: number };
  /** Concurrent requests an instance accepts before Azure ML queues (the plan's `--max-num-seqs`). */
  readonly maxConcurrentRequestsPerInstance: number;
}

/** Placeholders in the Dockerfile the engine fills once the storage account name is known. */
export const AZURE_WEIGHTS_URI_PLACEHOLDER = '{weights-uri}';

function shortName(name: string, max: number): string {
  return name.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, max).replace(/-+$/, '');
}

/** Describes the Azure ML deployment of a plan. @throws InputValidationError when the plan has no LLM or no VM size fits */
export function describeAzureMlOnlineEndpoint(plan: DeploymentPlan): AzureMlOnlineEndpointDescription {
  const spec = plan.spec;
  const llm = plan.llm;
  if (llm === undefined || spec.runtime.engine !== 'vllm') {
    throw new InputValidationError(`Deployment spec '${spec.name}'`, [{ field: 'runtime.engine', value: spec.runtime.engine, message: 'is not served on azureml (an LLM on vLLM is)', fix: "use runtime.engine 'vllm'" }]);
  }
  const machine = managedMachineOf(llm, 'azure', spec.target.kind === 'azureml' ? spec.target.instanceType : undefined);
  const name = shortName(spec.name, 24);
  const canary = spec.rollout.strategy === 'canary' || spec.rollout.strategy === 'linear' ? (spec.rollout.strategy === 'canary' ? spec.rollout.canaryPercent : spec.rollout.linearStepPercent) : 0;
  const weightsContainer = 'models';
  const weightsPrefix = name;
  // vLLM reads az:// with the Run:ai streamer and DefaultAzureCredential (the endpoint's managed identity);
  // AZURE_STORAGE_ACCOUNT_NAME names the account (docs.vllm.ai models/extensions/runai_model_streamer, read 2026-12-03).
  const args = withPort([...vllmServeArgs(llm, AZURE_WEIGHTS_URI_PLACEHOLDER), '--load-format', 'runai_streamer']);
  const baseImage = `vllm/vllm-openai:${VLLM_IMAGE_TAG}`;
  const minInstances = Math.max(1, spec.scaling.minReplicas);
  return {
    name,
    region: spec.region,
    endpointName: shortName(spec.name, 32),
    machine,
    instanceCount: minInstances,
    maxInstances: Math.max(minInstances, spec.scaling.maxReplicas ?? llm.replicas * 2),
    authMode: 'AADToken',
    publicNetworkAccess: 'Disabled',
    deployments: [{ name: 'blue', trafficPercent: 100 - canary }, { name: 'green', trafficPercent: canary }],
    container: {
      baseImage,
      dockerfile: [`FROM ${baseImage}`, `ENTRYPOINT ${JSON.stringify(['vllm', 'serve', ...args])}`, ''].join('\n'),
      port: servingPortOf(args),
      livenessPath: '/health',
      readinessPath: '/health',
      scoringPath: '/v1/chat/completions',
    },
    weightsContainer,
    weightsPrefix,
    // Azure ML's defaults (10 s delay, 30 failures × 10 s) would restart a replica still streaming its weights.
    probes: { initialDelay: 'PT600S', period: 'PT10S', failureThreshold: 30 },
    maxConcurrentRequestsPerInstance: llm.maxNumSeqs,
  };
}

/** The Dockerfile with the weights URI of the engine's storage account. */
export function azureMlDockerfile(d: AzureMlOnlineEndpointDescription, weightsUri: string): string {
  return d.container.dockerfile.split(AZURE_WEIGHTS_URI_PLACEHOLDER).join(weightsUri);
}

/** `az ml online-endpoint update` setting the blue/green split once both deployments exist (ARM refuses traffic to a missing deployment). */
export function azureMlTrafficCommand(d: AzureMlOnlineEndpointDescription, resourceGroup: string, workspace: string): string {
  const split = d.deployments.map((x) => `${x.name}=${x.trafficPercent}`).join(' ');
  return `az ml online-endpoint update --name ${d.endpointName} --resource-group ${resourceGroup} --workspace-name ${workspace} --traffic "${split}"`;
}
