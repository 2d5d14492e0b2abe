/**
 * The done-criterion: a YAML spec for a model that is not in the catalogue, whose config is
 * served by a stand-in Hugging Face Hub (HF_ENDPOINT), plans, validates and synthesizes on every engine.
 * Synchronous engine apps (the CDK app) need the model in the cache first; until then they say how.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blueprintForSpec } from '../../blueprints/from-spec';
import { prefetchModelsForSpec } from '../../lib/catalogue/hub';
import { planDeployment, type DeploymentPlan } from '../../lib/plan/deployment-plan';
import { resolveDeploymentSpec } from '../../lib/spec/resolve';
import { loadSpecFile } from '../../lib/spec/load-file';
import { renderBlueprint, type RenderedBlueprint } from '../../lib/synth/render-blueprint';
import { startFakeHub, type FakeHub } from '../catalogue/hub-server';

const SPEC = `# Phi-4 is not in the catalogue: its config.json comes from the Hub.
name: phi4-chat
model:
  id: microsoft/phi-4
runtime:
  engine: vllm
target:
  kind: eks
  capacity: karpenter
traffic:
  requestsPerSecond: 2
  promptTokens: 1024
  outputTokens: 256
scaling:
  minReplicas: 1
  maxReplicas: 3
`;

describe('a spec naming a Hugging Face model outside the catalogue', () => {
  let hub: FakeHub;
  let dir: string;
  let specFile: string;
  let plan: DeploymentPlan;
  let rendered: RenderedBlueprint;
  let beforePrefetch: unknown;
  const saved = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, HF_ENDPOINT: process.env.HF_ENDPOINT };

  beforeAll(async () => {
    hub = await startFakeHub();
    dir = mkdtempSync(join(tmpdir(), 'aimd-hub-spec-'));
    process.env.XDG_CACHE_HOME = join(dir, 'cache');
    process.env.HF_ENDPOINT = hub.endpoint;
    specFile = join(dir, 'phi4.yaml');
    writeFileSync(specFile, SPEC);
    const { spec } = loadSpecFile(specFile);
    try {
      planDeployment(resolveDeploymentSpec(spec)); // what the CDK app does, synchronously
    } catch (error) {
      beforePrefetch = error;
    }
    await prefetchModelsForSpec(spec);
    plan = planDeployment(resolveDeploymentSpec(spec));
    rendered = await renderBlueprint(blueprintForSpec(spec, specFile));
  });
  afterAll(async () => {
    await hub.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]; else process.env[key] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('GIVEN the model is not cached yet THEN the synchronous path says to fetch it first or pass model.configPath', () => {
    expect(String(beforePrefetch)).toMatch(/Unknown model 'microsoft\/phi-4'.*run `aimd plan --model microsoft\/phi-4` or `aimd validate --spec <file>` to fetch it.*model\.configPath/s);
  });

  test('WHEN prefetched THEN it plans from the Hub config with exact weights', () => {
    expect(plan.model).toMatchObject({ id: 'microsoft/phi-4', modelType: 'phi3', parameters: 14_659_507_200 });
    expect(plan.llm?.model).toBe('microsoft/phi-4');
    // 14,659,507,200 parameters × 2 bytes = 27.3 GiB before the rotary cache.
    expect(plan.llm?.weightsGiB).toBeGreaterThan(27.3);
    expect(plan.llm?.explanation).toMatch(/Weights counted exactly from the Hub API's safetensors metadata/);
  });

  test('THEN it synthesizes on CDK, Terraform, Pulumi and plain Kubernetes without error findings', () => {
    expect(Object.keys(rendered.cdk.template.Resources ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys(rendered.terraform.json.resource ?? {}).length).toBeGreaterThan(0);
    expect(rendered.pulumi.resources.length).toBeGreaterThan(0);
    expect(rendered.kubernetes.length).toBeGreaterThan(0);
    expect(rendered.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('THEN the vLLM container serves the Hub model by its id', () => {
    const text = JSON.stringify(rendered.kubernetes);
    expect(text).toContain('microsoft/phi-4');
    expect(text).toContain('--max-model-len');
  });
});
