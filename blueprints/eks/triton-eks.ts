/**
 * `triton-eks`: an image classifier behind NVIDIA Triton Inference Server on EKS, as an ensemble of three models:
 * `preprocess` (Python backend: decode and normalise an encoded image) → `resnet50` (ONNX Runtime on the GPU) →
 * `postprocess` (Python backend: top-1 label and score). Clients call the ensemble `classify` once; Triton runs the
 * graph and batches each step dynamically, with batch sizes derived from the spec's traffic and latency objective.
 * The configurations are generated and checked; upload the model files under the repository prefix (docs).
 */
import type { TritonModelRepository } from '../../lib/kubernetes/runtimes/triton/repository';
import { llmEksBlueprint } from './llm-eks-blueprint';

/** The ensemble's model graph. Batching is left to the plan. */
export const TRITON_EKS_REPOSITORY: TritonModelRepository = {
  entrypoint: 'classify',
  models: [
    {
      name: 'preprocess',
      kind: 'python',
      inputs: [{ name: 'IMAGE_BYTES', dataType: 'TYPE_UINT8', dims: [-1] }],
      outputs: [{ name: 'PIXELS', dataType: 'TYPE_FP32', dims: [3, 224, 224] }],
    },
    {
      name: 'resnet50',
      kind: 'onnx',
      inputs: [{ name: 'input', dataType: 'TYPE_FP32', dims: [3, 224, 224] }],
      outputs: [{ name: 'logits', dataType: 'TYPE_FP32', dims: [1000] }],
    },
    {
      name: 'postprocess',
      kind: 'python',
      inputs: [{ name: 'LOGITS', dataType: 'TYPE_FP32', dims: [1000] }],
      outputs: [
        { name: 'LABEL', dataType: 'TYPE_STRING', dims: [1] },
        { name: 'SCORE', dataType: 'TYPE_FP32', dims: [1] },
      ],
    },
    {
      name: 'classify',
      kind: 'ensemble',
      inputs: [{ name: 'IMAGE_BYTES', dataType: 'TYPE_UINT8', dims: [-1] }],
      outputs: [
        { name: 'LABEL', dataType: 'TYPE_STRING', dims: [1] },
        { name: 'SCORE', dataType: 'TYPE_FP32', dims: [1] },
      ],
      steps: [
        { modelName: 'preprocess', inputMap: { IMAGE_BYTES: 'IMAGE_BYTES' }, outputMap: { PIXELS: 'pixels' } },
        { modelName: 'resnet50', inputMap: { input: 'pixels' }, outputMap: { logits: 'logits' } },
        { modelName: 'postprocess', inputMap: { LOGITS: 'logits' }, outputMap: { LABEL: 'LABEL', SCORE: 'SCORE' } },
      ],
    },
  ],
};

export const TRITON_EKS = llmEksBlueprint({
  name: 'triton-eks',
  description: 'Image classifier ensemble (Python preprocess, ONNX ResNet-50, Python postprocess) on Triton, EKS + Karpenter GPU nodes, KEDA on pending requests 1..4',
  spec: {
    name: 'triton-eks',
    description: 'ResNet-50 image classification ensemble on NVIDIA Triton Inference Server, EKS',
    model: { id: 'resnet50-classifier', task: 'image' },
    runtime: { engine: 'triton' },
    target: { kind: 'eks', capacity: 'karpenter', instanceType: 'g6.xlarge' },
    traffic: { requestsPerSecond: 200, p95LatencyMs: 100, maxPayloadKb: 512 },
    scaling: { minReplicas: 1, maxReplicas: 4 },
  },
  tritonRepository: TRITON_EKS_REPOSITORY,
});
