/**
 * Lifecycle: walk create, update, scale-out, scale-in and delete as the cloud will, and check each step has what it
 * needs: controllers hold the IAM actions their finalizers call (a NodeClass or Ingress whose finalizer cannot
 * finish hangs `delete` forever), Helm waits end before the caller that waits for Helm gives up, managed node
 * groups have something that grows them, GPU nodes can be replaced to be patched, and Terraform state lives
 * somewhere shared and locked.
 */
import type { ValidationFinding } from '../types';
import type { DeploymentFacts, PolicyFact } from './facts';
import { podShape, workloadsOf } from './workloads';

const RULE = 'deployability/lifecycle';

/** Seconds left between Helm's own timeout and its caller's, so that Helm's answer (or error) gets back. */
export const HELM_TIMEOUT_MARGIN_SECONDS = 60;

/**
 * Controllers whose finalizers call AWS, recognised by an action only they need, and the actions the finalizers use.
 * Karpenter: the EC2NodeClass finalizer deletes the instance profiles it created, which it finds by listing them
 * (`iam:ListInstanceProfiles`, `AllowUnscopedInstanceProfileListAction` in the reference policy of
 * aws/karpenter-provider-aws v1.11, getting-started cloudformation.yaml); the NodeClaim finalizer terminates the
 * instance. AWS Load Balancer Controller: the Ingress finalizer deletes the ALB, its target groups and security
 * groups (its published iam_policy.json).
 */
const FINALIZER_ACTIONS: ReadonlyArray<{ readonly controller: string; readonly signature: string; readonly actions: readonly string[] }> = [
  {
    controller: 'Karpenter',
    signature: 'iam:CreateInstanceProfile',
    actions: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate', 'ec2:DescribeInstances', 'iam:GetInstanceProfile', 'iam:ListInstanceProfiles', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile'],
  },
  {
    controller: 'AWS Load Balancer Controller',
    signature: 'elasticloadbalancing:CreateLoadBalancer',
    actions: ['elasticloadbalancing:DeleteLoadBalancer', 'elasticloadbalancing:DeleteTargetGroup', 'ec2:DeleteSecurityGroup'],
  },
];

function allowedActions(policy: PolicyFact): string[] {
  return policy.statements
    .filter((s) => s.Effect === 'Allow' || s.effect === 'Allow')
    .flatMap((s) => {
      const a = s.Action ?? s.actions;
      return Array.isArray(a) ? (a as string[]) : typeof a === 'string' ? [a] : [];
    });
}

function allows(actions: readonly string[], action: string): boolean {
  const [service] = action.split(':');
  return actions.some((a) => a === action || a === '*' || a === `${service}:*` || (a.endsWith('*') && action.startsWith(a.slice(0, -1))));
}

function finalizerFindings(facts: DeploymentFacts): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  for (const policy of facts.policies) {
    const actions = allowedActions(policy);
    for (const c of FINALIZER_ACTIONS) {
      if (!allows(actions, c.signature)) continue;
      const missing = c.actions.filter((a) => !allows(actions, a));
      if (missing.length > 0) {
        out.push({ engine: facts.engine, resource: policy.resource, rule: RULE, severity: 'error',
          message: `the ${c.controller} policy lacks ${missing.join(', ')}: its finalizers cannot finish and deleting the objects they guard hangs. Fix: add the actions of the controller's reference policy` });
      }
    }
  }
  return out;
}

function helmTimeoutFindings(facts: DeploymentFacts): ValidationFinding[] {
  return facts.helmReleases
    .filter((h) => h.callerLimitSeconds !== undefined && h.timeoutSeconds !== undefined && h.timeoutSeconds > h.callerLimitSeconds - HELM_TIMEOUT_MARGIN_SECONDS)
    .map((h) => ({ engine: facts.engine, resource: h.resource, rule: RULE, severity: 'error' as const,
      message: `Helm waits up to ${h.timeoutSeconds}s for '${h.chart}' but its caller gives up after ${h.callerLimitSeconds}s: a slow install fails without Helm's answer and leaves the release half-done. Fix: a Helm timeout of at most ${h.callerLimitSeconds! - HELM_TIMEOUT_MARGIN_SECONDS}s` }));
}

/** Managed node groups that must grow (maxSize > minSize) need an autoscaler; a NodePool scales by itself. */
function nodeGroupScalingFindings(facts: DeploymentFacts): ValidationFinding[] {
  const autoscaler = facts.helmReleases.some((h) => h.chart === 'cluster-autoscaler');
  if (autoscaler) return [];
  return facts.nodeGroups
    .filter((g) => g.maxSize > g.minSize && g.labels['nvidia.com/gpu.present'] === 'true')
    .map((g) => ({ engine: facts.engine, resource: g.resource, rule: RULE, severity: 'error' as const,
      message: `the GPU node group may grow from ${g.minSize} to ${g.maxSize} nodes but nothing grows it (no Cluster Autoscaler): scaled-out replicas stay Pending. Fix: install the Cluster Autoscaler, or use Karpenter / Auto Mode` }));
}

/**
 * GPU nodes must be replaceable to be patched: a NodePool whose nodes never expire, serving pods that forbid
 * voluntary disruption, and no maintenance window (a disruption budget with a schedule) means nodes run their first
 * AMI forever.
 */
function patchingFindings(facts: DeploymentFacts): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  const pools = (facts.kubeObjects as ReadonlyArray<Record<string, any>>).filter((o) => o.kind === 'NodePool');
  const shapes = workloadsOf(facts.kubeObjects).flatMap((w) => w.templates.map(podShape));
  for (const pool of pools) {
    const name = pool.metadata.name as string;
    const pinned = shapes.filter((s) => s.nodeSelector['karpenter.sh/nodepool'] === name);
    const neverExpires = pool.spec?.template?.spec?.expireAfter === 'Never';
    const doNotDisrupt = pinned.length > 0 && pinned.every((s) => s.annotations['karpenter.sh/do-not-disrupt'] === 'true');
    const window = ((pool.spec?.disruption?.budgets ?? []) as Array<{ schedule?: string }>).some((b) => b.schedule !== undefined);
    if (neverExpires && (doNotDisrupt || !window)) {
      out.push({ engine: facts.engine, resource: `NodePool/${name}`, rule: RULE, severity: 'error',
        message: `nodes never expire${doNotDisrupt ? ' and every pod on them is do-not-disrupt' : ''}${window ? '' : ', with no maintenance window'}: they are never replaced, so never patched. Fix: let drift/expiry replace them inside a maintenance window (a disruption budget with a schedule)` });
    } else if (doNotDisrupt) {
      out.push({ engine: facts.engine, resource: `NodePool/${name}`, rule: RULE, severity: 'error',
        message: 'every pod on the pool is karpenter.sh/do-not-disrupt: drift never replaces a node. Fix: drop the annotation and let a PodDisruptionBudget plus a maintenance window pace replacements' });
    } else if (!window) {
      out.push({ engine: facts.engine, resource: `NodePool/${name}`, rule: RULE, severity: 'error',
        message: 'no maintenance window: drift may replace a serving GPU node at any hour. Fix: a disruption budget with nodes "0" outside a schedule' });
    }
  }
  return out;
}

/** Terraform state must be shared and locked, and never name a path of the machine that synthesized it. */
function stateBackendFindings(facts: DeploymentFacts): ValidationFinding[] {
  const backend = facts.stateBackend;
  if (!backend) return [];
  const path = backend.config.path;
  if (backend.type === 'local' && typeof path === 'string' && path.startsWith('/')) {
    return [{ engine: facts.engine, resource: 'terraform.backend.local', rule: RULE, severity: 'error',
      message: `the state file is the absolute path '${path}' of the machine that synthesized the stack: not portable, not shared, not locked. Fix: an S3 backend with locking (AIMD_TF_STATE_BUCKET), or AIMD_TF_BACKEND=local for a relative local state` }];
  }
  if (backend.type === 's3' && backend.config.use_lockfile !== true && backend.config.dynamodb_table === undefined) {
    return [{ engine: facts.engine, resource: 'terraform.backend.s3', rule: RULE, severity: 'error',
      message: 'the S3 backend has no locking: two applies can corrupt the state. Fix: use_lockfile = true (Terraform 1.10+)' }];
  }
  return [];
}

/**
 * Update of a SageMaker endpoint: UpdateEndpoint sizes canary and linear steps in whole instances of the variant; a
 * canary must be at least one instance and at most half the new fleet ("Use canary traffic shifting"; CapacitySize
 * Value minimum 1). A 10 % canary of one instance is neither.
 */
function endpointUpdateFindings(facts: DeploymentFacts): ValidationFinding[] {
  const out: ValidationFinding[] = [];
  for (const u of facts.endpointUpdates) {
    if (!u.step || u.instances === undefined || (u.routing !== 'CANARY' && u.routing !== 'LINEAR')) continue;
    const instances = u.step.type === 'INSTANCE_COUNT' ? u.step.value : (u.step.value * u.instances) / 100;
    const most = u.routing === 'CANARY' ? u.instances / 2 : u.instances - 1;
    if (instances < 1 || instances > most) {
      out.push({ engine: facts.engine, resource: u.resource, rule: RULE, severity: 'error',
        message: `a ${u.routing.toLowerCase()} step of ${u.step.value}${u.step.type === 'INSTANCE_COUNT' ? ' instance(s)' : ' %'} on a ${u.instances}-instance variant is ${instances.toFixed(2)} instance(s): it must be at least 1 and at most ${u.routing === 'CANARY' ? 'half the fleet' : 'one less than the fleet'}. Fix: size the step in instances, add instances, or update all at once` });
    }
  }
  return out;
}

/** Lifecycle findings of one engine's output. */
export function checkLifecycle(facts: DeploymentFacts): ValidationFinding[] {
  return [...finalizerFindings(facts), ...helmTimeoutFindings(facts), ...nodeGroupScalingFindings(facts), ...patchingFindings(facts), ...stateBackendFindings(facts), ...endpointUpdateFindings(facts)];
}
