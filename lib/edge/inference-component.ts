/**
 * Builds the recipe of the ONNX inference component: one manifest per device platform, the app archive
 * and model file as S3 artifacts, an Install step that checks Node.js and installs the native IPC client,
 * a Run step that passes the component configuration to the app, and least-privilege IPC access control
 * (subscribe to the input topic, publish to the output, error and health topics only; with capture, publish to the
 * device's own capture topic on AWS IoT Core).
 */
import {
  EDGE_APP_ENTRY, EDGE_APP_FOLDER, IPC_SDK_PACKAGE, IPC_SDK_VERSION, MIN_NODE_MAJOR,
} from '../edge-app/layout';
import {
  ComponentRecipe, EdgePlatform, GREENGRASS_PLATFORM_ATTRIBUTES, IPC_MQTT_PROXY_SERVICE, IPC_PUBLISH_OPERATION, IPC_PUBLISH_TO_IOT_CORE_OPERATION,
  IPC_PUBSUB_SERVICE, IPC_SUBSCRIBE_OPERATION, RECIPE_FORMAT_VERSION, RecipeLifecycle, RecipeManifest,
} from './recipe';

/** Local pub/sub topics of the inference component. */
export interface InferenceTopics {
  /** Where readings arrive (JSON `{ id?, features: number[] | number[][] }`). */
  readonly input: string;
  /** Where results are published. */
  readonly output: string;
  /** Where a clear error is published for every request that could not be served. */
  readonly errors: string;
  /** Where the app reports its health (on start, on an interval, and when the model fails to load). */
  readonly health: string;
}

/** The component's default configuration; every value can be changed per deployment with a merge update. */
export interface InferenceComponentConfiguration {
  /** Label of the model build, echoed in every result (e.g. `zscore-2026.11`). */
  readonly modelVersion: string;
  /** Anomaly threshold fed to the model's `threshold` input. */
  readonly threshold: number;
  readonly topics: InferenceTopics;
  /** @default 60 */
  readonly healthIntervalSeconds?: number;
  /** Largest batch one message may carry; bigger requests get an error. @default 64 */
  readonly maxBatchSize?: number;
  /**
   * Request capture to AWS IoT Core (lib/edge-app/capture.ts, lib/edge/capture-pipeline.ts): each device publishes to
   * `<topicPrefix>/<thing name>`, and `samplingPercent` can be changed per deployment with a merge update.
   * @default - no capture
   */
  readonly capture?: { readonly deployment: string; readonly topicPrefix: string; readonly samplingPercent: number };
}

export interface InferenceComponentOptions {
  readonly componentName: string;
  readonly componentVersion: string;
  readonly publisher: string;
  /** @default - a description naming the model version */
  readonly description?: string;
  /** One manifest per platform. */
  readonly platforms: readonly EdgePlatform[];
  /** `s3://` URI of the app archive (`edge-inference-app.zip`). */
  readonly appArchiveUri: string;
  /** `s3://` URI of the ONNX model file. */
  readonly modelUri: string;
  readonly configuration: InferenceComponentConfiguration;
  /**
   * Nucleus versions the component runs on. 2.5.0 is the first with every feature used here (`{work:path}`
   * needs 2.0.4, `{iot:thingName}` 2.3.0, thing-group removal handling 2.5.0; recipe reference and
   * device-auth pages, read 2026-11).
   * @default '>=2.5.0 <3.0.0'
   */
  readonly nucleusVersionRequirement?: string;
  /**
   * Log manager versions to depend on (SOFT): it uploads the component's log to CloudWatch Logs when the
   * deployment configures it. AWS recommends 2.3.5 or later (log-manager-component page, read 2026-11).
   * @default '^2.3.5'
   */
  readonly logManagerVersionRequirement?: string;
}

/** Folder the Install step installs the IPC client into; versioned so a new SDK pin reinstalls. */
const IPC_CLIENT_DIR = `{work:path}/ipc-client-${IPC_SDK_VERSION}`;

/** File name of an `s3://bucket/key` URI. */
function fileName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

function lifecycle(options: InferenceComponentOptions): RecipeLifecycle {
  const model = fileName(options.modelUri);
  // Recipe variables inside double quotes: configuration values may contain spaces.
  const args = [
    `--model {artifacts:path}/${model}`,
    '--model-version "{configuration:/modelVersion}"',
    '--threshold "{configuration:/threshold}"',
    '--input-topic "{configuration:/topics/input}"',
    '--output-topic "{configuration:/topics/output}"',
    '--error-topic "{configuration:/topics/errors}"',
    '--health-topic "{configuration:/topics/health}"',
    '--health-interval-seconds "{configuration:/healthIntervalSeconds}"',
    '--max-batch-size "{configuration:/maxBatchSize}"',
    `--ipc-sdk-dir ${IPC_CLIENT_DIR}`,
  ];
  const capture = options.configuration.capture;
  if (capture) {
    // `{iot:thingName}` (nucleus 2.3.0+): each device publishes to its own topic, which the IoT policy scopes.
    args.push(`--capture-topic "${capture.topicPrefix}/{iot:thingName}"`, '--capture-percent "{configuration:/capture/samplingPercent}"', `--deployment "${capture.deployment}"`);
  }
  const checkNode =
    `node -e "process.exit(Number(process.versions.node.split('.')[0]) >= ${MIN_NODE_MAJOR} ? 0 : 1)"` +
    ` || (echo 'Node.js ${MIN_NODE_MAJOR} or later must be installed on the core device' >&2; exit 1)`;
  // The component user (ggc_user) is a system user that may have no home: keep npm's cache in the work folder.
  const installIpcClient = `npm install --prefix ${IPC_CLIENT_DIR} --cache {work:path}/.npm-cache --omit=dev --no-audit --no-fund --no-package-lock ${IPC_SDK_PACKAGE}@${IPC_SDK_VERSION}`;
  return {
    Install: {
      Script: `${checkNode} && ${installIpcClient}`,
      // Install runs at every nucleus start; skip once the pinned client is present (or pre-installed in the image).
      Skipif: `exists ${IPC_CLIENT_DIR}/node_modules/${IPC_SDK_PACKAGE}/package.json`,
      Timeout: 900,
    },
    Run: {
      Script: `node {artifacts:decompressedPath}/${EDGE_APP_FOLDER}/${EDGE_APP_ENTRY} ${args.join(' ')}`,
      Setenv: { NODE_ENV: 'production' },
    },
  };
}

/** Builds the recipe of one version of the inference component. */
export function buildInferenceComponentRecipe(options: InferenceComponentOptions): ComponentRecipe {
  const { configuration: config, componentName } = options;
  const publishTopics = [config.topics.output, config.topics.errors, config.topics.health];
  const manifests: RecipeManifest[] = options.platforms.map((platform) => ({
    Name: platform,
    Platform: { ...GREENGRASS_PLATFORM_ATTRIBUTES[platform] },
    Lifecycle: lifecycle(options),
    // The app is WebAssembly and JavaScript, so every platform downloads the same two artifacts; the
    // per-platform manifests make devices of any other platform fail the deployment instead of crash-looping.
    Artifacts: [
      { URI: options.appArchiveUri, Unarchive: 'ZIP', Permission: { Read: 'OWNER' } },
      { URI: options.modelUri, Permission: { Read: 'OWNER' } },
    ],
  }));
  return {
    RecipeFormatVersion: RECIPE_FORMAT_VERSION,
    ComponentName: componentName,
    ComponentVersion: options.componentVersion,
    ComponentDescription: options.description ?? `ONNX inference (model ${config.modelVersion}) on local pub/sub`,
    ComponentPublisher: options.publisher,
    ComponentConfiguration: {
      DefaultConfiguration: {
        // Numbers as strings: Greengrass stores configuration as JSON and may turn integers into floats
        // (recipe reference, "DefaultConfiguration"); the app parses them.
        modelVersion: config.modelVersion,
        threshold: String(config.threshold),
        topics: { ...config.topics },
        healthIntervalSeconds: String(config.healthIntervalSeconds ?? 60),
        maxBatchSize: String(config.maxBatchSize ?? 64),
        ...(config.capture && { capture: { samplingPercent: String(config.capture.samplingPercent) } }),
        accessControl: {
          [IPC_PUBSUB_SERVICE]: {
            [`${componentName}:pubsub:1`]: {
              policyDescription: 'Receive readings from the input topic only.',
              operations: [IPC_SUBSCRIBE_OPERATION],
              resources: [config.topics.input],
            },
            [`${componentName}:pubsub:2`]: {
              policyDescription: 'Publish results, errors and health only.',
              operations: [IPC_PUBLISH_OPERATION],
              resources: [...new Set(publishTopics)],
            },
          },
          ...(config.capture && {
            [IPC_MQTT_PROXY_SERVICE]: {
              [`${componentName}:mqttproxy:1`]: {
                policyDescription: 'Publish capture records to the device\'s capture topic on AWS IoT Core only.',
                operations: [IPC_PUBLISH_TO_IOT_CORE_OPERATION],
                // `+` matches one level: the thing name (the IoT policy narrows it to the fleet's devices).
                resources: [`${config.capture.topicPrefix}/+`],
              },
            },
          }),
        },
      },
    },
    ComponentDependencies: {
      'aws.greengrass.Nucleus': { VersionRequirement: options.nucleusVersionRequirement ?? '>=2.5.0 <3.0.0', DependencyType: 'SOFT' },
      'aws.greengrass.LogManager': { VersionRequirement: options.logManagerVersionRequirement ?? '^2.3.5', DependencyType: 'SOFT' },
    },
    Manifests: manifests,
  };
}
