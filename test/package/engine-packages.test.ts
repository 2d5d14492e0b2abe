import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertPackagesInstalled, ENGINE_PACKAGES, MissingPackageError, ONNX_RUNTIME_PACKAGE } from '../../lib/engine-packages';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

describe('engine packages are optional peers', () => {
  const enginePackages = [...new Set([...Object.values(ENGINE_PACKAGES).flat(), ONNX_RUNTIME_PACKAGE])];

  test.each(enginePackages)('%s is an optional peer dependency, installed here as a dev dependency, never a hard one', (name) => {
    expect(manifest.peerDependencies[name]).toBeDefined();
    expect(manifest.peerDependenciesMeta[name]).toEqual({ optional: true });
    expect(manifest.devDependencies[name]).toBe(manifest.peerDependencies[name]);
    expect(manifest.dependencies[name]).toBeUndefined();
  });

  test('GIVEN missing packages WHEN an entry point checks them THEN one error names each and the install command', () => {
    const check = () => assertPackagesInstalled(['aws-cdk-lib', 'no-such-engine', '@no/such-provider'], "'ai-model-deployment/cdk'");
    expect(check).toThrow(MissingPackageError);
    expect(check).toThrow("'ai-model-deployment/cdk' needs 'no-such-engine', '@no/such-provider', not installed. Fix: npm install no-such-engine @no/such-provider");
  });

  test('GIVEN every engine package installed (as here) THEN the checks pass', () => {
    for (const packages of Object.values(ENGINE_PACKAGES)) expect(() => assertPackagesInstalled(packages, 'x')).not.toThrow();
  });
});
