/**
 * A spec's `graph` on SageMaker: a serial inference pipeline, one Model whose `Containers` (two to fifteen) run in
 * order, each container's response the next one's request, and only the last one's returned to the client
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/inference-pipelines.html; `InferenceExecutionConfig.Mode: Serial`,
 * https://docs.aws.amazon.com/sagemaker/latest/dg/multi-container-create.html "up to 15 containers"; read 2026-12-03).
 * Sequences only: the spec refuses an ensemble or a switch on SageMaker (lib/spec/graph.ts).
 */
import type { DeploymentSpec } from '../spec/types';
import type { GraphModelFormat } from '../spec/graph';
import { frameworkEnvironment } from './container-environment';
import { type ImageProcessor, resolveImage, type SageMakerImageFamily } from './images';
import { parseS3Uri } from './models';
import type { PipelineContainerDescription } from './types';

/** SageMaker's framework image for each format of a graph step (ONNX through Triton's onnxruntime backend). */
const FAMILY_OF_FORMAT: Readonly<Record<GraphModelFormat, SageMakerImageFamily>> = { sklearn: 'sklearn', xgboost: 'xgboost', onnx: 'triton' };

/** The pipeline's containers, in the graph's order: image, environment and model.tar.gz of each step. */
export function serialPipelineContainers(spec: DeploymentSpec, processor: ImageProcessor): PipelineContainerDescription[] {
  return (spec.graph?.steps ?? []).map((step) => {
    const family = FAMILY_OF_FORMAT[step.model.format];
    return {
      hostname: step.name,
      image: resolveImage({ family, region: spec.region, processor }),
      // Triton serves the step's model under its own name; the framework containers read their inference script.
      environment: family === 'triton' ? { SAGEMAKER_TRITON_DEFAULT_MODEL_NAME: step.name } : frameworkEnvironment(family, spec, false),
      artifacts: parseS3Uri(step.model.uri),
    };
  });
}
