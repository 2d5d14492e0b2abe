/**
 * Checks `monitoring.managedPrometheus` (Amazon Managed Service for Prometheus export of an EKS cluster's metrics,
 * lib/eks/managed-prometheus.ts). Problems are collected, never thrown here.
 */
import type { ProblemCollector } from '../errors';
import { isPlainObject, checkUnknownKeys } from './field-checks';

/**
 * An AMP workspace ARN, `arn:<partition>:aps:<region>:<account>:workspace/<id>` ("Actions, resources, and condition keys
 * for Amazon Managed Service for Prometheus", resource type `workspace`, read 2026-12-03); groups: region, account, id.
 */
export const AMP_WORKSPACE_ARN = /^arn:aws[\w-]*:aps:([a-z0-9-]+):(\d{12}):workspace\/(ws-[A-Za-z0-9-]+)$/;

/** `true`, `{}` or `{ workspaceArn }` of the deployment's region, on EKS only. */
export function checkManagedPrometheus(p: ProblemCollector, value: unknown, targetKind: unknown, region: unknown): void {
  if (value === undefined) return;
  const field = 'monitoring.managedPrometheus';
  if (!p.check(value === true || isPlainObject(value), field, value, 'must be true or an object', 'give true to create a workspace, or { workspaceArn }')) return;
  p.check(targetKind === 'eks', field, targetKind, "is exported by the EKS cluster's OpenTelemetry collector only", "remove monitoring.managedPrometheus, or deploy to target.kind 'eks'");
  if (value === true) return;
  const v = value as Record<string, unknown>;
  checkUnknownKeys(p, field, v, ['workspaceArn']);
  if (v.workspaceArn === undefined) return;
  const arn = AMP_WORKSPACE_ARN.exec(typeof v.workspaceArn === 'string' ? v.workspaceArn : '');
  if (p.check(arn !== null, `${field}.workspaceArn`, v.workspaceArn, 'must be an AMP workspace ARN', "give 'arn:aws:aps:<region>:<account>:workspace/ws-...', or true to create a workspace")) {
    p.check(arn![1] === region, `${field}.workspaceArn`, v.workspaceArn, `must be in the deployment's region ${String(region)} (remote write is signed for that region)`,
      'use a workspace of that region, or true to create one');
  }
}
