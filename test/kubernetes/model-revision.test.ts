/** A Hub model pinned in the spec (`model.artifact.revision`) is the revision vLLM downloads. */
import { buildLlmServingObjects } from '../../lib/kubernetes';
import type { LlmServingObjectsOptions } from '../../lib/kubernetes/options';
import { handPlan, servingOptions } from './fixtures';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const PLAN = handPlan({ modelId: 'meta-llama/Llama-3.1-8B-Instruct', instanceType: 'g6e.xlarge', tensorParallelSize: 1, weightsGiB: 15 });

function vllmArgs(modelSource: LlmServingObjectsOptions['modelSource']): string[] {
  const objects = buildLlmServingObjects(servingOptions(PLAN, { modelSource, huggingFaceTokenSecret: { secretName: 'hf-token', key: 'token' } })) as any[];
  const deployment = objects.find((o) => o.kind === 'Deployment' && o.spec.template.spec.containers.some((c: any) => c.name === 'vllm'));
  return deployment.spec.template.spec.containers.find((c: any) => c.name === 'vllm').args;
}

describe('--revision', () => {
  test('GIVEN a Hub model with a commit THEN vLLM is started with --revision <commit>', () => {
    const args = vllmArgs({ huggingFaceId: 'meta-llama/Llama-3.1-8B-Instruct', revision: COMMIT });
    expect(args.slice(args.indexOf('--revision'), args.indexOf('--revision') + 2)).toEqual(['--revision', COMMIT]);
  });

  test('GIVEN no revision, or an S3 checkpoint THEN there is no --revision flag', () => {
    expect(vllmArgs({ huggingFaceId: 'meta-llama/Llama-3.1-8B-Instruct' })).not.toContain('--revision');
    expect(vllmArgs({ bucketName: 'models-123456789012-us-east-1', prefix: 'meta-llama/model/' })).not.toContain('--revision');
  });
});
