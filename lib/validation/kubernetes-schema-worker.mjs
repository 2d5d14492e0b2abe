// Validates Kubernetes objects against their schemas; run by `validateKubernetesObjects` (kubernetes.ts)
// as one child process per call, because the CRD model packages are ESM-only and jest/ts code is CommonJS.
//
// stdin:  { "objects": [ ... ], "schemaDirectories": [ "/abs/dir", ... ] }
// stdout: { "results": [ { "index": 0, "errors": [ { "path": "spec.replicas", "message": "..." } ] } ] }
//
// Built-in kinds use kubernetes-models 4.5.1 (its .mjs entry points), CRDs the @kubernetes-models/*
// packages; extra CRDs are JSON schema files (see crds/README.md) compiled with ajv.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** apiVersion + kind -> [module specifier, export]. Explicit, so adding a kind is a reviewed change. */
const MODEL_CLASSES = {
  'v1 ConfigMap': 'kubernetes-models/v1/ConfigMap',
  'v1 LimitRange': 'kubernetes-models/v1/LimitRange',
  'v1 Namespace': 'kubernetes-models/v1/Namespace',
  'v1 PersistentVolume': 'kubernetes-models/v1/PersistentVolume',
  'v1 PersistentVolumeClaim': 'kubernetes-models/v1/PersistentVolumeClaim',
  'v1 Pod': 'kubernetes-models/v1/Pod',
  'v1 ResourceQuota': 'kubernetes-models/v1/ResourceQuota',
  'v1 Secret': 'kubernetes-models/v1/Secret',
  'v1 Service': 'kubernetes-models/v1/Service',
  'v1 ServiceAccount': 'kubernetes-models/v1/ServiceAccount',
  'apps/v1 DaemonSet': 'kubernetes-models/apps/v1/DaemonSet',
  'apps/v1 Deployment': 'kubernetes-models/apps/v1/Deployment',
  'apps/v1 ReplicaSet': 'kubernetes-models/apps/v1/ReplicaSet',
  'apps/v1 StatefulSet': 'kubernetes-models/apps/v1/StatefulSet',
  'policy/v1 PodDisruptionBudget': 'kubernetes-models/policy/v1/PodDisruptionBudget',
  'autoscaling/v1 HorizontalPodAutoscaler': 'kubernetes-models/autoscaling/v1/HorizontalPodAutoscaler',
  'autoscaling/v2 HorizontalPodAutoscaler': 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
  'networking.k8s.io/v1 Ingress': 'kubernetes-models/networking.k8s.io/v1/Ingress',
  'networking.k8s.io/v1 IngressClass': 'kubernetes-models/networking.k8s.io/v1/IngressClass',
  'networking.k8s.io/v1 NetworkPolicy': 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
  'rbac.authorization.k8s.io/v1 ClusterRole': 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1 ClusterRoleBinding': 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'rbac.authorization.k8s.io/v1 Role': 'kubernetes-models/rbac.authorization.k8s.io/v1/Role',
  'rbac.authorization.k8s.io/v1 RoleBinding': 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding',
  'batch/v1 CronJob': 'kubernetes-models/batch/v1/CronJob',
  'batch/v1 Job': 'kubernetes-models/batch/v1/Job',
  'scheduling.k8s.io/v1 PriorityClass': 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass',
  'storage.k8s.io/v1 StorageClass': 'kubernetes-models/storage.k8s.io/v1/StorageClass',
  'node.k8s.io/v1 RuntimeClass': 'kubernetes-models/node.k8s.io/v1/RuntimeClass',
  'apiextensions.k8s.io/v1 CustomResourceDefinition': 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition',
  'karpenter.sh/v1 NodePool': '@kubernetes-models/karpenter/karpenter.sh/v1/NodePool',
  'karpenter.sh/v1 NodeClaim': '@kubernetes-models/karpenter/karpenter.sh/v1/NodeClaim',
  'karpenter.k8s.aws/v1 EC2NodeClass': '@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass',
  'keda.sh/v1alpha1 ScaledObject': '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject',
  'keda.sh/v1alpha1 ScaledJob': '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledJob',
  'keda.sh/v1alpha1 TriggerAuthentication': '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication',
  'keda.sh/v1alpha1 ClusterTriggerAuthentication': '@kubernetes-models/keda/keda.sh/v1alpha1/ClusterTriggerAuthentication',
  'monitoring.coreos.com/v1 PodMonitor': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor',
  'monitoring.coreos.com/v1 PrometheusRule': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule',
  'monitoring.coreos.com/v1 ServiceMonitor': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor',
};

const input = JSON.parse(readFileSync(0, 'utf-8'));
const registered = loadRegisteredSchemas([join(HERE, 'crds'), ...(input.schemaDirectories ?? [])]);
const validators = new Map();
const results = [];
for (const [index, object] of input.objects.entries()) {
  const key = `${object?.apiVersion} ${object?.kind}`;
  const validate = await validatorFor(key);
  if (!validate) {
    results.push({ index, missingSchema: true, errors: [] });
    continue;
  }
  results.push({ index, errors: validate(object) });
}
process.stdout.write(JSON.stringify({ results }));

/** A function object -> [{ path, message }], or undefined when no schema knows the kind. */
async function validatorFor(key) {
  if (validators.has(key)) return validators.get(key);
  let validate;
  if (MODEL_CLASSES[key]) {
    const kind = key.split(' ')[1];
    const Model = (await import(MODEL_CLASSES[key]))[kind];
    validate = (object) => {
      try {
        new Model(object).validate();
        return [];
      } catch (error) {
        if (!Array.isArray(error.errors)) return [{ path: '', message: String(error.message ?? error) }];
        return describeErrors(error.errors, object);
      }
    };
  } else if (registered.has(key)) {
    const compiled = await compileRegistered(registered.get(key));
    validate = (object) => (compiled(object) ? [] : describeErrors(compiled.errors ?? [], object));
  }
  validators.set(key, validate);
  return validate;
}

/** Registered schema files: `{ apiVersion, kind, source, schema }`, keyed like MODEL_CLASSES. */
function loadRegisteredSchemas(directories) {
  const found = new Map();
  for (const directory of directories) {
    if (!existsSync(directory)) continue;
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.json')).sort()) {
      const registration = JSON.parse(readFileSync(join(directory, file), 'utf-8'));
      if (typeof registration.apiVersion !== 'string' || typeof registration.kind !== 'string' || typeof registration.schema !== 'object') {
        throw new Error(`${join(directory, file)}: a schema registration needs apiVersion, kind and schema`);
      }
      found.set(`${registration.apiVersion} ${registration.kind}`, registration);
    }
  }
  return found;
}

/**
 * The API server checks `format: duration` with go-openapi/strfmt, which parses Go durations (`15s`, `1h30m`, and
 * `d`/`w` units; strfmt duration.go, read 2026-12-03), not only ISO 8601 (`PT15S`) as ajv's format does. Prometheus
 * CRDs (GMP's PodMonitoring `interval`, Rules `for`) use the Go form; both are accepted.
 */
function kubernetesDuration(isoDuration) {
  // A function, not a module constant: the worker's top-level await runs before later constants are initialized.
  const goDuration = /^[-+]?((\d+(\.\d+)?)(ns|us|µs|ms|s|m|h|d|w))+$/;
  return { validate: (value) => goDuration.test(value) || (isoDuration instanceof RegExp ? isoDuration.test(value) : true) };
}

async function compileRegistered(registration) {
  // ajv 8 comes with @kubernetes-models/validate, as do the Kubernetes string formats (quantity, int-or-string...).
  const { default: Ajv } = await import('ajv');
  const { formats } = await import('@kubernetes-models/validate');
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false, formats: { ...formats, duration: kubernetesDuration(formats.duration) } });
  return ajv.compile(structural(registration.schema, true));
}

/**
 * Kubernetes structural schema -> JSON schema as the API server applies it with strict field validation:
 * unknown fields are errors unless `x-kubernetes-preserve-unknown-fields`, and int-or-string accepts both.
 */
function structural(schema, isRoot = false) {
  if (schema === null || typeof schema !== 'object') return schema;
  const out = { ...schema };
  if (out['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (out.properties) {
    out.properties = Object.fromEntries(Object.entries(out.properties).map(([name, child]) => [name, structural(child)]));
    if (isRoot) out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...out.properties };
    if (out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  }
  if (out.items) out.items = structural(out.items);
  if (out.additionalProperties && typeof out.additionalProperties === 'object') out.additionalProperties = structural(out.additionalProperties);
  for (const combinator of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(out[combinator])) out[combinator] = out[combinator].map((child) => structural(child));
  }
  return out;
}

/** ajv errors -> one { path, message } per offending field, quoting the value. */
function describeErrors(errors, object) {
  const byField = new Map();
  for (const error of errors) {
    const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let field = segments;
    let message;
    if (error.keyword === 'required') {
      field = [...segments, error.params.missingProperty];
      message = 'required but missing';
    } else if (error.keyword === 'additionalProperties') {
      field = [...segments, error.params.additionalProperty];
      message = 'unknown field';
    } else if (error.keyword === 'enum') {
      message = `${show(valueAt(object, segments))} is not one of ${error.params.allowedValues.map(show).join(', ')}`;
    } else if (error.keyword === 'format') {
      message = `${show(valueAt(object, segments))} is not a valid ${error.params.format}`;
    } else {
      message = `${error.message} (got ${show(valueAt(object, segments))})`;
    }
    const path = toPath(field);
    const rank = ['required', 'additionalProperties', 'enum', 'format'].includes(error.keyword) ? 0 : ['oneOf', 'anyOf', 'if'].includes(error.keyword) ? 2 : 1;
    const key = error.keyword === 'required' || error.keyword === 'additionalProperties' ? `${path}#${error.keyword}` : path;
    const previous = byField.get(key);
    if (!previous || rank < previous.rank) byField.set(key, { path, message, rank });
  }
  return [...byField.values()].map(({ path, message }) => ({ path, message }));
}

function valueAt(object, segments) {
  return segments.reduce((node, segment) => (node === null || node === undefined ? undefined : node[segment]), object);
}

function toPath(segments) {
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : /^[\w-]+$/.test(segment) ? (path ? `${path}.${segment}` : segment) : `${path}["${segment}"]`), '');
}

function show(value) {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
