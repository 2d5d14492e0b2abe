/**
 * A Seldon Core v2 `Pipeline` chaining two Models: the first step's outputs become the second step's inputs, and the
 * pipeline answers with the second step's outputs (the shape of samples/pipelines/tfsimples.yaml at tag v2.10.2).
 * Pure, and not yet emitted by `buildSeldonObjects`: Seldon runs pipelines through Kafka (dataflow engine and
 * pipeline gateway), which the `seldon-core` operator does not install (docs/runtimes/seldon.md, "Pipelines").
 */
import type { KubeObject } from '../../types';
import { MANAGED_BY } from '../../versions';
import { SELDON_CORE_VERSION } from './versions';

/** One step of a two-step graph: a Model's name, and how its output tensors map onto the next step's inputs. */
export interface SeldonPipelineSteps {
  /** The Model called first, with the pipeline's inputs. */
  readonly first: string;
  /** The Model called with the first step's outputs; its outputs are the pipeline's. */
  readonly second: string;
  /**
   * Renames of the first step's output tensors to the second step's input names, e.g.
   * `{ 'preprocess.outputs.OUTPUT0': 'INPUT0' }`. @default - none: the second step receives the tensors as named
   */
  readonly tensorMap?: Readonly<Record<string, string>>;
}

/** The Pipeline `name` in `namespace`: `first` → `second`. @throws Error when both steps name the same Model */
export function seldonPipeline(name: string, namespace: string, steps: SeldonPipelineSteps): KubeObject {
  if (steps.first === steps.second) throw new Error(`Pipeline '${name}': its two steps name the same Model '${steps.first}'`);
  return {
    apiVersion: 'mlops.seldon.io/v1alpha1',
    kind: 'Pipeline',
    metadata: {
      name,
      namespace,
      labels: { 'app.kubernetes.io/name': 'seldon', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/version': SELDON_CORE_VERSION, 'app.kubernetes.io/managed-by': MANAGED_BY },
    },
    spec: {
      steps: [
        { name: steps.first },
        { name: steps.second, inputs: [steps.first], ...(steps.tensorMap && { tensorMap: { ...steps.tensorMap } }) },
      ],
      output: { steps: [steps.second] },
    },
  };
}
