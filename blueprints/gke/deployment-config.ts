/**
 * From a planned `gke` blueprint (spec + plan) to the {@link LlmGkeDeploymentConfig} the cdktf stack, the Pulumi
 * program and the manifests render: the one place where spec fields become GKE and serving settings.
 */
import { lowestReplicaFloor } from '../../lib/spec/check-off-hours';
import { InputValidationError } from '../../lib/errors';
import { defaultModelPrefix } from '../../lib/eks/names';
import { DEFAULT_GKE_NETWORK, gkeMachine, gkeNodeBounds, type GkeReleaseChannel, type LlmGkeDeploymentConfig } from '../../lib/gke/deployment-config';
import { gcpBillingBudget, gcpDeploymentLabel } from '../../lib/gcp/billing-budget';
import type { ModelSource } from '../../lib/kubernetes/options';
import type { BlueprintContext } from '../blueprint';

/** Blueprint choices that are not part of the deployment spec. */
export interface GkeBlueprintExtras {
  /** Google Cloud project. @default - `GOOGLE_CLOUD_PROJECT`, else a review placeholder */
  readonly project?: string;
  /** @default - the plan's region when it is a Google Cloud region, else 'us-central1' */
  readonly region?: string;
  /** CIDRs allowed to reach the private control plane. @default - the node range */
  readonly authorizedNetworks?: readonly string[];
  /** @default 'REGULAR' */
  readonly releaseChannel?: GkeReleaseChannel;
}

/** Placeholder project rendered for review without credentials. */
export const REVIEW_PROJECT = 'aimd-review-project';
/**
 * Placeholder Cloud Billing account of the shipped Google Cloud blueprints' budgets, rendered for review: set
 * `AIMD_GCP_BILLING_ACCOUNT` (`gcloud billing accounts list`) before an apply, which otherwise fails on the budget.
 */
export const REVIEW_BILLING_ACCOUNT = '000000-000000-000000';

/** The billing account the shipped Google Cloud blueprints' budgets belong to. */
export function blueprintBillingAccount(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.AIMD_GCP_BILLING_ACCOUNT ?? REVIEW_BILLING_ACCOUNT;
}
const GCP_REGION = /^[a-z]+-[a-z]+\d+$/;

function modelSource(context: BlueprintContext, bucket: string): ModelSource {
  const artifact = context.plan.spec.model.artifact;
  const uri = artifact?.uri;
  const modelId = context.plan.model?.id ?? context.plan.spec.model.id ?? context.name;
  if (uri === undefined) return { bucketName: bucket, prefix: defaultModelPrefix(modelId) };
  if (uri.startsWith('hf://')) return { huggingFaceId: uri.slice('hf://'.length), ...(artifact?.revision !== undefined && { revision: artifact.revision }) };
  const gs = /^gs:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (gs === null || gs[1] !== bucket) {
    throw new InputValidationError(`Blueprint '${context.name}'`, [{
      field: 'model.artifact.uri', value: uri, message: `is not in the deployment's weights bucket gs://${bucket}/`,
      fix: `upload the checkpoint under gs://${bucket}/<prefix>/ and name it here, or use hf://<org>/<name>`,
    }]);
  }
  return { bucketName: bucket, prefix: gs[2] ?? '' };
}

export function llmGkeDeploymentConfig(context: BlueprintContext, extras: GkeBlueprintExtras = {}): LlmGkeDeploymentConfig {
  const { spec, llm, model } = context.plan;
  if (spec.target.kind !== 'gke' || llm === undefined || model === undefined) {
    throw new Error(`Blueprint '${context.name}' needs an LLM planned for target kind 'gke' (got target '${spec.target.kind}')`);
  }
  const project = extras.project ?? process.env.GOOGLE_CLOUD_PROJECT ?? REVIEW_PROJECT;
  const region = extras.region ?? (GCP_REGION.test(llm.region) ? llm.region : 'us-central1');
  const minReplicas = Math.max(spec.scaling.minReplicas, 1);
  const maxReplicas = spec.scaling.maxReplicas ?? Math.max(llm.replicas * 2, minReplicas);
  const bucket = `${project}-${context.name}-weights`.slice(0, 63).replace(/-+$/, '');
  const namespace = spec.target.namespace ?? spec.name;
  const tokenSecret = spec.model.artifact?.huggingFaceTokenSecret;
  return {
    name: context.name,
    project,
    region,
    ...gkeMachine(llm),
    // GPU nodes kept at every hour: the off-hours floor when there is one.
    ...gkeNodeBounds(llm, lowestReplicaFloor({ minReplicas, offHours: spec.scaling.offHours }), maxReplicas),
    network: DEFAULT_GKE_NETWORK,
    authorizedNetworks: extras.authorizedNetworks ?? [DEFAULT_GKE_NETWORK.nodes],
    releaseChannel: extras.releaseChannel ?? 'REGULAR',
    bucketName: bucket,
    keyRingName: `${context.name}-weights`,
    cryptoKeyName: `${context.name}-weights`,
    serviceAccountId: `${context.name}-reader`.slice(0, 30).replace(/-+$/, ''),
    serving: {
      name: context.name,
      namespace,
      plan: llm,
      model,
      modelSource: modelSource(context, bucket),
      serviceAccountName: `${context.name}-vllm`,
      // A Secret named in the spec is synced by the operator of your choice (External Secrets with Secret Manager).
      ...(tokenSecret !== undefined && { huggingFaceTokenSecret: { secretName: `${context.name}-hf-token`, key: 'token' } }),
      // Every model API asks for a key. The Secret is created by the operator before the first rollout (docs/clouds/gcp.md:
      // `kubectl create secret generic <name>-api-key --from-literal=api-key=...`, or synced from Secret Manager); it is
      // never written into the manifests or the Terraform state.
      apiKeySecret: { secretName: `${context.name}-api-key`, key: 'api-key' },
      // GKE provisions the GPU nodes itself; `capacity` only matters to the EKS binding.
      capacity: 'managed-nodegroup',
      nodePoolName: `${context.name}-gpu`,
      loraAdapters: spec.runtime.lora?.adapters.map((a) => ({ name: a.name, uri: a.uri, tenant: a.tenant ?? a.name })),
      // KEDA reads the project's Managed Prometheus query API (the GKE binding, lib/gke/keda.ts).
      autoscaling: { minReplicas, maxReplicas, scaleToZero: false, engine: 'keda', offHours: spec.scaling.offHours },
      // GMP collectors scrape from gmp-system; GKE's managed DCGM replaces the exporter. The alert rules become Cloud
      // Monitoring alerting policies that notify the recipients (gkeAlertRouting), not a GMP Rules object.
      monitoring: { prometheusRules: false, dashboard: false, prometheusNamespace: 'gmp-system', dcgmExporterNamespace: false },
    },
    labels: { 'aimd-blueprint': context.name, ...gcpDeploymentLabel(spec.name), ...lowercaseLabels(spec.tags) },
    alerting: { recipients: spec.monitoring.recipients, budget: gcpBillingBudget(context.plan) },
  };
}

/**
 * Address of a GMP query frontend in `gmp-public` ("Query using Prometheus UI / API", frontend on port 9090, read
 * 2026-12-03). No longer used by `llm-gke`, which nothing deployed it for: KEDA queries the GMP query API directly
 * (lib/gke/keda.ts). Kept for callers that run their own frontend (`gcpCloud({ prometheusQueryAddress })`).
 */
export const GMP_FRONTEND_ADDRESS = 'http://frontend.gmp-public.svc:9090';

/** Google Cloud labels: lowercase keys and values, `-`/`_` only. */
function lowercaseLabels(tags: Readonly<Record<string, string>>): Record<string, string> {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9_-]/g, '-').slice(0, 63);
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [clean(k), clean(v)]));
}
