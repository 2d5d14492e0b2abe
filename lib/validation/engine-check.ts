/** Runs first when `ai-model-deployment/validation` is imported: names the missing CDK packages, if any. */
import { assertPackagesInstalled, ENGINE_PACKAGES } from '../engine-packages';

assertPackagesInstalled(ENGINE_PACKAGES.validation, "'ai-model-deployment/validation'");
