/**
 * Checks the `target` section of a spec: the kind, and each kind's own settings (field, value, fix for every problem).
 */
import type { RuntimeEngine, TargetSpec } from './types';
import { LLM_ENGINES } from './types';
import { checkUnknownKeys, isInteger, NAME_PATTERN, oneOf, optionalIntegers, optionalTypes, type Check } from './field-checks';
import { targetCloudProblems } from './targets';

const TARGET_KINDS = ['lambda', 'sagemaker', 'eks', 'greengrass', 'batch', 'streaming', 'gke', 'aks', 'kubernetes', 'vertex-ai', 'azureml', 'huggingface-endpoint'] as const;

/** Problems of the target section; `engine` is the spec's runtime engine (some targets refuse some engines). */
export function checkTarget(p: Check, target: Record<string, unknown>, engine: unknown): void {
  if (!oneOf(p, 'target.kind', target.kind, TARGET_KINDS)) return;
  const t = target as TargetSpec;
  switch (t.kind) {
    case 'lambda':
      checkUnknownKeys(p, 'target', target, ['kind', 'memoryMb', 'timeoutSeconds', 'architecture', 'reservedConcurrency', 'provisionedConcurrency']);
      optionalIntegers(p, 'target', target, { memoryMb: [128, 10240], timeoutSeconds: [1, 900], reservedConcurrency: [0, 10000], provisionedConcurrency: [0, 10000] });
      if (t.architecture !== undefined) oneOf(p, 'target.architecture', t.architecture, ['arm64', 'x86_64']);
      p.check(!LLM_ENGINES.includes(engine as RuntimeEngine), 'runtime.engine', engine, 'LLM engines need GPUs and cannot run on Lambda', "use target.kind 'sagemaker' or 'eks', or a small model with engine onnxruntime");
      break;
    case 'sagemaker':
      checkUnknownKeys(p, 'target', target, ['kind', 'mode', 'instanceType', 'serverlessMemoryMb', 'serverlessMaxConcurrency', 'serverlessProvisionedConcurrency']);
      oneOf(p, 'target.mode', t.mode, ['realtime', 'serverless', 'async', 'multi-model']);
      if (t.instanceType !== undefined) {
        p.check(typeof t.instanceType === 'string' && t.instanceType.startsWith('ml.'), 'target.instanceType', t.instanceType, 'must be a SageMaker ml.* instance type',
          typeof t.instanceType === 'string' && t.instanceType !== '' ? `use 'ml.${t.instanceType.replace(/^ml\./, '')}'` : "e.g. 'ml.g5.2xlarge' (see aimd catalogue --list instances)");
      }
      if (t.serverlessMemoryMb !== undefined) {
        p.check([1024, 2048, 3072, 4096, 5120, 6144].includes(t.serverlessMemoryMb), 'target.serverlessMemoryMb', t.serverlessMemoryMb,
          'must be 1024-6144 MB in 1024 MB steps', 'use 1024, 2048, 3072, 4096, 5120 or 6144');
      }
      optionalIntegers(p, 'target', target, { serverlessMaxConcurrency: [1, 200], serverlessProvisionedConcurrency: [1, 200] });
      if (isInteger(t.serverlessProvisionedConcurrency) && (t.serverlessMaxConcurrency === undefined || isInteger(t.serverlessMaxConcurrency))) {
        const max = t.serverlessMaxConcurrency ?? 5;
        p.check(t.serverlessProvisionedConcurrency <= max, 'target.serverlessProvisionedConcurrency', t.serverlessProvisionedConcurrency,
          `must not exceed target.serverlessMaxConcurrency (${max})`, `lower it to ${max} or raise the max concurrency`);
      }
      if (t.mode === 'serverless') {
        p.check(!LLM_ENGINES.includes(engine as RuntimeEngine), 'target.mode', t.mode, 'serverless inference has no GPUs, so LLM engines cannot run on it', "use mode 'realtime' or 'async'");
      }
      break;
    case 'eks':
      checkUnknownKeys(p, 'target', target, ['kind', 'capacity', 'accelerator', 'instanceType', 'namespace', 'capacityReservationId', 'gpuSharing']);
      if (t.gpuSharing !== undefined) oneOf(p, 'target.gpuSharing', t.gpuSharing, ['none', 'mig']);
      if (t.capacity !== undefined) oneOf(p, 'target.capacity', t.capacity, ['karpenter', 'auto-mode', 'managed-nodegroup']);
      optionalTypes(p, 'target', target, { accelerator: 'string', instanceType: 'string' });
      if (t.namespace !== undefined) {
        p.check(typeof t.namespace === 'string' && NAME_PATTERN.test(t.namespace), 'target.namespace', t.namespace, 'must be a DNS-1123 label', 'use lower-case letters, digits and -');
      }
      if (t.capacityReservationId !== undefined) {
        p.check(typeof t.capacityReservationId === 'string' && /^cr-[0-9a-f]{8,17}$/.test(t.capacityReservationId), 'target.capacityReservationId', t.capacityReservationId,
          'must look like cr-0123456789abcdef0', 'copy the id from the EC2 console or `aws ec2 describe-capacity-reservations`');
      }
      break;
    case 'greengrass':
      checkUnknownKeys(p, 'target', target, ['kind', 'thingGroupName', 'platforms']);
      p.check(typeof t.thingGroupName === 'string' && /^[a-zA-Z0-9:_-]{1,128}$/.test(t.thingGroupName), 'target.thingGroupName', t.thingGroupName,
        'is required: 1-128 letters, digits, :, _ or -', 'name the IoT thing group of the devices');
      if (t.platforms !== undefined) {
        p.check(Array.isArray(t.platforms) && t.platforms.length > 0 && t.platforms.every((x) => x === 'linux/x86_64' || x === 'linux/aarch64'),
          'target.platforms', t.platforms, 'must be a non-empty list of linux/x86_64 and/or linux/aarch64', 'list the device platforms');
      }
      break;
    case 'batch':
      checkUnknownKeys(p, 'target', target, ['kind', 'executor', 'schedule', 'maxConcurrency']);
      if (t.executor !== undefined) oneOf(p, 'target.executor', t.executor, ['lambda', 'sagemaker-batch-transform']);
      if (t.schedule !== undefined) {
        p.check(typeof t.schedule === 'string' && /^(rate|cron)\(.+\)$/.test(t.schedule), 'target.schedule', t.schedule, 'must be an EventBridge rate(...) or cron(...) expression', "e.g. 'rate(1 day)' or 'cron(0 2 * * ? *)'");
      }
      optionalIntegers(p, 'target', target, { maxConcurrency: [1, 10000] });
      break;
    case 'streaming':
      checkUnknownKeys(p, 'target', target, ['kind', 'source', 'batchSize', 'maxBatchingWindowSeconds', 'sink']);
      if (t.source !== undefined) oneOf(p, 'target.source', t.source, ['kinesis', 'sqs']);
      if (t.sink !== undefined) oneOf(p, 'target.sink', t.sink, ['kinesis', 'sqs', 'eventbridge']);
      optionalIntegers(p, 'target', target, { batchSize: [1, 10000], maxBatchingWindowSeconds: [0, 300] });
      break;
    case 'gke':
    case 'aks':
    case 'kubernetes':
      checkUnknownKeys(p, 'target', target, ['kind', 'cloud', 'accelerator', 'instanceType', 'namespace', ...(t.kind === 'kubernetes' ? ['kubeContext'] : [])]);
      optionalTypes(p, 'target', target, { accelerator: 'string', instanceType: 'string', kubeContext: 'string' });
      if (t.namespace !== undefined) {
        p.check(typeof t.namespace === 'string' && NAME_PATTERN.test(t.namespace), 'target.namespace', t.namespace, 'must be a DNS-1123 label', 'use lower-case letters, digits and -');
      }
      for (const problem of targetCloudProblems(t.kind, t.cloud)) p.add(problem.field, problem.value, problem.message, problem.fix);
      break;
    case 'vertex-ai':
    case 'azureml':
    case 'huggingface-endpoint':
      checkUnknownKeys(p, 'target', target, ['kind', 'cloud', 'instanceType', ...(t.kind === 'huggingface-endpoint' ? ['scaleToZeroAfterMinutes', 'namespace', 'access', 'privateLinkAccountId'] : [])]);
      optionalTypes(p, 'target', target, { instanceType: 'string', namespace: 'string', privateLinkAccountId: 'string' });
      if (t.kind === 'huggingface-endpoint' && t.access !== undefined) oneOf(p, 'target.access', t.access, ['protected', 'private', 'public']);
      optionalIntegers(p, 'target', target, { scaleToZeroAfterMinutes: [0, 10080] });
      for (const problem of targetCloudProblems(t.kind, t.cloud)) p.add(problem.field, problem.value, problem.message, problem.fix);
      break;
  }
}
