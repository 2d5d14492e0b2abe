import { llmEksBlueprint } from '../../blueprints/eks/llm-eks-blueprint';
import { planDeployment } from '../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import { renderBlueprint } from '../../lib/synth/render-blueprint';

describe('an EKS blueprint whose spec the planner rejects', () => {
  // GIVEN Llama 3.1 405B pinned to one g5.xlarge (one 24 GB A10G)
  const tooSmall = llmEksBlueprint({
    name: 'llm-eks-too-small',
    description: '405B on a single A10G',
    spec: {
      name: 'llm-eks-too-small',
      model: { id: 'meta-llama/Llama-3.1-405B-Instruct' },
      runtime: { engine: 'vllm' },
      target: { kind: 'eks', instanceType: 'g5.xlarge' },
    },
  });

  it("fails rendering with the planner's own message, before any engine runs", async () => {
    const plannerMessage = (() => {
      try {
        planDeployment(resolveDeploymentSpec(tooSmall.spec));
        return 'the planner accepted it';
      } catch (error) {
        return (error as Error).message.split('\n')[0]!;
      }
    })();
    expect(plannerMessage).toMatch(/cannot be served with instance type g5\.xlarge/);
    // WHEN it is rendered THEN the error carries the planner's message
    await expect(renderBlueprint(tooSmall)).rejects.toThrow(plannerMessage);
  });
});
