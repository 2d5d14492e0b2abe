import type { Blueprint } from '../blueprint';
import { AZUREML_ONLINE_ENDPOINT } from './azureml-online-endpoint';
import { VERTEX_AI_ENDPOINT } from './vertex-ai-endpoint';

/** Blueprints of the managed platforms of other clouds (Vertex AI, Azure ML), in the order `aimd synth` renders them. */
export const MANAGED_BLUEPRINTS: readonly Blueprint[] = [
  VERTEX_AI_ENDPOINT,
  AZUREML_ONLINE_ENDPOINT,
];
