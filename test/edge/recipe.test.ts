/**
 * The inference component's recipe, and the validator that checks any recipe against the Greengrass
 * recipe format before Greengrass sees it.
 */
import { buildInferenceComponentRecipe, InferenceComponentOptions } from '../../lib/edge/inference-component';
import { ComponentRecipe, IPC_PUBSUB_SERVICE } from '../../lib/edge/recipe';
import { assertValidComponentRecipe, validateComponentRecipe } from '../../lib/edge/recipe-validator';

const OPTIONS: InferenceComponentOptions = {
  componentName: 'com.example.SensorAnomaly',
  componentVersion: '1.2.0',
  publisher: 'Example Corp',
  platforms: ['linux/x86_64', 'linux/aarch64'],
  appArchiveUri: 's3://example-artifacts/greengrass/com.example.SensorAnomaly/1.2.0/abc/edge-inference-app.zip',
  modelUri: 's3://example-artifacts/greengrass/com.example.SensorAnomaly/1.2.0/abc/model.onnx',
  configuration: { modelVersion: 'zscore-v3', threshold: 3.5, topics: { input: 'plant/readings', output: 'plant/anomalies', errors: 'plant/anomalies/errors', health: 'plant/anomalies/health' } },
};

describe('inference component recipe', () => {
  const recipe = buildInferenceComponentRecipe(OPTIONS);

  test('THEN it is valid for both device platforms', () => {
    expect(validateComponentRecipe(recipe, { requiredPlatforms: ['linux/x86_64', 'linux/aarch64'] })).toEqual([]);
    expect(recipe.Manifests.map((m) => m.Platform)).toEqual([{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'aarch64' }]);
  });

  test('THEN both manifests download the app archive (unpacked) and the model', () => {
    for (const manifest of recipe.Manifests) {
      expect(manifest.Artifacts).toEqual([
        { URI: OPTIONS.appArchiveUri, Unarchive: 'ZIP', Permission: { Read: 'OWNER' } },
        { URI: OPTIONS.modelUri, Permission: { Read: 'OWNER' } },
      ]);
    }
  });

  test('THEN the default configuration carries model version, threshold (as a string) and topics', () => {
    expect(recipe.ComponentConfiguration!.DefaultConfiguration).toMatchObject({
      modelVersion: 'zscore-v3', threshold: '3.5', healthIntervalSeconds: '60', maxBatchSize: '64', topics: OPTIONS.configuration.topics,
    });
  });

  test('THEN IPC access is least privilege: subscribe to the input topic, publish to the three output topics', () => {
    expect((recipe.ComponentConfiguration!.DefaultConfiguration.accessControl as Record<string, unknown>)[IPC_PUBSUB_SERVICE]).toEqual({
      'com.example.SensorAnomaly:pubsub:1': { policyDescription: expect.any(String), operations: ['aws.greengrass#SubscribeToTopic'], resources: ['plant/readings'] },
      'com.example.SensorAnomaly:pubsub:2': { policyDescription: expect.any(String), operations: ['aws.greengrass#PublishToTopic'], resources: ['plant/anomalies', 'plant/anomalies/errors', 'plant/anomalies/health'] },
    });
  });

  test('THEN Install checks Node.js and installs the pinned IPC client once; Run passes every setting from the configuration', () => {
    const lifecycle = recipe.Manifests[0]!.Lifecycle!;
    expect(lifecycle.Install).toMatchObject({ Script: expect.stringMatching(/process\.versions\.node.*>= 20.*npm install --prefix \{work:path\}\/ipc-client-1\.28\.0 .*aws-iot-device-sdk-v2@1\.28\.0$/), Skipif: 'exists {work:path}/ipc-client-1.28.0/node_modules/aws-iot-device-sdk-v2/package.json' });
    const run = (lifecycle.Run as { Script: string }).Script;
    expect(run).toMatch(/^node \{artifacts:decompressedPath\}\/edge-inference-app\/main\.js --model \{artifacts:path\}\/model\.onnx /);
    for (const key of ['/modelVersion', '/threshold', '/topics/input', '/topics/output', '/topics/errors', '/topics/health', '/healthIntervalSeconds', '/maxBatchSize']) {
      expect(run).toContain(`"{configuration:${key}}"`);
    }
    // Terraform JSON would read `${` as interpolation: the recipe must never contain it.
    expect(JSON.stringify(recipe)).not.toContain('${');
  });

  test('THEN it depends softly on the nucleus and the log manager', () => {
    expect(recipe.ComponentDependencies).toEqual({
      'aws.greengrass.Nucleus': { VersionRequirement: '>=2.5.0 <3.0.0', DependencyType: 'SOFT' },
      'aws.greengrass.LogManager': { VersionRequirement: '^2.3.5', DependencyType: 'SOFT' },
    });
  });

  test('GIVEN only aarch64 devices THEN an x86_64 requirement is reported', () => {
    const armOnly = buildInferenceComponentRecipe({ ...OPTIONS, platforms: ['linux/aarch64'] });
    expect(validateComponentRecipe(armOnly, { requiredPlatforms: ['linux/x86_64'] })).toEqual([
      expect.objectContaining({ field: 'Manifests', value: '(linux/x86_64)', message: expect.stringMatching(/no manifest for linux\/x86_64/) }),
    ]);
  });
});

describe('recipe validator', () => {
  const valid = buildInferenceComponentRecipe(OPTIONS);

  test('GIVEN a recipe with many mistakes THEN every problem is listed with its field, value and fix', () => {
    const broken = {
      RecipeFormatVersion: '2021-01-01',
      ComponentName: 'aws.greengrass.MyModel',
      ComponentVersion: '1.0',
      Manifest: [],
      ComponentConfiguration: {
        DefaultConfiguration: {
          threshold: '3',
          accessControl: { [IPC_PUBSUB_SERVICE]: { 'x:pubsub:1': { operations: ['aws.greengrass#PublishToIoTCore'], resources: ['plant/#'] } } },
        },
      },
      ComponentDependencies: { 'aws.greengrass.Nucleus': { VersionRequirement: 'latest', DependencyType: 'OPTIONAL' } },
      Manifests: [
        { Lifecycle: { Run: 'node app.js' } },
        {
          Platform: { os: 'linux', architecture: 'aarch64' },
          Lifecycle: { Run: 'node {artifacts:path}/app.js --t {configuration:/treshold} --x {artifact:path}/x', Startup: { Script: 'x', Timeout: -1, Skipif: 'always' } },
          Artifacts: [{ URI: 'https://example.com/model.onnx' }, { URI: 's3://My_Bucket/a/model.onnx', Unarchive: 'TAR' }, { URI: 's3://bucket-a/x/app.zip' }, { URI: 's3://bucket-b/y/app.zip', Permission: { Read: 'EVERYONE' } }],
        },
        { Platform: { os: 'linux', architecture: 'aarch64' }, Lifecycle: { Install: { Script: '' } } },
      ],
    };
    const problems = validateComponentRecipe(broken, { requiredPlatforms: ['linux/x86_64'] });
    const byField = problems.map((p) => `${p.field}: ${p.message}`);
    expect(byField).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\(recipe\)\.Manifest: is not a recipe field/),
      expect.stringMatching(/^RecipeFormatVersion: must be '2020-01-25'/),
      expect.stringMatching(/^ComponentName: uses the aws\.greengrass prefix/),
      expect.stringMatching(/^ComponentVersion: must be a semantic version/),
      expect.stringMatching(/^ComponentPublisher: is required/),
      expect.stringMatching(/accessControl\.aws\.greengrass\.ipc\.pubsub\.x:pubsub:1\.operations: is not a aws\.greengrass\.ipc\.pubsub operation/),
      expect.stringMatching(/accessControl\.aws\.greengrass\.ipc\.pubsub\.x:pubsub:1\.resources: uses an MQTT wildcard/),
      expect.stringMatching(/^ComponentDependencies\.aws\.greengrass\.Nucleus\.VersionRequirement: must be an npm-style/),
      expect.stringMatching(/^ComponentDependencies\.aws\.greengrass\.Nucleus\.DependencyType: must be HARD or SOFT/),
      expect.stringMatching(/^Manifests\[0\]\.Platform: is missing, so this manifest matches every device and hides/),
      expect.stringMatching(/^Manifests\[1\]\.Lifecycle\.Run: points at \/treshold, which the DefaultConfiguration does not define/),
      expect.stringMatching(/^Manifests\[1\]\.Lifecycle\.Run: is not a recipe variable/),
      expect.stringMatching(/^Manifests\[1\]\.Lifecycle\.Startup\.Skipif: must be 'onpath <runnable>' or 'exists <file>'/),
      expect.stringMatching(/^Manifests\[1\]\.Lifecycle\.Startup\.Timeout: must be a positive whole number/),
      expect.stringMatching(/^Manifests\[1\]\.Lifecycle\.Startup: cannot be combined with Run/),
      expect.stringMatching(/^Manifests\[1\]\.Artifacts\[0\]\.URI: must be an s3:\/\/bucket\/key URI/),
      expect.stringMatching(/^Manifests\[1\]\.Artifacts\[1\]\.URI: must be an s3:\/\/bucket\/key URI/),
      expect.stringMatching(/^Manifests\[1\]\.Artifacts\[1\]\.Unarchive: must be NONE or ZIP/),
      expect.stringMatching(/^Manifests\[1\]\.Artifacts\[3\]\.URI: has the same file name as Manifests\[1\]\.Artifacts\[2\]/),
      expect.stringMatching(/^Manifests\[1\]\.Artifacts\[3\]\.Permission\.Read: must be one of NONE, OWNER, ALL/),
      expect.stringMatching(/^Manifests\[2\]\.Platform: repeats Manifests\[1\]\.Platform/),
      expect.stringMatching(/^Manifests\[2\]\.Lifecycle\.Install\.Script: is required/),
    ]));
    // The catch-all first manifest matches x86_64 devices, so the platform requirement itself holds.
    expect(problems).toHaveLength(22);
    expect(problems.every((p) => p.fix.length > 0)).toBe(true);
  });

  test('GIVEN a broken recipe WHEN asserted THEN one error names the component and lists all problems', () => {
    const broken: ComponentRecipe = { ...valid, ComponentVersion: 'v2', ComponentPublisher: ' ' };
    expect(() => assertValidComponentRecipe(broken)).toThrow(/^Greengrass recipe com\.example\.SensorAnomaly@v2 has 2 problems:\n- ComponentVersion \('v2'\).*\n- ComponentPublisher/);
  });

  test.each([
    ['not an object', '(recipe)', 'RecipeFormatVersion: 2020-01-25'],
    ['without manifests', 'Manifests', { ...valid, Manifests: [] }],
    ['with a dependency prefix that is not a dependency', 'Manifests[0].Lifecycle.Run', { ...valid, Manifests: [{ ...valid.Manifests[0]!, Lifecycle: { Run: 'echo {com.example.Other:configuration:/x}' } }] }],
  ])('GIVEN a recipe %s THEN the problem is at %s', (_case, field, recipe) => {
    expect(validateComponentRecipe(recipe).map((p) => p.field)).toContain(field);
  });

  test('GIVEN regex and wildcard platform values THEN they match the required platforms', () => {
    const recipe = { ...valid, Manifests: [{ ...valid.Manifests[0]!, Platform: { os: 'linux', architecture: '/amd64|aarch64/' } }] };
    expect(validateComponentRecipe(recipe, { requiredPlatforms: ['linux/x86_64', 'linux/aarch64'] })).toEqual([]);
    const star = { ...valid, Manifests: [{ ...valid.Manifests[0]!, Platform: { os: '*' } }] };
    expect(validateComponentRecipe(star, { requiredPlatforms: ['linux/aarch64'] })).toEqual([]);
  });
});
