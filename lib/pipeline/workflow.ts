/**
 * The subset of the GitHub Actions workflow syntax the generators write, as plain objects, and their
 * YAML rendering. Shapes follow https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax
 * (read 2026-12-02); the vendored JSON Schema (./schema) is the authority the tests check against.
 */
import { stringify } from 'yaml';

export type PermissionLevel = 'read' | 'write' | 'none';
export type Permissions = Readonly<Partial<Record<'contents' | 'id-token' | 'pull-requests' | 'actions' | 'checks' | 'deployments' | 'issues' | 'packages' | 'statuses', PermissionLevel>>>;

export interface WorkflowStep {
  readonly name: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly with?: Readonly<Record<string, string | number | boolean>>;
  readonly run?: string;
  readonly shell?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly 'working-directory'?: string;
  readonly 'timeout-minutes'?: number;
}

export interface WorkflowJob {
  readonly name: string;
  readonly 'runs-on': string;
  readonly if?: string;
  readonly needs?: readonly string[];
  readonly environment?: { readonly name: string; readonly url?: string };
  readonly permissions: Permissions;
  readonly concurrency?: { readonly group: string; readonly 'cancel-in-progress': boolean };
  readonly 'timeout-minutes'?: number;
  readonly env?: Readonly<Record<string, string>>;
  readonly defaults?: { readonly run: { readonly shell: string } };
  readonly steps: readonly WorkflowStep[];
}

export interface GitHubWorkflow {
  readonly name: string;
  readonly on: Readonly<Record<string, unknown>>;
  readonly permissions: Permissions;
  readonly concurrency?: { readonly group: string; readonly 'cancel-in-progress': boolean };
  readonly env?: Readonly<Record<string, string>>;
  readonly jobs: Readonly<Record<string, WorkflowJob>>;
}

/** YAML as committed under `.github/workflows/`, with a header saying where it came from. */
export function renderWorkflowYaml(workflow: GitHubWorkflow, header: readonly string[] = []): string {
  const body = stringify(workflow, { lineWidth: 0, aliasDuplicateObjects: false });
  return [...header.map((line) => `# ${line}`.trimEnd()), body].join('\n');
}
