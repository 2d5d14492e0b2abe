/**
 * `aimd synth`: every blueprint on every engine, offline, into `out/`:
 *   out/cdk/ (cloud assembly), out/terraform/<stack>/cdk.tf.json, out/pulumi/<blueprint>.json,
 *   out/kubernetes/<blueprint>/*.yaml, out/summary.json.
 * Everything is written to a staging folder that replaces `out/` only when synthesis completed, so a
 * crash or a bad spec never leaves a half-written `out/`.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { rendersOn, type Blueprint } from '../../blueprints/blueprint';
import { kubeObjectId } from '../kubernetes/types';
import { monthlyCostLabel, type PlanSummaryPart } from '../plan/deployment-plan';
import type { ValidationFinding } from '../validation/types';
import { contextsFor } from './context';
import { synthCdk, synthKubernetes, synthPulumi, synthTerraform } from './engines';

export type SynthEngine = 'cdk' | 'terraform' | 'pulumi' | 'kubernetes';
export const SYNTH_ENGINES: readonly SynthEngine[] = ['cdk', 'terraform', 'pulumi', 'kubernetes'];

export interface SynthOptions {
  /** Output folder. @default 'out' */
  readonly outDir?: string;
  /** Engines to run. @default all */
  readonly engines?: readonly SynthEngine[];
  /** Run cdk-nag and cfn-guard on the CDK app. @default true */
  readonly securityChecks?: boolean;
  /** Bundle Lambda code with esbuild. @default true */
  readonly bundling?: boolean;
  /** Progress lines (to stderr in the CLI). @default - silent */
  readonly onProgress?: (line: string) => void;
}

/** One row of the review table. */
export interface SummaryRow {
  readonly blueprint: string;
  readonly engine: SynthEngine;
  readonly resources: number;
  readonly instance: string;
  readonly parallelism: string;
  readonly monthlyCostUsd: number | null;
  readonly billing: 'hourly' | 'per-use' | 'own-devices';
  readonly errors: number;
  readonly warnings: number;
  /** A platform's deployments (each model and A/B arm) whose costs `monthlyCostUsd` sums. @default - one deployment */
  readonly parts?: readonly PlanSummaryPart[];
}

export interface SynthSummary {
  readonly generatedAt: string;
  readonly outDir: string;
  readonly rows: readonly SummaryRow[];
  readonly findings: ReadonlyArray<ValidationFinding & { readonly blueprint: string }>;
  /** True when no engine produced an error finding. */
  readonly valid: boolean;
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function fileNameOf(index: number, id: string): string {
  return `${String(index).padStart(2, '0')}-${id.toLowerCase().replace(/[^a-z0-9.-]+/g, '-')}.yaml`;
}

function terraformResourceCount(json: Record<string, any>): number {
  const resources = (json.resource ?? {}) as Record<string, Record<string, unknown>>;
  return Object.values(resources).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

/** Synthesizes the blueprints; returns the summary (also written to `<outDir>/summary.json`). */
export async function synthAll(blueprints: readonly Blueprint[], options: SynthOptions = {}): Promise<SynthSummary> {
  const progress = options.onProgress ?? (() => undefined);
  const engines = options.engines ?? SYNTH_ENGINES;
  const outDir = resolve(options.outDir ?? 'out');
  const staging = `${outDir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const started = Date.now();
  const step = (msg: string) => progress(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
  try {
    step(`planning ${blueprints.length} blueprint(s)`);
    const contexts = contextsFor(blueprints);
    const rows: SummaryRow[] = [];
    const findings: Array<ValidationFinding & { blueprint: string }> = [];
    const record = (bp: string, engine: SynthEngine, resources: number, found: readonly ValidationFinding[]) => {
      const plan = contexts.find((c) => c.name === bp)!.plan.summary;
      findings.push(...found.map((f) => ({ ...f, blueprint: bp })));
      rows.push({
        blueprint: bp, engine, resources, instance: plan.compute, parallelism: plan.parallelism, monthlyCostUsd: plan.monthlyCostUsd, billing: plan.billing,
        errors: found.filter((f) => f.severity === 'error').length, warnings: found.filter((f) => f.severity === 'warning').length,
        ...(plan.parts !== undefined && { parts: plan.parts }),
      });
    };
    if (engines.includes('cdk')) {
      step('cdk: synthesizing the cloud assembly with cdk-nag and cfn-guard');
      // Blueprints of other clouds have no CDK stack (CloudFormation is AWS-only): they render on cdktf and Pulumi.
      const onCdk = blueprints.filter((bp) => rendersOn(bp, 'cdk'));
      const cdk = synthCdk(onCdk, onCdk.map((bp) => contexts[blueprints.indexOf(bp)]!), { outdir: join(staging, 'cdk'), bundling: options.bundling, securityChecks: options.securityChecks });
      // A blueprint's resources across its stacks (a standby region's stack included).
      const resourcesOf = (bp: string) => (cdk.stacksOf.get(bp) ?? [bp]).reduce((n, s) => n + Object.keys(cdk.templates.get(s)?.Resources ?? {}).length, 0);
      for (const bp of onCdk) record(bp.name, 'cdk', resourcesOf(bp.name), cdk.findings.get(bp.name) ?? []);
    }
    if (engines.includes('terraform')) {
      step('terraform: synthesizing cdktf stacks');
      const tf = synthTerraform(blueprints, contexts, { copyTo: join(staging, 'terraform') });
      for (const bp of blueprints) {
        const json = tf.stacks.get(bp.name);
        if (json === undefined) { step(`terraform: ${bp.name} skipped: it renders on ${(bp.engines ?? []).join(', ')} only`); continue; }
        record(bp.name, 'terraform', terraformResourceCount(json), tf.findings.get(bp.name) ?? []);
      }
    }
    if (engines.includes('pulumi')) {
      for (const [i, bp] of blueprints.entries()) {
        step(`pulumi: previewing ${bp.name} under mocks`);
        const out = await synthPulumi(bp, contexts[i]!);
        writeJson(join(staging, 'pulumi', `${bp.name}.json`), { blueprint: bp.name, resources: out.resources });
        record(bp.name, 'pulumi', out.resources.length, out.findings);
      }
    }
    if (engines.includes('kubernetes')) {
      step('kubernetes: writing plain manifests and validating them against the schemas');
      const k8s = synthKubernetes(blueprints, contexts);
      for (const bp of blueprints) {
        const objects = k8s.objects.get(bp.name) ?? [];
        objects.forEach((object, i) => {
          const path = join(staging, 'kubernetes', bp.name, fileNameOf(i, kubeObjectId(object)));
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, stringify(object, { lineWidth: 0 }));
        });
        if (objects.length > 0) record(bp.name, 'kubernetes', objects.length, k8s.findings.get(bp.name) ?? []);
      }
    }
    const summary: SynthSummary = {
      generatedAt: new Date().toISOString(),
      outDir,
      rows,
      findings,
      valid: findings.every((f) => f.severity !== 'error'),
    };
    writeJson(join(staging, 'summary.json'), summary);
    rmSync(outDir, { recursive: true, force: true });
    renameSync(staging, outDir);
    step(`done: ${rows.length} outputs in ${outDir}`);
    return summary;
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
}

/** The printed review table. */
export function formatSummaryTable(summary: SynthSummary): string {
  const header = ['blueprint', 'engine', 'resources', 'instance', 'parallelism', 'est. $/month', 'findings'];
  const body = summary.rows.map((r) => [
    r.blueprint, r.engine, String(r.resources), r.instance, r.parallelism,
    monthlyCostLabel(r),
    r.errors > 0 ? `${r.errors} error(s)` : r.warnings > 0 ? `${r.warnings} warning(s)` : 'ok',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), ...platformPartLines(summary.rows)].join('\n');
}

/** Under the table, each platform's deployments (models and A/B arms) whose costs its row sums, once per blueprint. */
function platformPartLines(rows: readonly SummaryRow[]): string[] {
  const seen = new Set<string>();
  return rows.filter((r) => r.parts !== undefined && !seen.has(r.blueprint) && seen.add(r.blueprint)).flatMap((r) => [
    '',
    `${r.blueprint}: ${r.parts!.length} deployments, est. $${monthlyCostLabel(r)}/month in all`,
    ...r.parts!.map((p) => `  ${p.name}${p.abWeight !== undefined ? ` (A/B arm, ${p.abWeight} %)` : ''}  ${p.compute}  ${p.parallelism}  x${p.replicas}  $${monthlyCostLabel({ monthlyCostUsd: p.monthlyCostUsd, billing: 'hourly' })}/month`),
  ]);
}
