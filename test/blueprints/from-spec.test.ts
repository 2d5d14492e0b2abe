import { blueprintForSpec, runtimesServedBy } from '../../blueprints/from-spec';
import { LLM_EKS } from '../../blueprints/eks/llm-eks';
import { HF_INFERENCE_ENDPOINT } from '../../blueprints/huggingface/hf-inference-endpoint';
import { contextFor } from '../../lib/synth/context';
import { specTargetKinds } from '../../lib/spec/targets';
import { InputValidationError } from '../../lib/errors';
import type { DeploymentSpecInput } from '../../lib/spec/types';

const llmSpec: DeploymentSpecInput = { ...LLM_EKS.spec, name: 'my-llm' };

describe('blueprintForSpec', () => {
  test('GIVEN an LLM spec on EKS WHEN turned into a blueprint THEN it is named after the spec and plans like the built-in blueprint', () => {
    const blueprint = blueprintForSpec(llmSpec);
    expect(blueprint.name).toBe('my-llm');
    expect(blueprint.kubernetesObjects).toBeDefined();
    expect(contextFor(blueprint).plan.llm?.instanceType).toBe(contextFor(LLM_EKS).plan.llm?.instanceType);
  });

  test('GIVEN LMI on EKS THEN it is refused with the runtimes EKS serves and where LMI runs instead (never substituted)', () => {
    const spec = { ...llmSpec, runtime: { engine: 'lmi' as const } };
    expect(() => blueprintForSpec(spec)).toThrow(InputValidationError);
    expect(() => blueprintForSpec(spec)).toThrow(/runtime\.engine \('lmi'\): cannot be served on target 'eks' \(it serves vllm, tgi\b.*target\.kind sagemaker for lmi/);
  });

  test('GIVEN a target kind with no spec renderer THEN the error names the field and the kinds that have one', () => {
    const spec = { ...llmSpec, target: { kind: 'mainframe' } } as unknown as DeploymentSpecInput;
    expect(() => blueprintForSpec(spec)).toThrow(`target.kind ('mainframe'): has no renderer for specs yet. Fix: use one of ${specTargetKinds().join(', ')}`);
  });

  test('GIVEN a TGI spec on a huggingface-endpoint target THEN it becomes an Inference Endpoint blueprint (CDK, Pulumi; no Terraform) and vLLM is served too', () => {
    const spec = { ...HF_INFERENCE_ENDPOINT.spec, name: 'my-endpoint' };
    const blueprint = blueprintForSpec(spec);
    expect(blueprint.name).toBe('my-endpoint');
    expect(blueprint.engines).toEqual(['cdk', 'pulumi']);
    expect(() => blueprint.renderTerraform(undefined as never, undefined as never)).toThrow(/no maintained Terraform provider/);
    expect(runtimesServedBy('huggingface-endpoint')).toEqual(['tgi', 'vllm']);
    expect(() => blueprintForSpec({ ...spec, runtime: { engine: 'triton' } })).toThrow(/cannot be served on target 'huggingface-endpoint' \(it serves tgi, vllm\)/);
  });

  test('GIVEN a vLLM spec on Vertex AI or Azure ML THEN its blueprint renders on cdktf and Pulumi and the CDK is left out', () => {
    // The EKS blueprint's monitoring (LLM drift, Managed Prometheus export) belongs to its cluster: not carried over.
    const managed = { ...llmSpec, monitoring: undefined };
    const vertex = blueprintForSpec({ ...managed, region: 'us-central1', target: { kind: 'vertex-ai' } });
    const azure = blueprintForSpec({ ...managed, region: 'eastus', target: { kind: 'azureml' } });
    expect([vertex.engines, azure.engines]).toEqual([['terraform', 'pulumi'], ['terraform', 'pulumi']]);
    expect(contextFor(vertex).plan.summary.compute).toMatch(/^(g2|a2|a3)-/);
  });

  test('each serverless target serves ONNX Runtime only', () => {
    for (const kind of ['lambda', 'batch', 'streaming'] as const) expect(runtimesServedBy(kind)).toEqual(['onnxruntime']);
  });
});
