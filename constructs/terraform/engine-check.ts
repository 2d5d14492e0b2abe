/** Runs first when `ai-model-deployment/terraform` is imported: names the missing engine packages, if any. */
import { assertPackagesInstalled, ENGINE_PACKAGES } from '../../lib/engine-packages';

assertPackagesInstalled(ENGINE_PACKAGES.terraform, "'ai-model-deployment/terraform'");
