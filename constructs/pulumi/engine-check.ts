/** Runs first when `ai-model-deployment/pulumi` is imported: names the missing engine packages, if any. */
import { assertPackagesInstalled, ENGINE_PACKAGES } from '../../lib/engine-packages';

assertPackagesInstalled(ENGINE_PACKAGES.pulumi, "'ai-model-deployment/pulumi'");
