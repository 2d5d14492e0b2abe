/**
 * A spec's inference graph on KServe: one InferenceService per step (the classic-model builder) and an InferenceGraph
 * whose root node routes between them in the graph's order, valid against the InferenceGraph CRD of the pinned KServe
 * release; the router can reach the steps under the namespace's default deny; a bad graph is refused with every problem.
 */
import { InputValidationError } from '../../../lib/errors';
import { buildServingObjects } from '../../../lib/kubernetes/runtimes/registry';
import type { KubeObject } from '../../../lib/kubernetes/types';
import type { InferenceGraphSpec } from '../../../lib/spec/graph';
import { named, servingOptions, SINGLE_NODE } from '../fixtures';
import { schemaErrors } from '../schema-helpers';

const BUCKET = 's3://models-123456789012-us-east-1/models';
const SEQUENCE: InferenceGraphSpec = {
  kind: 'sequence',
  steps: [
    { name: 'preprocess', model: { format: 'sklearn', uri: `${BUCKET}/preprocess/` } },
    { name: 'classifier', model: { format: 'xgboost', uri: `${BUCKET}/classifier/`, cpu: '1', memory: '1Gi' } },
    { name: 'postprocess', model: { format: 'sklearn', uri: `${BUCKET}/postprocess/` } },
  ],
};
const SWITCH: InferenceGraphSpec = {
  kind: 'switch',
  steps: [
    { name: 'images', model: { format: 'onnx', uri: `${BUCKET}/images/` }, condition: 'instances.#(kind=="image")' },
    { name: 'tabular', model: { format: 'xgboost', uri: `${BUCKET}/tabular/` }, condition: 'instances.#(kind=="row")' },
  ],
};

const graphObjects = (graph: InferenceGraphSpec): KubeObject[] => buildServingObjects(servingOptions(SINGLE_NODE, { runtime: 'kserve', inferenceGraph: graph }));
const inferenceServiceNames = (objects: readonly KubeObject[]) => objects.filter((o) => o.kind === 'InferenceService').map((o) => o.metadata.name);

describe('GIVEN a preprocess → classifier → postprocess sequence', () => {
  const objects = graphObjects(SEQUENCE);
  const graph = named(objects, 'InferenceGraph', 'llm-graph');

  test('THEN each step is an InferenceService of its format (beside the LLM) and there is one InferenceGraph', () => {
    expect(inferenceServiceNames(objects)).toEqual(['llm', 'preprocess', 'classifier', 'postprocess']);
    expect(objects.filter((o) => o.kind === 'InferenceGraph')).toHaveLength(1);
    const classifier = named(objects, 'InferenceService', 'classifier').spec.predictor.model;
    expect(classifier).toMatchObject({ modelFormat: { name: 'xgboost' }, runtime: 'kserve-xgbserver', storageUri: `${BUCKET}/classifier/`, resources: { requests: { cpu: '1', memory: '1Gi' } } });
  });

  test('THEN the root node is a Sequence over the steps in order, each later step fed the previous predictions', () => {
    const root = graph.spec.nodes.root;
    expect(root.routerType).toBe('Sequence');
    expect(root.steps.map((s: { serviceName: string }) => s.serviceName)).toEqual(['preprocess', 'classifier', 'postprocess']);
    expect(root.steps.map((s: { data: string }) => s.data)).toEqual(['$request', '$response', '$response']);
    expect(root.steps[0].mapPredictionsToInstances).toBeUndefined();
    expect(root.steps[1].mapPredictionsToInstances).toBe(true);
    expect(graph.metadata.annotations['serving.kserve.io/deploymentMode']).toBe('Standard');
  });

  test('THEN every object, the InferenceGraph included, passes the CRD schemas of the pinned KServe release', () => {
    expect(schemaErrors(objects)).toBe('');
    // The registration is the CRD's: a router type KServe does not know is refused.
    const unknownRouter = { ...graph, spec: { nodes: { root: { routerType: 'Dag', steps: [] } } } } as unknown as KubeObject;
    expect(schemaErrors([unknownRouter])).toMatch(/routerType/);
  });

  test('THEN the router reaches the steps on 8080 under the default deny, and the namespace lets its pod start', () => {
    const predictors = named(objects, 'NetworkPolicy', 'llm-kserve').spec;
    expect(predictors.podSelector.matchExpressions[0].values).toEqual(expect.arrayContaining(['preprocess', 'classifier', 'postprocess']));
    expect(predictors.ingress).toContainEqual({ from: [{ podSelector: { matchLabels: { 'serving.kserve.io/inferencegraph': 'llm-graph' } } }], ports: [{ protocol: 'TCP', port: 8080 }] });
    const router = named(objects, 'NetworkPolicy', 'llm-graph-router').spec;
    expect(router.podSelector).toEqual({ matchLabels: { 'serving.kserve.io/inferencegraph': 'llm-graph' } });
    expect(router.egress[0].to[0].podSelector.matchExpressions[0].values).toEqual(['preprocess', 'classifier', 'postprocess']);
    // KServe v0.20's router pod sets no seccompProfile, which `restricted` requires.
    const labels = named(objects, 'Namespace', 'llm-serving').metadata.labels;
    expect(labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    expect(labels['pod-security.kubernetes.io/warn']).toBe('restricted');
  });

  test('THEN every step gets a PodDisruptionBudget', () => {
    for (const step of ['preprocess', 'classifier', 'postprocess']) expect(named(objects, 'PodDisruptionBudget', step)).toBeDefined();
  });
});

describe('GIVEN a switch between an image model and a tabular model', () => {
  const objects = graphObjects(SWITCH);
  const root = named(objects, 'InferenceGraph', 'llm-graph').spec.nodes.root;

  test('THEN the root node is a Switch whose steps carry their conditions and take the request', () => {
    expect(root.routerType).toBe('Switch');
    expect(root.steps).toEqual([
      { name: 'images', serviceName: 'images', data: '$request', condition: 'instances.#(kind=="image")' },
      { name: 'tabular', serviceName: 'tabular', data: '$request', condition: 'instances.#(kind=="row")' },
    ]);
    expect(named(objects, 'InferenceService', 'images').spec.predictor.model.runtime).toBe('kserve-tritonserver');
  });

  test('THEN an ensemble of the same steps fans out with hard dependencies', () => {
    const ensemble = { kind: 'ensemble' as const, steps: SWITCH.steps.map(({ condition: _condition, ...step }) => step) };
    const node = named(graphObjects(ensemble), 'InferenceGraph', 'llm-graph').spec.nodes.root;
    expect(node.routerType).toBe('Ensemble');
    expect(node.steps.map((s: { dependency: string }) => s.dependency)).toEqual(['Hard', 'Hard']);
  });
});

describe('GIVEN a bad graph', () => {
  const bad: InferenceGraphSpec = {
    kind: 'switch',
    steps: [
      { name: 'llm', model: { format: 'sklearn', uri: `${BUCKET}/a/` }, condition: 'a' },
      { name: 'Second_Step', model: { format: 'pytorch' as 'sklearn', uri: 'https://example.com/model' } },
    ],
  };

  test('THEN it is refused once, naming every problem with its field', () => {
    let error: unknown;
    try {
      graphObjects(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputValidationError);
    const fields = (error as InputValidationError).problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining([
      'graph.steps[0].name', // the LLM's name
      'graph.steps[1].name',
      'graph.steps[1].model.format',
      'graph.steps[1].model.uri',
      'graph.steps[1].condition',
    ]));
  });
});
