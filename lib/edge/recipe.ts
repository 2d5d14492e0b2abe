/**
 * The AWS IoT Greengrass v2 component recipe format, as typed data. Field names and values follow the
 * "AWS IoT Greengrass component recipe reference" (developer guide, component-recipe-reference.md in
 * awsdocs/aws-iot-greengrass-v2-developer-guide, read 2026-11). A recipe is plain JSON: the same object
 * goes into CloudFormation's `InlineRecipe`, awscc's `inline_recipe` and aws-native's `inlineRecipe`.
 */

/** The only recipe format version Greengrass accepts. */
export const RECIPE_FORMAT_VERSION = '2020-01-25';

/** Device platforms this library builds manifests for (the `target.platforms` of a deployment spec). */
export type EdgePlatform = 'linux/x86_64' | 'linux/aarch64';

export const EDGE_PLATFORMS: readonly EdgePlatform[] = ['linux/x86_64', 'linux/aarch64'];

/**
 * `Platform` attributes the Greengrass nucleus reports for each platform: the nucleus reports the JVM's
 * `os.arch`, so x86_64 devices match `amd64` (recipe reference, "Platform > architecture": amd64, arm,
 * aarch64, x86; read 2026-11).
 */
export const GREENGRASS_PLATFORM_ATTRIBUTES: Readonly<Record<EdgePlatform, { readonly os: string; readonly architecture: string }>> = {
  'linux/x86_64': { os: 'linux', architecture: 'amd64' },
  'linux/aarch64': { os: 'linux', architecture: 'aarch64' },
};

export type ArtifactPermission = 'NONE' | 'OWNER' | 'ALL';

export interface RecipeArtifact {
  /** `s3://bucket/key`; the file name must be unique within a manifest. */
  readonly URI: string;
  /** @default 'NONE' */
  readonly Unarchive?: 'NONE' | 'ZIP';
  readonly Permission?: { readonly Read?: ArtifactPermission; readonly Execute?: ArtifactPermission };
}

/** One lifecycle step: a script with options, or the script alone. */
export type LifecycleStep =
  | string
  | {
      readonly Script: string;
      /** @default false */
      readonly RequiresPrivilege?: boolean;
      /** `onpath <runnable>` or `exists <file>`. */
      readonly Skipif?: string;
      /** Seconds. @default 120 (Install/Startup), none (Run), 15 (Shutdown), 60 (Recover) */
      readonly Timeout?: number;
      readonly Setenv?: Readonly<Record<string, string>>;
    };

export interface RecipeLifecycle {
  readonly Setenv?: Readonly<Record<string, string>>;
  readonly Bootstrap?: LifecycleStep;
  readonly Install?: LifecycleStep;
  /** Exactly one of `Run` and `Startup`. */
  readonly Run?: LifecycleStep;
  readonly Startup?: LifecycleStep;
  readonly Shutdown?: LifecycleStep;
  readonly Recover?: LifecycleStep;
}

export interface RecipeManifest {
  readonly Name?: string;
  /** `os` / `architecture` (and custom attributes); omitted = every platform. */
  readonly Platform?: Readonly<Record<string, string>>;
  readonly Lifecycle?: RecipeLifecycle;
  readonly Selections?: readonly string[];
  readonly Artifacts?: readonly RecipeArtifact[];
}

export interface ComponentDependency {
  /** npm-style semantic version range, e.g. `>=2.5.0 <3.0.0`. */
  readonly VersionRequirement: string;
  /** @default 'HARD' */
  readonly DependencyType?: 'HARD' | 'SOFT';
}

/** An IPC authorization policy, as it appears under `accessControl.<service>.<policyId>`. */
export interface IpcAuthorizationPolicy {
  readonly policyDescription?: string;
  readonly operations: readonly string[];
  readonly resources: readonly string[];
}

export interface ComponentRecipe {
  readonly RecipeFormatVersion: typeof RECIPE_FORMAT_VERSION;
  /** Unique per account and Region; avoid the `aws.greengrass` prefix (it overrides public components). */
  readonly ComponentName: string;
  /** major.minor.patch. */
  readonly ComponentVersion: string;
  readonly ComponentDescription?: string;
  readonly ComponentPublisher: string;
  readonly ComponentConfiguration?: { readonly DefaultConfiguration: Readonly<Record<string, unknown>> };
  readonly ComponentDependencies?: Readonly<Record<string, ComponentDependency>>;
  readonly Manifests: readonly RecipeManifest[];
  readonly Lifecycle?: RecipeLifecycle;
}

/** The IPC service identifier of local publish/subscribe (developer guide, ipc-publish-subscribe.md, read 2026-11). */
export const IPC_PUBSUB_SERVICE = 'aws.greengrass.ipc.pubsub';
export const IPC_PUBLISH_OPERATION = 'aws.greengrass#PublishToTopic';
export const IPC_SUBSCRIBE_OPERATION = 'aws.greengrass#SubscribeToTopic';
/** IPC service and operation that publish to AWS IoT Core through the nucleus (Greengrass developer guide, "Publish/subscribe AWS IoT Core MQTT messages", read 2026-12-03). */
export const IPC_MQTT_PROXY_SERVICE = 'aws.greengrass.ipc.mqttproxy';
export const IPC_PUBLISH_TO_IOT_CORE_OPERATION = 'aws.greengrass#PublishToIoTCore';

/** The recipe as the JSON string every engine passes to Greengrass. */
export function recipeToJson(recipe: ComponentRecipe): string {
  return JSON.stringify(recipe);
}
