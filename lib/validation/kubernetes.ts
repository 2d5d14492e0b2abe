/**
 * Validates Kubernetes objects before any engine applies them: each object against its kind's schema
 * (built-in kinds, Karpenter, KEDA, Prometheus Operator, and registered CRD schemas), plus the checks a
 * reviewer would make: DNS-1123 names, string labels/annotations, no secrets written into manifests.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { showValue } from './private/finding-text';
import { ValidationFinding } from './types';

export interface KubernetesValidationOptions {
  /**
   * Extra directories of CRD schema registrations (`*.json`, same format as `lib/validation/crds/`),
   * searched after the built-in one.
   *
   * @default - only lib/validation/crds
   */
  readonly schemaDirectories?: readonly string[];
}

const WORKER_FILE = 'kubernetes-schema-worker.mjs';

/** Label values: at most 63 characters, alphanumeric at both ends, `-_.` inside (Kubernetes docs, "Labels and Selectors", read 2026-11-24). */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** DNS-1123 subdomain (most object names) and label (Service, Namespace names): Kubernetes docs, "Object Names and IDs". */
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Kinds whose names must be DNS-1123 labels (they become DNS names or label values). */
const LABEL_NAMED_KINDS = new Set(['Service', 'Namespace']);
/** RBAC names are path segments (`system:controller:x` is legal). */
const PATH_SEGMENT_NAMED_GROUPS = new Set(['rbac.authorization.k8s.io/v1']);
/** An env var named like a credential: a `_`-separated segment TOKEN, SECRET, PASSWORD, PASSWD or ending in KEY. */
const SECRET_LOOKING_NAME = /(^|_)(TOKEN|SECRET|PASSWORD|PASSWD|[A-Z]*KEY)(_|$)/i;

interface WorkerResult {
  readonly index: number;
  readonly missingSchema?: boolean;
  readonly errors: ReadonlyArray<{ readonly path: string; readonly message: string }>;
}

/**
 * Validates Kubernetes objects. Synchronous: schema validation runs in one `node` child process per call
 * (about 0.2 s), so pass all objects of a blueprint in a single call.
 *
 * Errors: schema violations (`k8s-schema`), kinds without a schema (`k8s-schema/unknown-kind`), invalid
 * names/labels/annotations (`k8s-metadata`), secret-looking env vars with literal values (`k8s-secret-env`).
 * Warnings: Secrets carrying data in a plain manifest (`k8s-secret-data`).
 */
export function validateKubernetesObjects(given: readonly object[], options: KubernetesValidationOptions = {}): ValidationFinding[] {
  if (given.length === 0) return [];
  const objects = [...given, ...given.flatMap(embeddedPodTemplates)];
  const results = runSchemaWorker(objects, options.schemaDirectories ?? []);
  const findings: ValidationFinding[] = [];
  objects.forEach((object, index) => {
    const resource = objectId(object);
    const add = (rule: string, message: string, severity: 'error' | 'warning' = 'error') =>
      findings.push({ engine: 'kubernetes', resource, rule, severity, message });
    const result = results.find((r) => r.index === index);
    const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown };
    if (result?.missingSchema) {
      add('k8s-schema/unknown-kind', `no schema for ${String(apiVersion)} ${String(kind)}; register one (see docs/validation.md, "Registering a CRD schema")`);
    }
    const schemaPaths = new Set((result?.errors ?? []).map((error) => error.path));
    for (const error of result?.errors ?? []) add('k8s-schema', `${error.path || '(object)'}: ${error.message}`);
    // The schema already reports wrong types at these paths; say it once.
    checkMetadata(object as Record<string, unknown>, (rule, message, severity) => {
      if (!schemaPaths.has(message.slice(0, message.indexOf(':')))) add(rule, message, severity);
    });
    checkSecrets(object as Record<string, unknown>, add);
  });
  return findings;
}

/**
 * Pod templates a registered CRD schema leaves open (the LeaderWorkerSet and Argo Rollouts Rollout CRDs inline the
 * whole PodTemplateSpec, so their registrations keep them as plain objects): validated as core/v1 Pods so that a
 * typo in a container is still caught. Named `<lws>-leadertemplate` / `-workertemplate`, `<rollout>-template`.
 */
function embeddedPodTemplates(object: object): object[] {
  const o = object as { kind?: unknown; apiVersion?: unknown; metadata?: { name?: string; namespace?: string }; spec?: { leaderWorkerTemplate?: Record<string, { metadata?: object; spec?: object }>; template?: { metadata?: object; spec?: object } } };
  const asPod = (template: { metadata?: object; spec?: object }, name: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...template.metadata, name, namespace: o.metadata?.namespace },
    spec: template.spec,
  });
  if (o.kind === 'Rollout' && o.apiVersion === 'argoproj.io/v1alpha1' && o.spec?.template?.spec !== undefined) {
    return [asPod(o.spec.template, `${o.metadata?.name ?? 'rollout'}-template`)];
  }
  if (o.kind === 'RayService') return rayServicePodTemplates(object);
  const template = o.kind === 'LeaderWorkerSet' ? o.spec?.leaderWorkerTemplate : undefined;
  if (!template) return [];
  return (['leaderTemplate', 'workerTemplate'] as const)
    .filter((role) => template[role]?.spec !== undefined)
    .map((role) => asPod(template[role]!, `${o.metadata?.name ?? 'lws'}-${role.toLowerCase()}`));
}

/**
 * The head and worker group pod templates of a RayService (its registration keeps them open, like LeaderWorkerSet's),
 * validated as core/v1 Pods named `<rayservice>-head` / `-<group name>`.
 */
function rayServicePodTemplates(object: object): object[] {
  type Template = { metadata?: object; spec?: object };
  const o = object as { metadata?: { name?: string; namespace?: string }; spec?: { rayClusterConfig?: { headGroupSpec?: { template?: Template }; workerGroupSpecs?: { groupName?: string; template?: Template }[] } } };
  const cluster = o.spec?.rayClusterConfig;
  const named: [string, Template | undefined][] = [
    ['head', cluster?.headGroupSpec?.template],
    ...(cluster?.workerGroupSpecs ?? []).map((group, i): [string, Template | undefined] => [group.groupName ?? `worker-${i}`, group.template]),
  ];
  return named
    .filter(([, template]) => template?.spec !== undefined)
    .map(([role, template]) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...template!.metadata, name: `${o.metadata?.name ?? 'rayservice'}-${role}`, namespace: o.metadata?.namespace },
      spec: template!.spec,
    }));
}

/** `Kind/namespace/name`, tolerant of malformed objects. */
function objectId(object: object): string {
  const { kind, metadata } = object as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  return [kind ?? '(no kind)', metadata?.namespace, metadata?.name ?? '(no name)'].filter((part) => part !== undefined && part !== '').join('/');
}

function runSchemaWorker(objects: readonly object[], schemaDirectories: readonly string[]): WorkerResult[] {
  const worker = locateWorker();
  const run = spawnSync(process.execPath, [worker], {
    input: JSON.stringify({ objects, schemaDirectories: schemaDirectories.map((d) => path.resolve(d)) }),
    encoding: 'utf-8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error || run.status !== 0) {
    throw new Error(`Kubernetes schema validation failed to run (${worker}): ${run.error?.message ?? run.stderr}`);
  }
  return (JSON.parse(run.stdout) as { results: WorkerResult[] }).results;
}

/**
 * The worker sits next to this file in `lib/validation`; after `tsc`, this file is in
 * `dist/lib/validation` and tsc does not copy `.mjs`, so fall back to the source folder.
 */
function locateWorker(): string {
  const candidates = [path.join(__dirname, WORKER_FILE), path.join(__dirname, '..', '..', '..', 'lib', 'validation', WORKER_FILE)];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error(`cannot find ${WORKER_FILE}; looked in: ${candidates.join(', ')}`);
  return found;
}

type Report = (rule: string, message: string, severity?: 'error' | 'warning') => void;

function checkMetadata(object: Record<string, unknown>, add: Report): void {
  const metadata = object.metadata as Record<string, unknown> | undefined;
  if (metadata === null || typeof metadata !== 'object') {
    add('k8s-metadata', `metadata: required, got ${showValue(metadata)}`);
    return;
  }
  checkName(object, metadata.name, add);
  if (metadata.namespace !== undefined && (typeof metadata.namespace !== 'string' || !DNS_1123_LABEL.test(metadata.namespace))) {
    add('k8s-metadata', `metadata.namespace: ${showValue(metadata.namespace)} is not a DNS-1123 label (lowercase letters, digits and '-', at most 63)`);
  }
  for (const section of ['labels', 'annotations'] as const) {
    const entries = metadata[section];
    if (entries === undefined) continue;
    if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) {
      add('k8s-metadata', `metadata.${section}: must be a map of strings, got ${showValue(entries)}`);
      continue;
    }
    for (const [key, value] of Object.entries(entries)) {
      const at = `metadata.${section}${keyPath(key)}`;
      if (typeof value !== 'string') {
        add('k8s-metadata', `${at}: ${showValue(value)} must be a string (quote numbers and booleans)`);
      } else if (section === 'labels' && (value.length > 63 || !LABEL_VALUE.test(value))) {
        add('k8s-metadata', `${at}: ${showValue(value)} is not a valid label value (at most 63 characters, alphanumeric at both ends, '-', '_', '.' inside)`);
      }
    }
  }
}

/** `.key` or `["app.kubernetes.io/name"]`, the same notation the schema worker uses. */
function keyPath(key: string): string {
  return /^[\w-]+$/.test(key) ? `.${key}` : `["${key}"]`;
}

function checkName(object: Record<string, unknown>, name: unknown, add: Report): void {
  if (typeof name !== 'string' || name === '') {
    add('k8s-metadata', `metadata.name: required, got ${showValue(name)}`);
    return;
  }
  if (PATH_SEGMENT_NAMED_GROUPS.has(String(object.apiVersion))) {
    if (/[/%]/.test(name) || name === '.' || name === '..') add('k8s-metadata', `metadata.name: ${showValue(name)} may not contain '/' or '%'`);
    return;
  }
  const asLabel = LABEL_NAMED_KINDS.has(String(object.kind)) && object.apiVersion === 'v1';
  const ok = asLabel ? name.length <= 63 && DNS_1123_LABEL.test(name) : name.length <= 253 && DNS_1123_SUBDOMAIN.test(name);
  if (!ok) {
    const rule = asLabel ? 'a DNS-1123 label (lowercase letters, digits and \'-\', at most 63)' : "a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most 253)";
    add('k8s-metadata', `metadata.name: ${showValue(name)} is not ${rule}`);
  }
}

function checkSecrets(object: Record<string, unknown>, add: Report): void {
  if (object.apiVersion === 'v1' && object.kind === 'Secret') {
    const keys = [...Object.keys((object.data as object | undefined) ?? {}), ...Object.keys((object.stringData as object | undefined) ?? {})];
    if (keys.length > 0) {
      add('k8s-secret-data', `Secret carries data (${keys.join(', ')}) in a plain manifest; create it from a secret store (External Secrets, Secrets Manager CSI) instead`, 'warning');
    }
  }
  forEachContainer(object, '', (container, containerPath) => {
    const env = container.env;
    if (!Array.isArray(env)) return;
    env.forEach((variable: { name?: unknown; value?: unknown }, i) => {
      if (typeof variable?.name === 'string' && SECRET_LOOKING_NAME.test(variable.name) && typeof variable.value === 'string' && variable.value !== '') {
        add('k8s-secret-env', `${containerPath}.env[${i}] (${variable.name}): secret value in manifest; use valueFrom.secretKeyRef`);
      }
    });
  });
}

/** Every container of any pod template in the object, wherever the kind nests it (Deployment, CronJob, CRDs). */
function forEachContainer(node: unknown, at: string, visit: (container: Record<string, unknown>, path: string) => void): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((item, i) => forEachContainer(item, `${at}[${i}]`, visit));
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    const here = at ? `${at}.${key}` : key;
    if ((key === 'containers' || key === 'initContainers' || key === 'ephemeralContainers') && Array.isArray(value)) {
      value.forEach((container, i) => {
        if (container !== null && typeof container === 'object') visit(container as Record<string, unknown>, `${here}[${i}]`);
      });
    } else {
      forEachContainer(value, here, visit);
    }
  }
}
