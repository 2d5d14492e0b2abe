/**
 * The CI sample of `npm run fuzz` (docs/fuzzing.md): a fixed seed, a few hundred specs and a few dozen
 * command lines. Every input is either accepted or refused with field, value and fix; anything else is
 * an escape, and fast-check reports the seed and path that reproduce it (shrunk to the smallest input).
 */
import fc from 'fast-check';
import { cliCaseArb } from '../../tools/fuzz/cli-arbitraries';
import { judgeCli } from '../../tools/fuzz/cli-oracle';
import { renderAndValidate } from '../../tools/fuzz/render-oracle';
import { specCaseArb, validSpecFor } from '../../tools/fuzz/spec-arbitraries';
import { judgeSpec, type Outcome } from '../../tools/fuzz/spec-oracle';

const SEED = 20261203;

describe('fuzzing the deployment spec (CI sample)', () => {
  const accepted: Array<Extract<Outcome, { kind: 'accepted' }>> = [];
  const refused: string[] = [];

  test('GIVEN 250 generated specs (valid, boundary and broken) THEN each is accepted or refused with field, value and fix', () => {
    fc.assert(fc.property(specCaseArb, (c) => {
      const outcome = judgeSpec(c);
      if (outcome.kind === 'escape') throw new Error(outcome.reason);
      if (outcome.kind === 'accepted') accepted.push(outcome);
      else refused.push(...outcome.fields);
    }), { seed: SEED, numRuns: 250 });
    // The sample exercises both sides of the oracle.
    expect(accepted.length).toBeGreaterThan(10);
    expect(refused.length).toBeGreaterThan(100);
  });

  test('GIVEN the first two accepted EKS specs THEN their plain Kubernetes objects pass the schemas and the deployability checks', async () => {
    // Few random specs plan on EKS (fixed hardware, big models): draw valid EKS/vLLM specs for the render sample.
    const eks = fc.sample(validSpecFor('eks', 'vllm'), { seed: SEED, numRuns: 40 })
      .map((c) => judgeSpec(c))
      .filter((o): o is Extract<Outcome, { kind: 'accepted' }> => o.kind === 'accepted')
      .slice(0, 2);
    expect(eks).toHaveLength(2);
    for (const sample of eks) {
      const result = await renderAndValidate(sample.blueprint, sample.context, 'kubernetes');
      expect({ spec: sample.blueprint.name, crash: result.crash, errors: result.errors }).toEqual({ spec: sample.blueprint.name, crash: undefined, errors: [] });
    }
  });
});

describe('fuzzing the aimd command line (CI sample)', () => {
  test('GIVEN 50 generated command lines THEN each exits 0, or 1/2 with one line per problem and nothing left on disk', async () => {
    const kinds: string[] = [];
    await fc.assert(fc.asyncProperty(cliCaseArb, async (c) => {
      const outcome = await judgeCli(c);
      if (outcome.kind === 'escape') throw new Error(`aimd ${c.argv.join(' ')}: ${outcome.reason}`);
      kinds.push(outcome.kind);
    }), { seed: SEED, numRuns: 50 });
    expect(kinds).toContain('refused');
  });
});
