/**
 * `planEdgeFleet`: from a deployment plan (target `greengrass`) and the releases a blueprint publishes to
 * everything the three engines render: component versions with their recipes and artifacts, the fleet and
 * canary deployments with rollout and abort settings, names, IAM/IoT scopes and monitoring. Decided once
 * here, so CDK, cdktf and Pulumi deploy the same fleet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onnxRuntimeDistDir } from '../engine-packages';
import { InputProblem, InputValidationError, ProblemCollector } from '../errors';
import { buildEdgeAppArchive } from '../edge-app/bundle';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { ReleaseArtifacts, releaseArtifacts } from './artifacts';
import { FleetDeployment, validateFleetDeployment } from './deployment';
import { planEdgeCapturePipeline, type EdgeCapturePipeline } from './capture-pipeline';
import { checkEdgeDrift, planEdgeDriftJob, type EdgeDriftJob } from './edge-drift';
import { buildInferenceComponentRecipe, InferenceTopics } from './inference-component';
import { EdgeMonitoringPlan, planEdgeMonitoring } from './monitoring';
import { ComponentRecipe, EDGE_PLATFORMS, EdgePlatform } from './recipe';
import { validateComponentRecipe } from './recipe-validator';
import { compareSemanticVersions, isSemanticVersion } from './semver';
import { EdgeRolloutOptions, fleetDeployment } from './rollout';
import type { AlarmRecipientsSpec } from '../spec/types';

/** One model build published as one component version. Component versions are immutable. */
export interface EdgeModelRelease {
  /** Semantic version of the component; bump it whenever the model, the app or the defaults change. */
  readonly componentVersion: string;
  /** Label of the model build, echoed in every result. */
  readonly modelVersion: string;
  /** The ONNX model. */
  readonly model: Uint8Array;
  /** Default anomaly threshold of this release. */
  readonly threshold: number;
}

export interface EdgeFleetOptions {
  /** Component versions this code publishes (each rendered with the current app build). */
  readonly releases: readonly EdgeModelRelease[];
  /** Version the fleet thing group runs: a release, or a retained version (rollback). */
  readonly fleetVersion: string;
  /** A second thing group that runs a candidate version first. @default - no canary */
  readonly canary?: {
    /** @default `<fleet group>-canary` */
    readonly thingGroupName?: string;
    /** Must be one of `releases`. */
    readonly componentVersion: string;
  };
  /** Versions published earlier and kept in Greengrass (removed from `releases`), valid rollback targets. @default [] */
  readonly retainedVersions?: readonly string[];
  /** @default `aimd.<PascalCaseSpecName>` */
  readonly componentName?: string;
  /** @default 'ai-model-deployment' */
  readonly publisher?: string;
  /** @default `aimd/<spec name>/{readings,results,errors,health}` */
  readonly topics?: Partial<InferenceTopics>;
  /** Thing names of the fleet's core devices start with this (scopes the IoT policy). @default `<spec name>-` */
  readonly thingNamePrefix?: string;
  /** Overrides of the rollout derived from `spec.rollout.strategy`. @default - see rollout.ts */
  readonly rollout?: Partial<EdgeRolloutOptions>;
  /** @default 60 */
  readonly healthIntervalSeconds?: number;
  /** @default 64 */
  readonly maxBatchSize?: number;
}

export interface PlannedRelease {
  readonly componentVersion: string;
  readonly modelVersion: string;
  readonly threshold: number;
  readonly artifacts: ReleaseArtifacts;
  /** The recipe with the artifact bucket filled in (the bucket name may be an engine token). */
  recipe(bucketName: string): ComponentRecipe;
}

export interface EdgeFleetPlan {
  readonly name: string;
  readonly region: string;
  readonly componentName: string;
  readonly platforms: readonly EdgePlatform[];
  readonly topics: InferenceTopics;
  readonly releases: readonly PlannedRelease[];
  readonly thingGroups: { readonly fleet: string; readonly canary?: string };
  readonly deployments: { readonly fleet: FleetDeployment; readonly canary?: FleetDeployment };
  /** Key prefix of every artifact of the component (the token exchange role reads below it only). */
  readonly artifactPrefix: string;
  readonly thingNamePrefix: string;
  readonly tokenExchangeRoleName: string;
  readonly roleAliasName: string;
  readonly iotPolicyName: string;
  readonly monitoring: EdgeMonitoringPlan;
  readonly dashboard: boolean;
  readonly alarmEmail?: string;
  /** Who hears the alarms besides `alarmEmail` (`monitoring.recipients`; lib/alerting/alarm-subscriptions.ts). @default - only alarmEmail */
  readonly alarmRecipients?: AlarmRecipientsSpec;
  readonly logRetentionDays: number;
  readonly kmsKey: 'create' | { readonly keyArn: string };
  readonly tags: Readonly<Record<string, string>>;
  /** Request capture from the devices to the bucket (`monitoring.dataCapture.enabled`; capture-pipeline.ts). @default - no capture */
  readonly capture?: EdgeCapturePipeline;
  /** The scheduled drift job over the captured records (`monitoring.driftDetection`; edge-drift.ts). @default - no drift job */
  readonly driftJob?: EdgeDriftJob;
}

/** Placeholder bucket used to validate recipes before an engine knows the real bucket name. */
const PLACEHOLDER_BUCKET = 'artifact-bucket-placeholder';

function pascalCase(name: string): string {
  return name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/** The onnxruntime-web version the app bundles (the spec's runtime.version must agree). */
export function bundledOnnxRuntimeVersion(): string {
  const pkg = join(onnxRuntimeDistDir('Planning a Greengrass edge fleet'), '..', 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

function checkReleases(p: ProblemCollector, o: EdgeFleetOptions): void {
  const versions = new Set<string>();
  o.releases.forEach((r, i) => {
    const f = `releases[${i}]`;
    if (p.check(isSemanticVersion(r.componentVersion), `${f}.componentVersion`, r.componentVersion, 'must be a semantic version', "e.g. '1.1.0'")) {
      p.check(!versions.has(r.componentVersion), `${f}.componentVersion`, r.componentVersion, 'is published twice', 'give each release its own version');
      versions.add(r.componentVersion);
    }
    p.check(r.modelVersion.trim() !== '', `${f}.modelVersion`, r.modelVersion, 'is required', 'label the model build');
    p.check(Number.isFinite(r.threshold), `${f}.threshold`, r.threshold, 'must be a finite number', 'e.g. 3');
    p.check(r.model.length > 0, `${f}.model`, `${r.model.length} bytes`, 'is empty', 'pass the ONNX model bytes');
  });
  p.check(o.releases.length > 0, 'releases', o.releases, 'must publish at least one component version', 'add a release');
  const retained = o.retainedVersions ?? [];
  for (const v of retained) {
    p.check(isSemanticVersion(v) && !versions.has(v), 'retainedVersions', v, versions.has(v) ? 'is also a release' : 'must be a semantic version', 'list only versions published earlier and no longer rendered');
  }
  const deployable = [...versions, ...retained];
  p.check(deployable.includes(o.fleetVersion), 'fleetVersion', o.fleetVersion, `is neither a release nor a retained version (${deployable.join(', ') || 'none'})`,
    'deploy a published version; to roll back to one removed from releases, list it in retainedVersions');
  if (o.canary) {
    p.check(versions.has(o.canary.componentVersion), 'canary.componentVersion', o.canary.componentVersion, `is not a release (${[...versions].join(', ')})`, 'stage the candidate as a release first');
    p.check(o.canary.componentVersion !== o.fleetVersion, 'canary.componentVersion', o.canary.componentVersion, 'is the version the fleet already runs', 'stage a newer version, or drop the canary');
    if (isSemanticVersion(o.canary.componentVersion) && isSemanticVersion(o.fleetVersion)) {
      p.check(compareSemanticVersions(o.canary.componentVersion, o.fleetVersion) > 0, 'canary.componentVersion', o.canary.componentVersion,
        `is older than the fleet's ${o.fleetVersion}; a canary tries a newer version`, 'to go back, set fleetVersion instead (rollback)');
    }
  }
}

/**
 * Plans the fleet. @throws InputValidationError listing every problem (spec, options, recipes, deployments)
 */
export function planEdgeFleet(plan: DeploymentPlan, options: EdgeFleetOptions): EdgeFleetPlan {
  const { spec } = plan;
  const p = new ProblemCollector();
  const target = spec.target;
  if (target.kind !== 'greengrass') {
    p.add('target.kind', target.kind, 'must be greengrass for an edge fleet', "set target: { kind: 'greengrass', thingGroupName }");
    p.throwIfAny(`Edge fleet '${spec.name}'`);
  }
  const greengrass = target as Extract<typeof target, { kind: 'greengrass' }>;
  p.check(spec.runtime.engine === 'onnxruntime', 'runtime.engine', spec.runtime.engine, 'must be onnxruntime: the edge app runs ONNX models', "set runtime.engine to 'onnxruntime'");
  const ortVersion = bundledOnnxRuntimeVersion();
  if (spec.runtime.version !== undefined) {
    p.check(spec.runtime.version === ortVersion, 'runtime.version', spec.runtime.version, `differs from the onnxruntime-web ${ortVersion} the edge app bundles`, `set it to '${ortVersion}' or leave it out`);
  }
  p.check(spec.rollout.strategy !== 'shadow', 'rollout.strategy', spec.rollout.strategy, 'has no meaning for devices (there is no traffic to mirror)', "use 'canary' (a canary thing group first) or 'linear'");
  checkReleases(p, options);
  checkEdgeDrift(spec, p);
  const componentName = options.componentName ?? `aimd.${pascalCase(spec.name)}`;
  const fleetGroup = greengrass.thingGroupName;
  const canaryGroup = options.canary ? options.canary.thingGroupName ?? `${fleetGroup}-canary` : undefined;
  p.check(canaryGroup !== fleetGroup, 'canary.thingGroupName', canaryGroup, 'is the fleet group; a group has one active deployment', 'use a separate group for the canary devices');
  p.throwIfAny(`Edge fleet '${spec.name}'`);

  const platforms = greengrass.platforms ?? EDGE_PLATFORMS;
  const topics: InferenceTopics = {
    input: `aimd/${spec.name}/readings`, output: `aimd/${spec.name}/results`, errors: `aimd/${spec.name}/errors`, health: `aimd/${spec.name}/health`,
    ...options.topics,
  };
  const capture = spec.monitoring.dataCapture.enabled
    ? planEdgeCapturePipeline({ deployment: spec.name, samplingPercent: spec.monitoring.dataCapture.samplingPercent, retentionDays: spec.monitoring.drift?.captureRetentionDays })
    : undefined;
  const driftJob = capture && planEdgeDriftJob(spec, capture.retentionDays);
  const artifactPrefix = `greengrass/${componentName}/`;
  const app = buildEdgeAppArchive();
  const releases: PlannedRelease[] = [...options.releases]
    .sort((a, b) => compareSemanticVersions(a.componentVersion, b.componentVersion))
    .map((release) => {
      const artifacts = releaseArtifacts(artifactPrefix, release.componentVersion, app.bytes, release.model);
      return {
        componentVersion: release.componentVersion,
        modelVersion: release.modelVersion,
        threshold: release.threshold,
        artifacts,
        recipe: (bucketName: string) => buildInferenceComponentRecipe({
          componentName, componentVersion: release.componentVersion, publisher: options.publisher ?? 'ai-model-deployment', platforms,
          appArchiveUri: `s3://${bucketName}/${artifacts.appArchive.key}`,
          modelUri: `s3://${bucketName}/${artifacts.model.key}`,
          configuration: {
            modelVersion: release.modelVersion, threshold: release.threshold, topics, healthIntervalSeconds: options.healthIntervalSeconds, maxBatchSize: options.maxBatchSize,
            ...(capture && { capture: { deployment: spec.name, topicPrefix: capture.topicPrefix, samplingPercent: capture.samplingPercent } }),
          },
        }),
      };
    });
  const thingNamePrefix = options.thingNamePrefix ?? `${spec.name}-`;
  // Names and settings of the job do not depend on the bucket or the account.
  const driftSettings = driftJob?.({ bucket: '-', account: '-' }).drift;
  const monitoring = planEdgeMonitoring({ name: spec.name, region: spec.region, componentName, thingNamePrefix, ...(driftSettings && { drift: driftSettings }) });
  const deploy = (deploymentName: string, thingGroupName: string, version: string, canary: boolean) =>
    fleetDeployment({ deploymentName, thingGroupName, componentName, componentVersion: version, strategy: spec.rollout.strategy, canary, overrides: options.rollout ?? {} });
  const deployments = {
    fleet: deploy(`${spec.name}-fleet`, fleetGroup, options.fleetVersion, false),
    ...(canaryGroup && options.canary && { canary: deploy(`${spec.name}-canary`, canaryGroup, options.canary.componentVersion, true) }),
  };

  const problems: InputProblem[] = [];
  for (const release of releases) {
    problems.push(...validateComponentRecipe(release.recipe(PLACEHOLDER_BUCKET), { requiredPlatforms: platforms }).map((x) => ({ ...x, field: `recipe ${release.componentVersion}: ${x.field}` })));
  }
  problems.push(...validateFleetDeployment(deployments.fleet, 'deployments.fleet'));
  if (deployments.canary) problems.push(...validateFleetDeployment(deployments.canary, 'deployments.canary'));
  if (problems.length > 0) throw new InputValidationError(`Edge fleet '${spec.name}'`, problems);

  return {
    name: spec.name,
    region: spec.region,
    componentName,
    platforms,
    topics,
    releases,
    thingGroups: { fleet: fleetGroup, ...(canaryGroup && { canary: canaryGroup }) },
    deployments,
    artifactPrefix,
    thingNamePrefix,
    tokenExchangeRoleName: `${spec.name}-gg-token-exchange`,
    roleAliasName: `${spec.name}-gg-token-exchange-alias`,
    iotPolicyName: `${spec.name}-gg-core-device`,
    monitoring,
    dashboard: spec.monitoring.dashboard,
    ...(spec.monitoring.alarmEmail !== undefined && { alarmEmail: spec.monitoring.alarmEmail }),
    alarmRecipients: spec.monitoring.recipients,
    logRetentionDays: spec.monitoring.logRetentionDays,
    kmsKey: spec.security.kmsKey,
    tags: spec.tags,
    ...(capture && { capture }),
    ...(driftJob && { driftJob }),
  };
}
