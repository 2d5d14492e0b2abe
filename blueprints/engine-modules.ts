/**
 * The engine modules a blueprint renders with, loaded only when that engine renders. A `cdk synth`
 * must not pay for (or break on) cdktf and Pulumi, a `pulumi up` must not load aws-cdk-lib: blueprint
 * definitions therefore never import `stacks/` at the top level, they ask for the module here when
 * their renderer runs. The types below are type-only imports: they cost nothing at run time.
 */

/** Every engine module a blueprint may render with, by its path under `stacks/`. */
export interface EngineModules {
  'cdk/batch-scoring-stack': typeof import('../stacks/cdk/batch-scoring-stack');
  'cdk/edge-greengrass-stack': typeof import('../stacks/cdk/edge-greengrass-stack');
  'cdk/huggingface-endpoint-stack': typeof import('../stacks/cdk/huggingface-endpoint-stack');
  'cdk/llm-eks-stack': typeof import('../stacks/cdk/llm-eks-stack');
  'cdk/llm-platform-eks-stack': typeof import('../stacks/cdk/llm-platform-eks-stack');
  'cdk/sagemaker-endpoint-stack': typeof import('../stacks/cdk/sagemaker-endpoint-stack');
  'cdk/serverless-onnx-stack': typeof import('../stacks/cdk/serverless-onnx-stack');
  'cdk/streaming-inference-stack': typeof import('../stacks/cdk/streaming-inference-stack');
  'terraform/batch-scoring-stack': typeof import('../stacks/terraform/batch-scoring-stack');
  'terraform/edge-greengrass-stack': typeof import('../stacks/terraform/edge-greengrass-stack');
  'terraform/llm-aks-stack': typeof import('../stacks/terraform/llm-aks-stack');
  'terraform/llm-eks-stack': typeof import('../stacks/terraform/llm-eks-stack');
  'terraform/llm-platform-eks-stack': typeof import('../stacks/terraform/llm-platform-eks-stack');
  'terraform/llm-gke-stack': typeof import('../stacks/terraform/llm-gke-stack');
  'terraform/llm-kubernetes-stack': typeof import('../stacks/terraform/llm-kubernetes-stack');
  'terraform/sagemaker-endpoint-stack': typeof import('../stacks/terraform/sagemaker-endpoint-stack');
  'terraform/serverless-onnx-stack': typeof import('../stacks/terraform/serverless-onnx-stack');
  'terraform/streaming-inference-stack': typeof import('../stacks/terraform/streaming-inference-stack');
  'terraform/vertex-ai-endpoint-stack': typeof import('../stacks/terraform/vertex-ai-endpoint-stack');
  'terraform/azureml-online-endpoint-stack': typeof import('../stacks/terraform/azureml-online-endpoint-stack');
  'pulumi/vertex-ai-endpoint': typeof import('../stacks/pulumi/vertex-ai-endpoint');
  'pulumi/azureml-online-endpoint': typeof import('../stacks/pulumi/azureml-online-endpoint');
  'pulumi/edge-greengrass': typeof import('../stacks/pulumi/edge-greengrass');
  'pulumi/llm-aks': typeof import('../stacks/pulumi/llm-aks');
  'pulumi/huggingface-endpoint': typeof import('../stacks/pulumi/huggingface-endpoint');
  'pulumi/llm-eks': typeof import('../stacks/pulumi/llm-eks');
  'pulumi/llm-platform-eks': typeof import('../stacks/pulumi/llm-platform-eks');
  'pulumi/llm-gke': typeof import('../stacks/pulumi/llm-gke');
  'pulumi/llm-kubernetes': typeof import('../stacks/pulumi/llm-kubernetes');
  'pulumi/sagemaker-endpoint': typeof import('../stacks/pulumi/sagemaker-endpoint');
  'pulumi/serverless-programs': typeof import('../stacks/pulumi/serverless-programs');
}

/**
 * Loads `stacks/<name>` on first use (Node caches it afterwards). Works from the TypeScript sources
 * (ts-jest resolves `.ts`) and from the build (`dist/`), since both keep the same folder layout.
 */
export function engineModule<K extends keyof EngineModules>(name: K): EngineModules[K] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`../stacks/${name}`) as EngineModules[K];
}
