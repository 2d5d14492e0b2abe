/**
 * Scheduled capacity on Kubernetes (issue 15): with `autoscaling.offHours`, every runtime's KEDA ScaledObject keeps
 * the off-hours floor as `minReplicaCount` and a `cron` trigger holds the working-hours floor from the window's end
 * to its start (KEDA's cron scaler asks for `desiredReplicas` only inside [start, end)).
 */
import type { Blueprint, BlueprintContext } from '../../blueprints/blueprint';
import { LLM_AKS } from '../../blueprints/aks/llm-aks';
import { llmEksDeploymentConfig } from '../../blueprints/eks/deployment-config';
import { LLM_EKS } from '../../blueprints/eks/llm-eks';
import { llmGkeDeploymentConfig } from '../../blueprints/gke/deployment-config';
import { LLM_GKE } from '../../blueprints/gke/llm-gke';
import { llmAksDesign } from '../../lib/azure/llm-aks-design';
import { deploymentKubeObjects, gpuClusterSettings } from '../../lib/eks/deployment-config';
import { buildLlmServingObjects } from '../../lib/kubernetes';
import { buildServingObjects } from '../../lib/kubernetes/runtimes/registry';
import { WORKING_HOURS_TRIGGER, withOffHoursFloor, workingHoursTrigger } from '../../lib/kubernetes/scheduled-capacity';
import type { KubeObject } from '../../lib/kubernetes/types';
import type { ResolvedOffHours } from '../../lib/spec/types';
import { contextFor } from '../../lib/synth/context';
import { validateKubernetesObjects } from '../../lib/validation/kubernetes';
import { only, servingOptions, SINGLE_NODE } from './fixtures';

const OFF_HOURS: ResolvedOffHours = { timezone: 'Europe/Berlin', start: '0 20 * * 1-5', end: '0 7 * * 1-5', minReplicas: 0 };
const autoscaling = { minReplicas: 2, maxReplicas: 4, scaleToZero: false, engine: 'keda' as const };

describe('workingHoursTrigger', () => {
  test('GIVEN an off-hours window THEN the trigger is open from its end to its start and asks for the working floor, as strings', () => {
    expect(workingHoursTrigger(OFF_HOURS, 2)).toEqual({
      type: 'cron', name: WORKING_HOURS_TRIGGER, metadata: { timezone: 'Europe/Berlin', start: '0 7 * * 1-5', end: '0 20 * * 1-5', desiredReplicas: '2' },
    });
  });
});

describe('GIVEN vLLM with minReplicas 2 and an off-hours floor of 0', () => {
  const objects = buildLlmServingObjects(servingOptions(SINGLE_NODE, { autoscaling: { ...autoscaling, offHours: OFF_HOURS } }));
  const scaled = only(objects, 'ScaledObject');

  test('THEN minReplicaCount is the off-hours floor and the cron trigger holds 2 replicas in working hours beside the load triggers', () => {
    expect(scaled.spec.minReplicaCount).toBe(0);
    expect(scaled.spec.maxReplicaCount).toBe(4);
    expect(scaled.spec.triggers.map((t: { type: string; name: string }) => `${t.type}/${t.name}`)).toEqual(['prometheus/queue-depth', 'prometheus/kv-cache-usage', 'cron/working-hours']);
    expect(scaled.spec.triggers[2].metadata.desiredReplicas).toBe('2');
  });

  test('THEN the ScaledObject validates against the KEDA CRD schema', () => {
    expect(validateKubernetesObjects([scaled]).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('THEN every other object is the one built without the window', () => {
    const without = buildLlmServingObjects(servingOptions(SINGLE_NODE, { autoscaling }));
    const others = (list: KubeObject[]) => list.filter((o) => o.kind !== 'ScaledObject');
    expect(others(objects)).toEqual(others(without));
    expect(only(without, 'ScaledObject').spec.minReplicaCount).toBe(2);
  });
});

describe('GIVEN a runtime with its own ScaledObject builder (TGI) built through the registry', () => {
  test('THEN it gets the same floor and exactly one working-hours trigger (the step is idempotent)', () => {
    const objects = buildServingObjects(servingOptions(SINGLE_NODE, { runtime: 'tgi', autoscaling: { ...autoscaling, offHours: { ...OFF_HOURS, minReplicas: 1 } } }));
    const scaled = only(objects, 'ScaledObject');
    expect(scaled.spec.minReplicaCount).toBe(1);
    expect(scaled.spec.triggers.filter((t: { name: string }) => t.name === WORKING_HOURS_TRIGGER)).toHaveLength(1);
    expect(withOffHoursFloor(objects, OFF_HOURS)).toEqual(objects);
  });
});

describe('withOffHoursFloor', () => {
  test('GIVEN no window, or a floor not below the ScaledObject\'s THEN the objects are unchanged', () => {
    const objects = buildLlmServingObjects(servingOptions(SINGLE_NODE, { autoscaling }));
    expect(withOffHoursFloor(objects, undefined)).toEqual(objects);
    expect(withOffHoursFloor(objects, { ...OFF_HOURS, minReplicas: 2 })).toEqual(objects);
  });
});

describe('GIVEN the llm-eks, llm-gke and llm-aks blueprints with an off-hours floor of 0 (nothing is synthesized)', () => {
  const withWindow = (blueprint: Blueprint): BlueprintContext =>
    contextFor({ ...blueprint, spec: { ...blueprint.spec, scaling: { ...blueprint.spec.scaling, minReplicas: 2, maxReplicas: 4, offHours: { start: '0 20 * * 1-5', end: '0 7 * * 1-5' } } } });

  test('THEN EKS sizes its GPU nodes on the off-hours floor and drops the pods-down alarm that would page every night', () => {
    const config = llmEksDeploymentConfig(withWindow(LLM_EKS));
    expect(config.minReplicas).toBe(0);
    expect(gpuClusterSettings(config).expectRunningPods).toBe(false);
    expect(only(deploymentKubeObjects(config), 'ScaledObject').spec.minReplicaCount).toBe(0);
  });

  test('THEN the GKE and AKS GPU pools may shrink to zero nodes at night, and grow back to the working floor', () => {
    expect(llmGkeDeploymentConfig(withWindow(LLM_GKE)).minNodes).toBe(0);
    expect(llmAksDesign(withWindow(LLM_AKS)).gpuPool.minCount).toBe(0);
    expect(llmAksDesign(contextFor(LLM_AKS)).gpuPool.minCount).toBeGreaterThan(0);
  });
});
