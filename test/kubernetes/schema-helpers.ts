/** Runs the validation harness on serving objects (LeaderWorkerSet pod templates are checked as Pods by the harness). */
import type { KubeObject } from '../../lib/kubernetes/types';
import { validateKubernetesObjects } from '../../lib/validation/kubernetes';
import { errorsOf, formatFindings } from '../../lib/validation/types';

/** Error findings of all objects, formatted one per line; '' when none. */
export function schemaErrors(objects: readonly KubeObject[]): string {
  return formatFindings(errorsOf(validateKubernetesObjects(objects)));
}
