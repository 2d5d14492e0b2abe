/**
 * The engine packages are optional peer dependencies: a CDK user installs CDK, not cdktf or Pulumi. Each
 * engine entry point checks its packages first and names, in one error, what to install.
 */
import { dirname } from 'node:path';

/** What each entry point needs besides this package's own dependencies. */
export const ENGINE_PACKAGES = {
  cdk: ['aws-cdk-lib', 'constructs', 'cdk-nag', '@cdklabs/cdk-validator-cfnguard', '@aws-cdk/lambda-layer-kubectl-v36'],
  terraform: ['cdktf', 'constructs', '@cdktf/provider-aws', '@cdktf/provider-kubernetes', '@cdktf/provider-helm'],
  pulumi: ['@pulumi/pulumi', '@pulumi/aws', '@pulumi/kubernetes', '@pulumi/aws-native'],
  validation: ['aws-cdk-lib', 'constructs', 'cdk-nag', '@cdklabs/cdk-validator-cfnguard'],
} as const satisfies Record<string, readonly string[]>;

/** Needed only to synthesize targets that run ONNX models (Lambda, batch, streaming, Greengrass). */
export const ONNX_RUNTIME_PACKAGE = 'onnxruntime-web';

/** Thrown when an entry point is used without the packages it needs. */
export class MissingPackageError extends Error {
  constructor(public readonly packages: readonly string[], usedFor: string) {
    super(`${usedFor} needs ${packages.map((p) => `'${p}'`).join(', ')}, not installed. Fix: npm install ${packages.join(' ')}`);
    this.name = 'MissingPackageError';
  }
}

function resolves(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** @throws MissingPackageError naming every missing package and the install command */
export function assertPackagesInstalled(packages: readonly string[], usedFor: string): void {
  const missing = packages.filter((name) => !resolves(name));
  if (missing.length > 0) throw new MissingPackageError(missing, usedFor);
}

/** The folder of `onnxruntime-web`'s entry file. @throws MissingPackageError when it is not installed */
export function onnxRuntimeDistDir(usedFor: string): string {
  assertPackagesInstalled([ONNX_RUNTIME_PACKAGE], usedFor);
  return dirname(require.resolve(ONNX_RUNTIME_PACKAGE));
}
