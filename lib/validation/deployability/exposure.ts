/**
 * Exposure: every model endpoint authenticates its callers (IAM, an API key from a secret, or gateway auth), and
 * every namespace running workloads denies traffic by default with NetworkPolicies that the cluster enforces (VPC
 * CNI `enableNetworkPolicy`, or the Auto Mode network policy controller plus a NodeClass `networkPolicy`). A policy
 * nobody enforces is documentation, and an unauthenticated OpenAI API is a free GPU for any pod in the cluster.
 */
import type { KubeObject } from '../../kubernetes/types';
import type { ValidationFinding } from '../types';
import type { DeploymentFacts } from './facts';
import { workloadsOf } from './workloads';

const RULE = 'deployability/exposure';
type Obj = Record<string, any>;

/**
 * Environment variables that make a container demand a key, set from a Secret: vLLM reads `VLLM_API_KEY`
 * (vllm/envs.py; the OpenAI server then requires `Authorization: Bearer <key>` on /v1), TGI `API_KEY`, the shared
 * auth proxy `API_KEY` (lib/kubernetes/runtimes/auth-proxy.ts). Only the container a Service's port lands on counts.
 * Runtimes declare how they are protected in the registry (`endpointProtection`), which refuses exposing one that is
 * not. Extend the list when a runtime with another mechanism is added.
 */
export const API_KEY_ENV_NAMES: readonly string[] = ['VLLM_API_KEY', 'API_KEY'];

/** Namespaces the platform owns; their workloads come from Helm charts with their own policies. */
const PLATFORM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

function isDefaultDeny(policy: Obj): boolean {
  const selector = policy.spec?.podSelector ?? {};
  const selectsAll = Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
  const types: string[] = policy.spec?.policyTypes ?? [];
  return selectsAll && types.includes('Ingress') && types.includes('Egress') && (policy.spec?.ingress ?? []).length === 0 && (policy.spec?.egress ?? []).length === 0;
}

function matches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}

function networkPolicyFindings(facts: DeploymentFacts): ValidationFinding[] {
  const objects = facts.kubeObjects as readonly Obj[];
  const namespaces = new Set(workloadsOf(facts.kubeObjects).map((w) => w.namespace).filter((ns) => !PLATFORM_NAMESPACES.has(ns)));
  const out: ValidationFinding[] = [];
  for (const ns of namespaces) {
    const denies = objects.some((o) => o.kind === 'NetworkPolicy' && (o.metadata.namespace ?? 'default') === ns && isDefaultDeny(o));
    if (!denies) {
      out.push({ engine: facts.engine, resource: `Namespace/${ns}`, rule: RULE, severity: 'error',
        message: `namespace '${ns}' runs workloads without a default-deny NetworkPolicy (podSelector {}, policyTypes [Ingress, Egress], no rules): any pod may reach them and they may reach anything. Fix: add one, then allow what each workload needs` });
    }
  }
  if (namespaces.size > 0 && objects.some((o) => o.kind === 'NetworkPolicy')) out.push(...enforcementFindings(facts));
  return out;
}

/** Who enforces NetworkPolicies: VPC CNI's agent (managed add-on setting) or, in Auto Mode, its own controller. */
function enforcementFindings(facts: DeploymentFacts): ValidationFinding[] {
  const objects = facts.kubeObjects as readonly Obj[];
  const autoModeNodeClasses = objects.filter((o) => o.kind === 'NodeClass' && String(o.apiVersion).startsWith('eks.amazonaws.com/'));
  const autoMode = facts.clusters.some((c) => c.autoMode) || autoModeNodeClasses.length > 0;
  const report = (resource: string, message: string): ValidationFinding => ({ engine: facts.engine, resource, rule: RULE, severity: 'error', message });
  if (autoMode) {
    const out: ValidationFinding[] = [];
    const controller = objects.some((o) => o.kind === 'ConfigMap' && o.metadata.name === 'amazon-vpc-cni' && o.metadata.namespace === 'kube-system'
      && o.data?.['enable-network-policy-controller'] === 'true');
    if (!controller) out.push(report('ConfigMap/kube-system/amazon-vpc-cni', 'EKS Auto Mode enforces NetworkPolicies only once the ConfigMap kube-system/amazon-vpc-cni sets enable-network-policy-controller: "true" (EKS user guide, "Use network policies with EKS Auto Mode"). Fix: apply it with the cluster'));
    for (const nc of autoModeNodeClasses.filter((n) => n.spec?.networkPolicy === undefined)) {
      out.push(report(`NodeClass/${nc.metadata.name}`, 'an Auto Mode NodeClass without spec.networkPolicy does not enforce NetworkPolicies on its nodes. Fix: networkPolicy: DefaultAllow (the namespaces\' own default-deny policies then apply)'));
    }
    return out;
  }
  // Plain manifests: the cluster is not ours to check.
  if (facts.clusters.length === 0) return [];
  const cni = facts.addons.find((a) => a.name === 'vpc-cni');
  if (cni && String(cni.configuration?.enableNetworkPolicy) === 'true') return [];
  return [report(cni?.resource ?? facts.clusters[0]!.resource,
    'NetworkPolicies are applied but the VPC CNI does not enforce them: the managed vpc-cni add-on needs configurationValues {"enableNetworkPolicy": "true"} (EKS user guide, "Configure your cluster for Kubernetes network policies"). Fix: install the add-on with that setting')];
}

/**
 * The pod template of a KServe InferenceService's predictor, as KServe's controller writes it: the model container
 * first, then the predictor's own `containers` (the auth proxy), labelled with the InferenceService's name.
 */
function inferenceServiceTemplate(isvc: Obj): Obj {
  const { model, containers, labels, ...podSpec } = isvc.spec?.predictor ?? {};
  return {
    metadata: { labels: { ...labels, 'serving.kserve.io/inferenceservice': isvc.metadata.name } },
    spec: { ...podSpec, containers: [...(model ? [{ ...model, name: 'kserve-container' }] : []), ...(containers ?? [])] },
  };
}

/** Every pod template that serves traffic, by namespace: workloads' and InferenceService predictors'. */
function podTemplates(objects: readonly KubeObject[]): Array<{ namespace: string; template: Obj }> {
  const out = workloadsOf(objects).flatMap((w) => w.templates.map((template) => ({ namespace: w.namespace, template })));
  for (const o of (objects as readonly Obj[]).filter((x) => x.kind === 'InferenceService')) {
    out.push({ namespace: o.metadata.namespace ?? 'default', template: inferenceServiceTemplate(o) });
  }
  return out;
}

/** Pod templates a Service sends traffic to. */
function servedTemplates(objects: readonly KubeObject[]): Array<{ service: string; namespace: string; serviceSpec: Obj; template: Obj }> {
  const services = (objects as readonly Obj[]).filter((o) => o.kind === 'Service' && o.spec?.selector);
  const out: Array<{ service: string; namespace: string; serviceSpec: Obj; template: Obj }> = [];
  for (const { namespace, template } of podTemplates(objects)) {
    for (const s of services) {
      if ((s.metadata.namespace ?? 'default') === namespace && matches(s.spec.selector, template?.metadata?.labels)) {
        out.push({ service: `Service/${namespace}/${s.metadata.name}`, namespace, serviceSpec: s.spec, template });
      }
    }
  }
  return out;
}

function checksKey(container: Obj): boolean {
  return (container.env ?? []).some((e: Obj) => API_KEY_ENV_NAMES.includes(e.name) && e.valueFrom?.secretKeyRef !== undefined)
    || (container.args ?? []).includes('--api-key');
}

/** A Service port that only exposes metrics (named `metrics`, `*-metrics`): Prometheus reads it, and so may anyone. */
function isMetricsPort(port: Obj): boolean {
  return /(^|-)metrics$/.test(String(port.name ?? ''));
}

/**
 * The containers a Service's serving ports land on (by port number or name). A key checked in another container of
 * the pod (an auth proxy the Service bypasses) protects nothing. Metrics ports are not endpoints of the model.
 */
function targetContainers(serviceSpec: Obj, template: Obj): Obj[] {
  const containers: Obj[] = template.spec?.containers ?? [];
  const ports = ((serviceSpec.ports ?? []) as Obj[]).filter((port) => !isMetricsPort(port));
  if (ports.length === 0 && (serviceSpec.ports ?? []).length > 0) return [];
  const targets: Obj[] = [];
  for (const port of ports) {
    const target = port.targetPort ?? port.port;
    const owner = containers.find((c) => (c.ports ?? []).some((p: Obj) => p.containerPort === target || (p.name !== undefined && p.name === target)));
    if (owner) targets.push(owner);
  }
  // No declared port matches (containers need not declare ports): judge the pod as a whole.
  return targets.length > 0 ? targets : containers;
}

function authenticates(serviceSpec: Obj, template: Obj): boolean {
  return targetContainers(serviceSpec, template).every(checksKey);
}

/** Envoy Gateway's SecurityPolicy fields that authenticate clients (gateway.envoyproxy.io/v1alpha1, v1.9.0). */
const GATEWAY_AUTH_FIELDS = ['apiKeyAuth', 'jwt', 'basicAuth', 'extAuth', 'oidc'];
/** Envoy Gateway runs every Gateway's proxies in its own namespace (its default deployment mode). */
const ENVOY_GATEWAY_CONTROLLER_NAME = 'gateway.envoyproxy.io/gatewayclass-controller';
const ENVOY_PROXY_NAMESPACE = 'envoy-gateway-system';

/** The Envoy Gateway Gateways among the objects that a SecurityPolicy makes authenticate every client. */
function hasAuthenticatingEnvoyGateway(objects: readonly Obj[]): boolean {
  const envoyClasses = new Set(objects.filter((o) => o.kind === 'GatewayClass' && o.spec?.controllerName === ENVOY_GATEWAY_CONTROLLER_NAME).map((o) => o.metadata.name));
  const gateways = objects.filter((o) => o.kind === 'Gateway' && envoyClasses.has(o.spec?.gatewayClassName));
  return objects.some((o) => o.kind === 'SecurityPolicy' && GATEWAY_AUTH_FIELDS.some((f) => o.spec?.[f] !== undefined)
    && (o.spec?.targetRefs ?? []).some((ref: Obj) => ref.kind === 'Gateway' && gateways.some((g) => g.metadata.name === ref.name && (g.metadata.namespace ?? 'default') === (o.metadata.namespace ?? 'default'))));
}

/**
 * Pods without a key of their own are protected when they sit behind a gateway that authenticates every client
 * (`llm-platform-eks`, docs/gateway.md): their namespace denies all traffic by default, a policy admits the gateway's
 * proxies, and every peer admitted is a namespace or a pod, never an IP block or everyone (an empty `from`). Other
 * admitted namespaces (Prometheus scraping vLLM's port, which also serves /metrics) stay trusted, as documented there.
 */
function behindAuthenticatingGateway(objects: readonly Obj[], namespace: string, template: Obj): boolean {
  if (!hasAuthenticatingEnvoyGateway(objects)) return false;
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy' && (o.metadata.namespace ?? 'default') === namespace);
  if (!policies.some(isDefaultDeny)) return false;
  const admitting = policies.filter((p) => (p.spec?.policyTypes ?? []).includes('Ingress') && matches(p.spec?.podSelector?.matchLabels, template?.metadata?.labels) && (p.spec?.ingress ?? []).length > 0);
  const rules: Obj[] = admitting.flatMap((p) => p.spec.ingress);
  const peers: Obj[] = rules.flatMap((r) => r.from ?? []);
  const scoped = rules.every((r) => (r.from ?? []).length > 0) && peers.every((peer) => peer.ipBlock === undefined && (peer.namespaceSelector !== undefined || peer.podSelector !== undefined));
  const fromProxies = peers.some((peer) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === ENVOY_PROXY_NAMESPACE);
  return scoped && fromProxies;
}

function endpointAuthFindings(facts: DeploymentFacts): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const objects = facts.kubeObjects as readonly Obj[];
  for (const { service, namespace, serviceSpec, template } of servedTemplates(facts.kubeObjects)) {
    if (!authenticates(serviceSpec, template) && !behindAuthenticatingGateway(objects, namespace, template)) {
      out.push({ engine: facts.engine, resource: service, rule: RULE, severity: 'error',
        message: `the pods behind ${service} accept requests without authentication: any pod that reaches them can call the model. Fix: an API key from a Secret synced from Secrets Manager, checked by the server (${API_KEY_ENV_NAMES.join(' / ')}) or by the auth proxy the Service targets, or an authenticating gateway` });
    }
  }
  for (const route of facts.apiRoutes.filter((r) => r.authorizationType === 'NONE')) {
    out.push({ engine: facts.engine, resource: route.resource, rule: RULE, severity: 'error',
      message: 'the route calls the model without authorization (NONE). Fix: AWS_IAM, a JWT authorizer or a Lambda authorizer' });
  }
  return out;
}

/**
 * Node groups without a launch template of ours get EKS's default one: an IMDS hop limit of 2, which lets any pod
 * take the node role's credentials, and the default disk.
 */
function nodeGroupFindings(facts: DeploymentFacts): ValidationFinding[] {
  return facts.nodeGroups.filter((g) => !g.launchTemplate).map((g) => ({ engine: facts.engine, resource: g.resource, rule: RULE, severity: 'error' as const,
    message: 'the node group uses EKS\'s default launch template: IMDS answers pods (hop limit 2), so every pod can use the node role, and the root disk is the default. Fix: a launch template with httpTokens required, hop limit 1 and an encrypted gp3 root volume' }));
}

/** Exposure findings of one engine's output. */
export function checkExposure(facts: DeploymentFacts): ValidationFinding[] {
  return [...networkPolicyFindings(facts), ...endpointAuthFindings(facts), ...nodeGroupFindings(facts)];
}
