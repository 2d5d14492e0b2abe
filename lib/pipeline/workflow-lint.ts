/**
 * actionlint-level checks on a parsed workflow, as small pure rules (the schema checks shape only):
 * pinned actions, known expression contexts, `needs` that exist, secrets kept out of scripts and logs,
 * minimal permissions, untrusted event text kept out of scripts, and environments that exist.
 * Rules follow the hazards actionlint and GitHub's security hardening guide name
 * (https://docs.github.com/en/actions/reference/security/secure-use, read 2026-12-02).
 */
import type { WorkflowFinding } from './findings';
import { validateWorkflowSchema } from './workflow-schema';

export interface WorkflowLintOptions {
  /** Environments configured in the repository; a job naming another fails. @default - any name */
  readonly environments?: readonly string[];
  /** File name used in findings. @default 'workflow' */
  readonly file?: string;
}

type Json = Record<string, any>;
type Rule = (workflow: Json, file: string, options: WorkflowLintOptions) => WorkflowFinding[];

const CONTEXTS = ['github', 'env', 'vars', 'secrets', 'inputs', 'steps', 'job', 'jobs', 'runner', 'strategy', 'matrix', 'needs'];
const FUNCTIONS = ['always', 'success', 'failure', 'cancelled', 'hashFiles', 'contains', 'startsWith', 'endsWith', 'format', 'join', 'toJSON', 'fromJSON'];
const LITERALS = ['true', 'false', 'null'];

/** A full major/semver tag or a commit SHA; branches (main, master) and partial refs are not pins. */
const PINNED_REF = /^(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;

const jobsOf = (w: Json): Array<[string, Json]> => Object.entries((w.jobs ?? {}) as Record<string, Json>);
const stepsOf = (job: Json): Json[] => (Array.isArray(job.steps) ? job.steps : []);

function finding(file: string, path: string, rule: string, message: string): WorkflowFinding {
  return { file, path, rule, message };
}

/** Every string in a value with its path, for the expression rules. */
function strings(value: unknown, path: string, out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}/${i}`, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${path}/${k}`, out);
  return out;
}

/** The expressions in a string: `${{ ... }}` bodies; an `if:` value is an expression as a whole. */
export function expressionsIn(text: string, isCondition: boolean): string[] {
  const found = [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1]!.trim());
  return found.length === 0 && isCondition ? [text] : found;
}

/** Names an expression reads at the top level (contexts and functions), string literals removed. */
export function rootNames(expression: string): string[] {
  const code = expression.replace(/'(?:[^']|'')*'/g, "''");
  return [...code.matchAll(/(?<![.\w-])([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1]!).filter((n) => !LITERALS.includes(n));
}

const pinnedActions: Rule = (w, file) => {
  const out: WorkflowFinding[] = [];
  for (const [id, job] of jobsOf(w)) {
    stepsOf(job).forEach((step, i) => {
      const ref = step.uses as string | undefined;
      if (ref === undefined || ref.startsWith('./')) return;
      const path = `/jobs/${id}/steps/${i}/uses`;
      if (ref.startsWith('docker://')) {
        if (!/[:@]/.test(ref.slice('docker://'.length))) out.push(finding(file, path, 'pinned-action', `'${ref}' has no tag or digest: pin the image`));
        return;
      }
      const [name, version] = ref.split('@');
      if (!name || !/^[\w.-]+\/[\w.-]+(\/.+)?$/.test(name)) out.push(finding(file, path, 'pinned-action', `'${ref}' is not owner/repo@version`));
      else if (version === undefined || !PINNED_REF.test(version)) out.push(finding(file, path, 'pinned-action', `'${ref}' is not pinned to a release tag (vN, vN.N.N) or a commit SHA`));
    });
  }
  return out;
};

const knownContexts: Rule = (w, file) => {
  const out: WorkflowFinding[] = [];
  for (const [path, text] of strings(w, '')) {
    const isCondition = /\/if$/.test(path);
    for (const expression of expressionsIn(text, isCondition)) {
      for (const name of rootNames(expression)) {
        if (!CONTEXTS.includes(name) && !FUNCTIONS.includes(name)) {
          out.push(finding(file, path, 'unknown-context', `'${name}' in '${expression}' is neither a context (${CONTEXTS.join(', ')}) nor a function`));
        }
      }
    }
  }
  return out;
};

const needsExist: Rule = (w, file) => {
  const out: WorkflowFinding[] = [];
  const ids = new Set(Object.keys(w.jobs ?? {}));
  for (const [id, job] of jobsOf(w)) {
    const needs: string[] = job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
    for (const need of needs) {
      if (need === id) out.push(finding(file, `/jobs/${id}/needs`, 'needs', `job '${id}' needs itself`));
      else if (!ids.has(need)) out.push(finding(file, `/jobs/${id}/needs`, 'needs', `job '${need}' does not exist (jobs: ${[...ids].join(', ')})`));
    }
    for (const [path, text] of strings(job, `/jobs/${id}`)) {
      for (const m of text.matchAll(/\bneeds\.([\w-]+)/g)) {
        if (!needs.includes(m[1]!)) out.push(finding(file, path, 'needs', `reads needs.${m[1]} but job '${id}' does not list it in needs`));
      }
    }
  }
  return out;
};

/** Secrets go to scripts through `env:`, never interpolated, and are never printed. */
const secretsNotEchoed: Rule = (w, file) => {
  const out: WorkflowFinding[] = [];
  const secretEnv = (env: unknown): string[] => Object.entries((env ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string' && /secrets\./.test(v)).map(([k]) => k);
  const workflowSecrets = secretEnv(w.env);
  for (const [id, job] of jobsOf(w)) {
    const jobSecrets = [...workflowSecrets, ...secretEnv(job.env)];
    stepsOf(job).forEach((step, i) => {
      if (typeof step.run !== 'string') return;
      const path = `/jobs/${id}/steps/${i}/run`;
      if (/\$\{\{[^}]*secrets\./.test(step.run)) out.push(finding(file, path, 'secret-in-script', 'interpolates a secret into the script: pass it through env: and read the variable'));
      if (/(^|\n|;)\s*set\s+-[a-z]*x/.test(step.run)) out.push(finding(file, path, 'secret-echo', 'set -x traces every command with its expanded arguments'));
      for (const name of [...jobSecrets, ...secretEnv(step.env)]) {
        if (new RegExp(`\\b(echo|printf|cat)\\b[^\\n]*\\$\\{?${name}\\b`).test(step.run)) out.push(finding(file, path, 'secret-echo', `prints secret variable ${name}`));
      }
    });
  }
  return out;
};

/** Text an outsider controls (PR titles, branch names...) must not be interpolated into scripts. */
const UNTRUSTED = /github\.(event\.(pull_request\.(title|body|head\.ref|head\.label)|issue\.(title|body)|comment\.body|review\.body|head_commit\.message|commits)|head_ref)/;
const noUntrustedInScripts: Rule = (w, file) => {
  const out: WorkflowFinding[] = [];
  for (const [id, job] of jobsOf(w)) {
    stepsOf(job).forEach((step, i) => {
      const texts: Array<[string, unknown]> = [[`/jobs/${id}/steps/${i}/run`, step.run], [`/jobs/${id}/steps/${i}/with/script`, step.with?.script]];
      for (const [path, text] of texts) {
        if (typeof text !== 'string') continue;
        for (const expression of expressionsIn(text, false)) {
          if (UNTRUSTED.test(expression)) out.push(finding(file, path, 'script-injection', `'${expression}' is attacker-controlled: pass it through env: instead`));
        }
      }
    });
  }
  return out;
};

const WRITE_NEEDS: Record<string, (steps: Json[]) => boolean> = {
  // The OIDC token is only for the AWS credentials action.
  'id-token': (steps) => steps.some((s) => typeof s.uses === 'string' && s.uses.startsWith('aws-actions/configure-aws-credentials@')),
  'pull-requests': (steps) => steps.some((s) => (typeof s.uses === 'string' && s.uses.startsWith('actions/github-script@')) || (typeof s.run === 'string' && /\bgh\s+pr\b/.test(s.run))),
  contents: (steps) => steps.some((s) => typeof s.run === 'string' && /\bgit\s+push\b/.test(s.run)),
};

const minimalPermissions: Rule = (w, file) => {
  const out: WorkflowFinding[] = [];
  if (w.permissions === undefined) out.push(finding(file, '/permissions', 'permissions', 'workflow has no permissions: block, so jobs get the repository default (often write-all): set permissions: {} or read scopes'));
  else if (typeof w.permissions === 'string' ? w.permissions === 'write-all' : Object.values(w.permissions).includes('write')) {
    out.push(finding(file, '/permissions', 'permissions', 'grants write at workflow level: grant write per job, to the jobs that need it'));
  }
  for (const [id, job] of jobsOf(w)) {
    const path = `/jobs/${id}/permissions`;
    if (job.permissions === 'write-all') {
      out.push(finding(file, path, 'permissions', 'write-all: list the scopes the job needs'));
      continue;
    }
    for (const [scope, level] of Object.entries((job.permissions ?? {}) as Record<string, string>)) {
      const needed = WRITE_NEEDS[scope];
      if (level === 'write' && (needed === undefined || !needed(stepsOf(job)))) out.push(finding(file, `${path}/${scope}`, 'permissions', `${scope}: write is granted but no step of job '${id}' uses it`));
    }
  }
  return out;
};

const environmentsExist: Rule = (w, file, options) => {
  if (options.environments === undefined) return [];
  const out: WorkflowFinding[] = [];
  for (const [id, job] of jobsOf(w)) {
    const env = typeof job.environment === 'string' ? job.environment : job.environment?.name;
    if (env !== undefined && !options.environments.includes(env)) out.push(finding(file, `/jobs/${id}/environment`, 'environment', `environment '${env}' is not one of ${options.environments.join(', ')}`));
  }
  return out;
};

export const WORKFLOW_LINT_RULES: Readonly<Record<string, Rule>> = {
  pinnedActions, knownContexts, needsExist, secretsNotEchoed, noUntrustedInScripts, minimalPermissions, environmentsExist,
};

/** Runs every rule; empty when the workflow passes. */
export function lintWorkflow(workflow: unknown, options: WorkflowLintOptions = {}): WorkflowFinding[] {
  const file = options.file ?? 'workflow';
  if (workflow === null || typeof workflow !== 'object') return [finding(file, '/', 'shape', 'is not a mapping')];
  return Object.values(WORKFLOW_LINT_RULES).flatMap((rule) => rule(workflow as Json, file, options));
}

/** Schema and lint findings together: what the tests and `aimd pipeline github` check. */
export function checkWorkflow(workflow: unknown, options: WorkflowLintOptions = {}): WorkflowFinding[] {
  return [...validateWorkflowSchema(workflow, options.file ?? 'workflow'), ...lintWorkflow(workflow, options)];
}
