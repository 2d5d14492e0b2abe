/**
 * A spec's inference graph on KServe: one InferenceService per step (the classic-model builder, classic-predictor.ts)
 * and an InferenceGraph (serving.kserve.io/v1alpha1) whose `root` node routes between them. KServe's controller (raw
 * `Standard` mode) runs the graph's router as a Deployment + Service `<graph>` on port 8080, its pods labelled
 * `serving.kserve.io/inferencegraph: <graph>` (pkg/controller/v1alpha1/inferencegraph/raw_ig.go and
 * pkg/constants/constants.go `RouterPort`, `InferenceGraphLabel` at v0.20.0, read 2026-12-03).
 */
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { InferenceGraphKind, InferenceGraphSpec } from '../../../spec/graph';
import type { ServingContext } from '../../context';
import { toKubeObject } from '../../kube-object';
import { exposureIngressRules } from '../../network-policy';
import type { ClassicModelSource } from '../../options';
import type { KubeObject, KubeObjectMeta } from '../../types';
import { DEPLOYMENT_MODE, DEPLOYMENT_MODE_ANNOTATION, kserveLabels } from './inference-service';
import { INFERENCE_SERVICE_LABEL, KSERVE_HTTP_PORT } from './versions';

export const INFERENCE_GRAPH_API_VERSION = 'serving.kserve.io/v1alpha1';
/** Label KServe puts on the router's pods (pkg/constants/constants.go `InferenceGraphLabel`, v0.20.0). */
export const INFERENCE_GRAPH_LABEL = 'serving.kserve.io/inferencegraph';
/** Port of KServe's graph router (pkg/constants/constants.go `RouterPort`, v0.20.0). */
export const INFERENCE_GRAPH_ROUTER_PORT = 8080;
/** The node KServe starts every request at (`GraphRootNodeName`, pkg/apis/serving/v1alpha1/inference_graph.go). */
const ROOT_NODE = 'root';

/** Router types of the CRD (`+kubebuilder:validation:Enum=Sequence;Splitter;Ensemble;Switch`). */
const ROUTER_TYPES: Readonly<Record<InferenceGraphKind, 'Sequence' | 'Ensemble' | 'Switch'>> = {
  sequence: 'Sequence',
  ensemble: 'Ensemble',
  switch: 'Switch',
};

/** One step of a router node (InferenceStep: `name`, one of `serviceName`/`nodeName`/`serviceUrl`, `data`, `condition`). */
export interface InferenceGraphStep {
  readonly name: string;
  readonly serviceName: string;
  /** `$request` (the graph's input) or `$response` (the previous step's output, in a sequence). */
  readonly data: '$request' | '$response';
  /** KServe ≥ 0.16: the previous step's `predictions` become this step's `instances` (v1 protocol chaining). */
  readonly mapPredictionsToInstances?: boolean;
  readonly condition?: string;
  /** `Hard`: a failed step fails the ensemble instead of being merged as an error. */
  readonly dependency?: 'Hard' | 'Soft';
}

export interface IInferenceGraph {
  readonly apiVersion: typeof INFERENCE_GRAPH_API_VERSION;
  readonly kind: 'InferenceGraph';
  readonly metadata: KubeObjectMeta;
  readonly spec: {
    readonly nodes: { readonly [ROOT_NODE]: { readonly routerType: 'Sequence' | 'Ensemble' | 'Switch'; readonly steps: readonly InferenceGraphStep[] } };
    readonly serviceAccountName?: string;
  };
}

/** Name of a deployment's InferenceGraph (and of the router's Service). */
export function inferenceGraphName(ctx: ServingContext): string {
  return `${ctx.name}-graph`;
}

/** The graph's steps as classic models: one InferenceService each, named after the step. */
export function graphClassicModels(graph: InferenceGraphSpec | undefined): ClassicModelSource[] {
  return (graph?.steps ?? []).map((step) => ({ name: step.name, ...step.model }));
}

function routerSteps(graph: InferenceGraphSpec): InferenceGraphStep[] {
  return graph.steps.map((step, i): InferenceGraphStep => {
    const base = { name: step.name, serviceName: step.name };
    switch (graph.kind) {
      case 'sequence':
        // Each step after the first takes the previous step's response, its predictions as instances.
        return i === 0 ? { ...base, data: '$request' } : { ...base, data: '$response', mapPredictionsToInstances: true };
      case 'ensemble':
        return { ...base, data: '$request', dependency: 'Hard' };
      case 'switch':
        return { ...base, data: '$request', condition: step.condition! };
    }
  });
}

/** The InferenceGraph: a single `root` node of the graph's kind over the steps' InferenceServices. */
export function inferenceGraph(ctx: ServingContext, graph: InferenceGraphSpec): KubeObject {
  const ig: IInferenceGraph = {
    apiVersion: INFERENCE_GRAPH_API_VERSION,
    kind: 'InferenceGraph',
    metadata: {
      name: inferenceGraphName(ctx),
      namespace: ctx.namespace,
      labels: kserveLabels(ctx),
      annotations: { [DEPLOYMENT_MODE_ANNOTATION]: DEPLOYMENT_MODE },
    },
    spec: { nodes: { [ROOT_NODE]: { routerType: ROUTER_TYPES[graph.kind], steps: routerSteps(graph) } } },
  };
  return toKubeObject(ig);
}

/**
 * The router under the namespace's default deny: callers (gateway or ALB) reach it on 8080; it reaches the steps'
 * predictors on 8080. The predictors' own policy (network.ts) lets the router in.
 */
export function inferenceGraphNetworkPolicy(ctx: ServingContext, graph: InferenceGraphSpec): KubeObject {
  const name = inferenceGraphName(ctx);
  const policy: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${name}-router`, namespace: ctx.namespace, labels: kserveLabels(ctx) },
    spec: {
      podSelector: { matchLabels: { [INFERENCE_GRAPH_LABEL]: name } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: exposureIngressRules(ctx, [{ protocol: 'TCP', port: INFERENCE_GRAPH_ROUTER_PORT }]),
      egress: [{
        to: [{ podSelector: { matchExpressions: [{ key: INFERENCE_SERVICE_LABEL, operator: 'In', values: graph.steps.map((s) => s.name) }] } }],
        ports: [{ protocol: 'TCP', port: KSERVE_HTTP_PORT }],
      }],
    },
  };
  return toKubeObject(policy);
}

/**
 * The namespace of a deployment with a graph enforces Pod Security `baseline` (audit and warn stay `restricted`):
 * KServe v0.20's router pod sets no `seccompProfile` (raw_ig.go `createInferenceGraphPodSpec`, read 2026-12-03), which
 * `restricted` requires, so it would never start. Our own pods still meet `restricted`.
 */
export function relaxForGraphRouter(namespace: KubeObject): KubeObject {
  const labels = { ...namespace.metadata.labels, 'pod-security.kubernetes.io/enforce': 'baseline' };
  return { ...namespace, metadata: { ...namespace.metadata, labels } } as KubeObject;
}
