/** Runs first when `ai-model-deployment/cdk` is imported: names the missing engine packages, if any. */
import { assertPackagesInstalled, ENGINE_PACKAGES } from '../../lib/engine-packages';

assertPackagesInstalled(ENGINE_PACKAGES.cdk, "'ai-model-deployment/cdk'");
