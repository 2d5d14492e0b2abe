import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlueprintPlanningError, contextFor } from '../../lib/synth/context';
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

describe('a platform blueprint (many deployments) in the summary', () => {
  const parts = [
    { name: 'chat-8b', compute: 'g6e.xlarge (1 × l40s)', parallelism: 'TP=1 PP=1', replicas: 1, monthlyCostUsd: 1359, abWeight: 90 },
    { name: 'chat-8b-candidate', compute: 'g6e.xlarge (1 × l40s)', parallelism: 'TP=1 PP=1', replicas: 1, monthlyCostUsd: 1359, abWeight: 10 },
    { name: 'chat-70b', compute: 'g6e.12xlarge (4 × l40s)', parallelism: 'TP=4 PP=1', replicas: 1, monthlyCostUsd: 7660 },
  ];

  test('GIVEN a blueprint with a planSummary WHEN it is planned THEN its context carries that summary (the total), not its spec\'s', () => {
    const platform = { ...bucketOnlyBlueprint('platform'), planSummary: () => ({ compute: '3 deployments', parallelism: '-', replicas: 3, billing: 'hourly' as const, monthlyCostUsd: 10378, costNote: 'sum', parts }) };
    const context = contextFor(platform);
    expect(context.plan.summary.monthlyCostUsd).toBe(10378);
    expect(context.plan.summary.parts).toEqual(parts);
  });

  test('GIVEN rows with parts THEN the table is followed once per blueprint by every deployment and the total', () => {
    const row = { blueprint: 'llm-platform-eks', resources: 1, instance: '3 deployments', parallelism: '-', monthlyCostUsd: 10378, billing: 'hourly' as const, errors: 0, warnings: 0, parts };
    const table = formatSummaryTable({ generatedAt: '', outDir: 'out', rows: [{ ...row, engine: 'cdk' }, { ...row, engine: 'terraform' }], findings: [], valid: true });
    const lines = table.split('\n');
    expect(lines.filter((l) => l.startsWith('llm-platform-eks: '))).toEqual(['llm-platform-eks: 3 deployments, est. $10,378/month in all']);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^ {2}chat-8b-candidate \(A\/B arm, 10 %\) {2}g6e\.xlarge .* {2}x1 {2}\$1,359\/month$/)]));
  });
});
