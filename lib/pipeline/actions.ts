/**
 * The third-party actions generated workflows use, each pinned to a full major tag.
 *
 * Versions checked 2026-12-02 against the actions' release threads (Node 24 majors; GitHub forces Node 24
 * since 2026-06-02 and removes Node 20 from runners on 2026-09-16, per the deprecation notice quoted in
 * those threads): actions/checkout v6.0.0 (2025-11), actions/setup-node v6 (2025-10),
 * aws-actions/configure-aws-credentials v6 (v5 still ran on Node 20), hashicorp/setup-terraform v4.0.0
 * (Node 24), pulumi/actions v7 (Node 24), actions/github-script v8 (Node 24).
 * A major tag moves with patch releases; teams that need immutability replace each tag by the commit SHA
 * of that release (see docs/delivery.md), which the linter accepts as well.
 */

export interface PinnedAction {
  /** `owner/repo` (optionally `/path`). */
  readonly repository: string;
  /** Tag or commit SHA. */
  readonly version: string;
}

export const ACTIONS = {
  checkout: { repository: 'actions/checkout', version: 'v6' },
  setupNode: { repository: 'actions/setup-node', version: 'v6' },
  configureAwsCredentials: { repository: 'aws-actions/configure-aws-credentials', version: 'v6' },
  setupTerraform: { repository: 'hashicorp/setup-terraform', version: 'v4' },
  pulumi: { repository: 'pulumi/actions', version: 'v7' },
  githubScript: { repository: 'actions/github-script', version: 'v8' },
} as const satisfies Record<string, PinnedAction>;

/** `owner/repo@version`, the value of a step's `uses:`. */
export function uses(action: PinnedAction): string {
  return `${action.repository}@${action.version}`;
}
