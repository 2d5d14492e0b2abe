import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlueprintPlanningError } from '../../lib/synth/context';
import { formatSummaryTable, synthAll, type SynthSummary } from '../../lib/synth/synth-all';
import { bucketOnlyBlueprint } from '../fixtures/blueprints/bucket-only';

describe('synthAll writes every engine’s output into the out/ layout', () => {
  const root = mkdtempSync(join(tmpdir(), 'aimd-synth-'));
  const outDir = join(root, 'out');
  let summary: SynthSummary;

  beforeAll(async () => {
    // 'delta' speaks another cloud: no CDK stack (its renderCdk refuses), Terraform and Pulumi as usual.
    const delta = { ...bucketOnlyBlueprint('delta'), engines: ['terraform', 'pulumi'] as const, renderCdk: (): never => { throw new Error('delta has no CDK stack'); } };
    summary = await synthAll([bucketOnlyBlueprint('alpha'), bucketOnlyBlueprint('beta'), delta], { outDir, bundling: false });
  });

  test('THEN the cloud assembly holds one stack per blueprint', () => {
    const manifest = JSON.parse(readFileSync(join(outDir, 'cdk', 'manifest.json'), 'utf8'));
    const stacks = Object.values(manifest.artifacts as Record<string, { type: string; displayName?: string }>).filter((a) => a.type === 'aws:cloudformation:stack');
    expect(stacks.map((s) => s.displayName).sort()).toEqual(['alpha', 'beta']);
  });

  test('THEN each Terraform stack is plain Terraform JSON at out/terraform/<stack>/cdk.tf.json', () => {
    for (const name of ['alpha', 'beta']) {
      const json = JSON.parse(readFileSync(join(outDir, 'terraform', name, 'cdk.tf.json'), 'utf8'));
      expect(Object.keys(json.resource.aws_s3_bucket)).toHaveLength(1);
      expect(json.terraform.required_providers.aws).toBeDefined();
    }
  });

  test('THEN each Pulumi preview lists the registered resources with their inputs', () => {
    const preview = JSON.parse(readFileSync(join(outDir, 'pulumi', 'alpha.json'), 'utf8'));
    expect(preview.resources).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'aws:s3/bucket:Bucket', name: 'alpha-models' })]));
  });

  test('THEN plain manifests are YAML files per blueprint', () => {
    expect(readdirSync(join(outDir, 'kubernetes', 'alpha'))).toEqual(['00-configmap-default-alpha-settings.yaml']);
  });

  test('THEN the summary has a row per blueprint and engine, with no error findings', () => {
    const written = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8'));
    expect(written.rows).toHaveLength(11);
    expect(summary.rows.filter((r) => r.blueprint === 'delta').map((r) => r.engine)).toEqual(['terraform', 'pulumi', 'kubernetes']);
    expect(written.valid).toBe(true);
    expect(summary.rows.filter((r) => r.blueprint === 'alpha').map((r) => r.engine)).toEqual(['cdk', 'terraform', 'pulumi', 'kubernetes']);
    expect(summary.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const table = formatSummaryTable(summary);
    expect(table.split('\n')[0]).toMatch(/^blueprint\s+engine\s+resources\s+instance\s+parallelism\s+est\. \$\/month\s+findings$/);
    expect(table).toMatch(/alpha\s+cdk\s+\d+/);
  });

  test('GIVEN a blueprint whose spec is invalid WHEN synthesized THEN it fails before writing and out/ is untouched', async () => {
    const marker = join(outDir, 'marker.txt');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(marker, 'previous run');
    const broken = bucketOnlyBlueprint('gamma', { scaling: { minReplicas: 4, maxReplicas: 2 } });
    await expect(synthAll([broken], { outDir })).rejects.toThrow(BlueprintPlanningError);
    await expect(synthAll([broken], { outDir })).rejects.toThrow(/Blueprint 'gamma'.*\n- scaling\.minReplicas \(4\)/);
    expect(existsSync(marker)).toBe(true);
    expect(readdirSync(root).filter((f) => f.includes('staging'))).toEqual([]);
  });
});
