/**
 * MIG resources: a pod that requests `nvidia.com/mig-<profile>` is scheduled only onto a node that advertises that
 * extended resource, and a node advertises it only when two things run there: something that partitions the GPUs
 * (the NVIDIA MIG manager, reading the node's `nvidia.com/mig.config` label) and a device plugin with the `mixed` MIG
 * strategy (the only one that names the resource by profile; `single` advertises slices as `nvidia.com/gpu`, `none`
 * not at all). Without them the pod stays Pending forever, and nothing in a schema says so.
 *
 * Generic: it reads what the output installs (Helm releases and their values, DaemonSets and their images) from the
 * facts, never blueprint names. Providers it knows (read 2026-12-03):
 * - the NVIDIA GPU Operator chart `gpu-operator`: MIG manager unless `migManager.enabled` is false; a device plugin
 *   unless `devicePlugin.enabled` is false, with the strategy of `mig.strategy` (chart default `single`);
 * - the standalone NVIDIA device plugin chart `nvidia-device-plugin` (value `migStrategy`, default `none`) or a
 *   DaemonSet running the `k8s-device-plugin` image (env `MIG_STRATEGY` or flag `--mig-strategy`);
 * - a DaemonSet running the `k8s-mig-manager` image.
 * A release whose values cannot be read (unresolved at synth time) is given the benefit of the doubt.
 *
 * On plain Kubernetes output the cluster is the user's and may already run the GPU Operator: there the finding is a
 * warning; on the engines that build the cluster it is an error.
 */
import type { ValidationFinding } from '../types';
import type { DeploymentFacts, HelmReleaseFact } from './facts';
import { workloadsOf } from './workloads';

const RULE = 'deployability/mig-resources';
const MIG_RESOURCE = /^nvidia\.com\/mig-/;

type Obj = Record<string, any>;

interface MigProviders {
  /** Something partitions GPUs into MIG slices. */
  readonly manager: boolean;
  /** Some device plugin advertises slices as `nvidia.com/mig-<profile>`. */
  readonly mixedPlugin: boolean;
  /** What was found, for the message. */
  readonly found: string[];
}

/** `a.b.c` of a values object; undefined when any step is missing. */
function valueAt(values: Record<string, unknown> | undefined, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Obj)[key] : undefined), values);
}

function releaseProviders(release: HelmReleaseFact): { manager: boolean; mixedPlugin: boolean; found?: string } {
  const known = release.values !== undefined;
  const v = release.values;
  if (release.chart === 'gpu-operator') {
    const manager = !known || valueAt(v, 'migManager.enabled') !== false;
    const plugin = !known || valueAt(v, 'devicePlugin.enabled') !== false;
    const strategy = known ? (valueAt(v, 'mig.strategy') ?? 'single') : 'mixed';
    return { manager, mixedPlugin: plugin && strategy === 'mixed', found: `${release.resource} (gpu-operator, mig.strategy ${String(strategy)}, migManager ${manager ? 'on' : 'off'})` };
  }
  if (release.chart === 'nvidia-device-plugin') {
    const strategy = known ? (valueAt(v, 'migStrategy') ?? 'none') : 'mixed';
    return { manager: false, mixedPlugin: strategy === 'mixed', found: `${release.resource} (nvidia-device-plugin, migStrategy ${String(strategy)})` };
  }
  return { manager: false, mixedPlugin: false };
}

/** The MIG strategy a device plugin container runs with, from its env or flags (`none` when unset). */
function containerMigStrategy(container: Obj): string {
  const env = ((container.env ?? []) as Obj[]).find((e) => e.name === 'MIG_STRATEGY')?.value;
  const flag = [...(container.args ?? []), ...(container.command ?? [])].map(String).find((a) => a.startsWith('--mig-strategy='));
  return env ?? flag?.slice('--mig-strategy='.length) ?? 'none';
}

function daemonSetProviders(objects: readonly Obj[]): { manager: boolean; mixedPlugin: boolean; found: string[] } {
  let manager = false;
  let mixedPlugin = false;
  const found: string[] = [];
  for (const ds of objects.filter((o) => o.kind === 'DaemonSet')) {
    for (const c of (ds.spec?.template?.spec?.containers ?? []) as Obj[]) {
      const image = String(c.image ?? '');
      if (image.includes('k8s-mig-manager')) {
        manager = true;
        found.push(`DaemonSet ${ds.metadata?.name} (MIG manager)`);
      } else if (image.includes('k8s-device-plugin')) {
        const strategy = containerMigStrategy(c);
        mixedPlugin ||= strategy === 'mixed';
        found.push(`DaemonSet ${ds.metadata?.name} (device plugin, MIG strategy ${strategy})`);
      }
    }
  }
  return { manager, mixedPlugin, found };
}

function migProviders(facts: DeploymentFacts): MigProviders {
  const releases = facts.helmReleases.map(releaseProviders);
  const daemonSets = daemonSetProviders(facts.kubeObjects as readonly Obj[]);
  return {
    manager: daemonSets.manager || releases.some((r) => r.manager),
    mixedPlugin: daemonSets.mixedPlugin || releases.some((r) => r.mixedPlugin),
    found: [...releases.flatMap((r) => (r.found ? [r.found] : [])), ...daemonSets.found],
  };
}

/** The `nvidia.com/mig-*` resources a pod template's containers ask for. */
function migResourcesOf(template: Obj | undefined): string[] {
  const spec = template?.spec ?? {};
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])] as Obj[];
  const names = containers.flatMap((c) => [...Object.keys(c.resources?.requests ?? {}), ...Object.keys(c.resources?.limits ?? {})]);
  return [...new Set(names.filter((n) => MIG_RESOURCE.test(n)))];
}

/** Findings for pods that request MIG slices nothing in the output would advertise. */
export function checkMigResources(facts: DeploymentFacts): ValidationFinding[] {
  const requesting = workloadsOf(facts.kubeObjects)
    .map((w) => ({ id: w.id, resources: [...new Set(w.templates.flatMap(migResourcesOf))] }))
    .filter((w) => w.resources.length > 0);
  if (requesting.length === 0) return [];
  const providers = migProviders(facts);
  if (providers.manager && providers.mixedPlugin) return [];
  const missing = [
    ...(providers.manager ? [] : ['no MIG manager partitions the GPUs']),
    ...(providers.mixedPlugin ? [] : ["no device plugin runs the 'mixed' MIG strategy that advertises them"]),
  ].join(' and ');
  const seen = providers.found.length > 0 ? ` (found: ${providers.found.join('; ')})` : '';
  const severity = facts.engine === 'kubernetes' ? 'warning' : 'error';
  return requesting.map((w) => ({
    engine: facts.engine,
    resource: w.id,
    rule: RULE,
    severity,
    message: `pods request ${w.resources.join(', ')}, but ${missing}${seen}: no node ever offers the resource and the pods stay Pending. `
      + 'Fix: install the NVIDIA GPU Operator with mig.strategy=mixed and migManager.enabled=true (EKS clusters of this library '
      + "do so for plans with target.gpuSharing 'mig' on AL2023 nodes outside Auto Mode), or set target.gpuSharing 'none'",
  }));
}
