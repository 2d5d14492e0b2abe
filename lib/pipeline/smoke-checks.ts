/**
 * Post-deploy smoke checks: one short, honest request per target kind, run by the generated workflow
 * after each environment's deploy. They prove the release answers; load tests and SLO checks are a
 * separate stage. Pure: the steps are derived from the validated spec and the names every engine uses.
 */
import { serverlessResourceNames } from '../inference/deployment/names';
import { HTTP_PORT } from '../kubernetes/labels';
import { canaryWeights } from '../kubernetes/rollout-capacity';
import type { DeploymentSpec } from '../spec/types';
import type { WorkflowStep } from './workflow';

/** How long the checks may wait for a release to settle before failing the job. */
const ROLLOUT_TIMEOUT = '20m';

// Lambda and batch/streaming function names do not depend on the account; any 12 digits will do.
const ANY_ACCOUNT = '000000000000';

function bash(lines: readonly string[]): string {
  return ['set -euo pipefail', ...lines].join('\n');
}

/**
 * Waits for an Argo Rollouts canary to finish: `Healthy` once the new version is promoted (and the controller has
 * seen this generation), a failure as soon as it is `Degraded` (the analysis or the progress deadline aborted it and
 * traffic is back on the stable version). Phases and "rely on the phase only once status.observedGeneration equals
 * metadata.generation": argo-rollouts pkg/apis/rollouts/v1alpha1/types.go (v1.9.0, read 2026-12-03). The wait covers every pause of the steps on top of the usual start-up time.
 */
function argoRolloutWait(namespace: string, spec: DeploymentSpec): string[] {
  const r = spec.rollout;
  const steps = canaryWeights(r.strategy === 'linear' ? 'linear' : 'canary', r.canaryPercent, r.linearStepPercent).length;
  const polls = ((steps * r.intervalMinutes) + parseInt(ROLLOUT_TIMEOUT, 10)) * 6;
  const get = (path: string) => `kubectl -n '${namespace}' get rollouts.argoproj.io '${spec.name}' -o jsonpath='${path}'`;
  return [
    `  for _ in $(seq 1 ${polls}); do`,
    `    phase="$(${get('{.status.phase}')})"; seen="$(${get('{.status.observedGeneration}')})"; generation="$(${get('{.metadata.generation}')})"`,
    '    if [ "${seen}" = "${generation}" ] && [ "${phase}" = Healthy ]; then break; fi',
    `    if [ "\${phase}" = Degraded ]; then echo "rollout aborted: $(${get('{.status.message}')})"; exit 1; fi`,
    '    sleep 10',
    '  done',
    '  test "${phase}" = Healthy',
  ];
}

/** The smoke-check steps for a deployment, in order; each fails the job on a bad answer. */
export function smokeCheckSteps(spec: DeploymentSpec): WorkflowStep[] {
  const target = spec.target;
  switch (target.kind) {
    case 'lambda': {
      const names = serverlessResourceNames(spec.name, ANY_ACCOUNT, spec.region);
      // The HTTP API passes API Gateway v2 events; a GET describes the model, which loads it from S3.
      const event = JSON.stringify({ version: '2.0', routeKey: 'GET /schema', rawPath: '/schema', requestContext: { http: { method: 'GET', path: '/schema' } } });
      return [{
        name: `Smoke check: GET /schema through the ${names.aliasName} alias`,
        run: bash([
          `aws lambda invoke --function-name '${names.functionName}' --qualifier '${names.aliasName}' --cli-binary-format raw-in-base64-out --payload '${event}' smoke-response.json`,
          'status="$(jq -r .statusCode smoke-response.json)"',
          'echo "statusCode=${status}"',
          'test "${status}" = 200',
        ]),
      }];
    }
    case 'sagemaker': {
      const endpoint = spec.name;
      const steps: WorkflowStep[] = [{
        name: `Smoke check: endpoint ${endpoint} is InService`,
        run: bash([`aws sagemaker wait endpoint-in-service --endpoint-name '${endpoint}'`, `aws sagemaker describe-endpoint --endpoint-name '${endpoint}' --query '{status: EndpointStatus, config: EndpointConfigName}'`]),
      }];
      // Async endpoints take S3 inputs and multi-model endpoints need a TargetModel: the status is the check.
      if ((target.mode === 'realtime' || target.mode === 'serverless') && spec.model.task === 'text-generation') {
        const body = JSON.stringify({ inputs: 'Say OK.', parameters: { max_new_tokens: 8 } });
        steps.push({
          name: 'Smoke check: one short generation',
          run: bash([
            `aws sagemaker-runtime invoke-endpoint --endpoint-name '${endpoint}' --content-type application/json --cli-binary-format raw-in-base64-out --body '${body}' smoke-response.json`,
            'jq -e . smoke-response.json',
          ]),
        });
      }
      return steps;
    }
    case 'eks': {
      const namespace = target.namespace ?? spec.name;
      const cluster = spec.name;
      return [{
        name: `Smoke check: ${spec.name} rolled out and answers /v1/models`,
        run: bash([
          `aws eks update-kubeconfig --name '${cluster}' --region '${spec.region}'`,
          // Single-node serving is a Deployment, or an Argo Rollouts Rollout (canary/linear); multi-node a LeaderWorkerSet.
          `if kubectl -n '${namespace}' get deployment '${spec.name}' >/dev/null 2>&1; then`,
          `  kubectl -n '${namespace}' rollout status deployment/'${spec.name}' --timeout=${ROLLOUT_TIMEOUT}`,
          `elif kubectl -n '${namespace}' get rollouts.argoproj.io '${spec.name}' >/dev/null 2>&1; then`,
          ...argoRolloutWait(namespace, spec),
          'else',
          `  kubectl -n '${namespace}' wait leaderworkerset/'${spec.name}' --for=condition=Available --timeout=${ROLLOUT_TIMEOUT}`,
          'fi',
          `kubectl -n '${namespace}' port-forward service/'${spec.name}' 18000:${HTTP_PORT} >port-forward.log 2>&1 &`,
          'trap \'kill $!\' EXIT',
          'for _ in $(seq 1 30); do curl -fsS http://127.0.0.1:18000/v1/models -o smoke-response.json && break; sleep 2; done',
          'jq -e \'.data | length > 0\' smoke-response.json',
        ]),
      }];
    }
    case 'batch':
    case 'streaming': {
      const names = serverlessResourceNames(spec.name, ANY_ACCOUNT, spec.region);
      return [{
        name: `Smoke check: ${names.functionName}:${names.aliasName} is active`,
        run: bash([
          `state="$(aws lambda get-function-configuration --function-name '${names.functionName}' --qualifier '${names.aliasName}' --query '[State, LastUpdateStatus]' --output text)"`,
          'echo "${state}"',
          'test "${state}" = "Active	Successful"',
        ]),
      }];
    }
    case 'greengrass': {
      return [{
        name: `Smoke check: latest Greengrass deployment to ${target.thingGroupName} did not fail`,
        run: bash([
          'account="$(aws sts get-caller-identity --query Account --output text)"',
          `arn="arn:aws:iot:${spec.region}:\${account}:thinggroup/${target.thingGroupName}"`,
          'status="$(aws greengrassv2 list-deployments --target-arn "${arn}" --history-filter LATEST_ONLY --query \'deployments[0].deploymentStatus\' --output text)"',
          'echo "deploymentStatus=${status}"',
          'case "${status}" in ACTIVE|COMPLETED) ;; *) exit 1 ;; esac',
        ]),
      }];
    }
    default:
      // Validation refuses targets without a spec renderer, so no workflow is generated for them.
      throw new Error(`no smoke check for target.kind '${target.kind}': it has no spec renderer`);
  }
}

