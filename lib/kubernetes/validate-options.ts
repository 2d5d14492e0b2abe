/**
 * Checks every option of `buildLlmServingObjects` and throws once with all problems, each naming the field,
 * the value and the fix. Values that are engine tokens are not format-checked.
 */
import { CatalogueLookupError, getInstanceType } from '../catalogue';
import { ProblemCollector } from '../errors';
import { awsCloud } from './cloud/aws';
import { HTTP_PORT } from './labels';
import { isS3Source } from './model-source';
import type { LlmServingObjectsOptions } from './options';
import { validateRolloutOptions } from './rollout-settings';
import { planEnablesLora } from './serving-args';
import { isUnresolved } from './tokens';

const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const ADAPTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const HF_REPO_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const GS_URI = /^gs:\/\/[a-z0-9][a-z0-9._-]{1,220}[a-z0-9](\/.*)?$/;
/** Blob Storage: `https://<account>.blob.core.windows.net/<container>/<prefix>`. */
const BLOB_URI = /^https:\/\/[a-z0-9]{3,24}\.blob\.core\.windows\.net\/[a-z0-9][a-z0-9-]{1,61}[a-z0-9](\/.*)?$/;

function adapterUriPattern(scheme: string | undefined): RegExp {
  if (scheme === 'gs://') return GS_URI;
  if (scheme === 'https://') return BLOB_URI;
  return S3_URI;
}
/** Leaves room for `-gpu`, `-dashboard` and LWS pod names (`<name>-<group>-<worker>`) within 63 characters. */
const MAX_NAME_LENGTH = 40;

const known = (value: string) => !isUnresolved(value);

export function validateLlmServingOptions(options: LlmServingObjectsOptions): void {
  const p = new ProblemCollector();
  if (known(options.name)) {
    p.check(DNS_1035_LABEL.test(options.name) && options.name.length <= MAX_NAME_LENGTH, 'name', options.name,
      `must be a DNS-1035 label of at most ${MAX_NAME_LENGTH} characters`, "use lower-case letters, digits and '-', starting with a letter");
  }
  if (known(options.namespace)) {
    p.check(DNS_1123_LABEL.test(options.namespace) && options.namespace.length <= 63, 'namespace', options.namespace, 'must be a DNS-1123 label', "use lower-case letters, digits and '-'");
  }
  if (known(options.serviceAccountName)) {
    p.check(DNS_1123_SUBDOMAIN.test(options.serviceAccountName), 'serviceAccountName', options.serviceAccountName, 'must be a DNS-1123 subdomain', "use lower-case letters, digits, '-' and '.'");
  }
  validatePlan(p, options);
  validateModelSource(p, options);
  validateAdapters(p, options);
  validateAutoscaling(p, options);
  validateRolloutOptions(p, options.rollout);
  const exposure = options.exposure;
  if (exposure?.kind === 'alb-ingress') {
    p.check(Boolean(exposure.certificateArn), 'exposure.certificateArn', exposure.certificateArn, 'the internal ALB listens on HTTPS only and needs an ACM certificate', 'give the ARN of an ACM certificate for exposure.host');
  }
  if (exposure && known(exposure.host)) {
    p.check(DNS_1123_SUBDOMAIN.test(exposure.host), 'exposure.host', exposure.host, 'must be a lower-case DNS name', 'e.g. llm.internal.example.com');
  }
  const tag = options.imageTag;
  if (tag !== undefined) {
    p.check(tag.length > 0 && tag !== 'latest', 'imageTag', tag, 'must pin a release, never `latest`', 'use a vLLM release tag such as v0.29.0, or leave it unset');
  }
  p.throwIfAny('LLM serving objects');
}

function validatePlan(p: ProblemCollector, options: LlmServingObjectsOptions): void {
  const { plan, model } = options;
  p.check(plan.platform === 'ec2', 'plan.platform', plan.platform, 'Kubernetes serving runs on EC2 instances', 'plan with platform "ec2" (a SageMaker plan renders an endpoint instead)');
  p.check(plan.model === model.id, 'model.id', model.id, `does not match the plan's model '${plan.model}'`, 'pass the ModelArchitecture the plan was made for');
  const first = plan.engineArgs[0];
  p.check(first !== undefined && !first.startsWith('--'), 'plan.engineArgs', plan.engineArgs.slice(0, 2), 'must start with the model path, as vllmEngineArgs() writes them', 'use the plan returned by planLlmServing()');
  const portAt = plan.engineArgs.indexOf('--port');
  const port = portAt >= 0 ? plan.engineArgs[portAt + 1] : String(HTTP_PORT);
  p.check(port === String(HTTP_PORT), 'plan.engineArgs', `--port ${port}`, `the Service, probes and NetworkPolicy use port ${HTTP_PORT}`, `plan with vLLM's default port ${HTTP_PORT}`);
  let accelerators = plan.acceleratorCount;
  try {
    accelerators = getInstanceType(plan.instanceType).acceleratorCount;
  } catch (error) {
    if (!(error instanceof CatalogueLookupError)) throw error;
    p.add('plan.instanceType', plan.instanceType, 'is not in the instance catalogue', error.message.split('\n')[0] ?? 'use a catalogued GPU instance type');
  }
  if (plan.nodes > 1) {
    p.check(plan.pipelineParallelSize === plan.nodes, 'plan.pipelineParallelSize', plan.pipelineParallelSize,
      `must equal plan.nodes (${plan.nodes}): one pipeline stage per node`, 'plan multi-node serving with pipeline parallelism across nodes');
    p.check(plan.tensorParallelSize <= accelerators, 'plan.tensorParallelSize', plan.tensorParallelSize,
      `exceeds the ${accelerators} GPUs of one ${plan.instanceType}`, 'keep tensor parallelism within a node');
  } else {
    const gpus = plan.tensorParallelSize * plan.pipelineParallelSize;
    p.check(gpus <= accelerators, 'plan.tensorParallelSize', gpus, `TP × PP needs ${gpus} GPUs but one ${plan.instanceType} has ${accelerators}`, 'use a larger instance or a multi-node plan');
  }
}

function validateModelSource(p: ProblemCollector, options: LlmServingObjectsOptions): void {
  const source = options.modelSource;
  const cloud = options.cloud ?? awsCloud;
  if (isS3Source(source)) {
    p.check(cloud.modelDownload.uriScheme !== undefined, 'modelSource', source, `the '${cloud.name}' cluster binding has no object store to download from`,
      'serve the model from the Hugging Face Hub (modelSource.huggingFaceId), or use the binding of the cloud holding the bucket');
    if (known(source.bucketName)) p.check(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(source.bucketName), 'modelSource.bucketName', source.bucketName, 'is not a valid bucket name', 'use the name only, without s3:// or gs://');
    if (known(source.prefix)) p.check(!/^[a-z0-9]+:\/\//.test(source.prefix), 'modelSource.prefix', source.prefix, 'is a key prefix, not a URI', "give the prefix inside the bucket, e.g. 'models/llama-3.1-8b/'");
  } else {
    if (known(source.huggingFaceId)) p.check(HF_REPO_ID.test(source.huggingFaceId), 'modelSource.huggingFaceId', source.huggingFaceId, 'is not a Hugging Face repository id', "use 'org/name'");
    p.check(!options.model.gated || options.huggingFaceTokenSecret !== undefined, 'huggingFaceTokenSecret', undefined,
      `${options.model.id} is gated on the Hugging Face Hub and cannot be downloaded without a token`,
      'sync the token from Secrets Manager into a Kubernetes Secret and name it here, or serve the weights from S3');
  }
  const secret = options.huggingFaceTokenSecret;
  if (secret) {
    p.check(secret.secretName.length > 0 && secret.key.length > 0, 'huggingFaceTokenSecret', secret, 'needs a Secret name and a key', 'name the Kubernetes Secret synced from Secrets Manager and its key');
  }
  const apiKey = options.apiKeySecret;
  if (apiKey) {
    p.check(apiKey.secretName.length > 0 && apiKey.key.length > 0, 'apiKeySecret', apiKey, 'needs a Secret name and a key', 'name the Kubernetes Secret synced from Secrets Manager and its key');
    p.check(apiKey.secretName !== secret?.secretName, 'apiKeySecret.secretName', apiKey.secretName, 'is also the Hugging Face token Secret (each ExternalSecret owns its Secret)', 'give the API key its own Secret name');
  }
}

function validateAdapters(p: ProblemCollector, options: LlmServingObjectsOptions): void {
  const adapters = options.loraAdapters ?? [];
  if (adapters.length === 0) return;
  p.check(planEnablesLora(options.plan), 'loraAdapters', adapters.map((a) => a.name), 'the plan does not enable LoRA (no --enable-lora in plan.engineArgs)', 'plan with runtime.lora so the planner sizes --max-loras and --max-lora-rank');
  const scheme = (options.cloud ?? awsCloud).modelDownload.uriScheme;
  p.check(scheme !== undefined, 'loraAdapters', adapters.map((a) => a.name), `the '${(options.cloud ?? awsCloud).name}' cluster binding has no object store to download adapters from`, 'serve the adapters from a cloud binding with an object store');
  const seen = new Set<string>();
  adapters.forEach((adapter, i) => {
    p.check(ADAPTER_NAME.test(adapter.name), `loraAdapters[${i}].name`, adapter.name, 'must be 1–63 letters, digits, ".", "_" or "-"', 'rename the adapter');
    p.check(!seen.has(adapter.name), `loraAdapters[${i}].name`, adapter.name, 'is used by another adapter', 'give every adapter a unique name');
    seen.add(adapter.name);
    if (known(adapter.uri)) p.check(adapterUriPattern(scheme).test(adapter.uri), `loraAdapters[${i}].uri`, adapter.uri, `must be an ${scheme ?? 's3://'} URI`, `e.g. '${scheme ?? 's3://'}my-bucket/adapters/tenant-a/'`);
  });
}

function validateAutoscaling(p: ProblemCollector, options: LlmServingObjectsOptions): void {
  const a = options.autoscaling;
  const int = (x: number) => Number.isInteger(x);
  p.check(int(a.maxReplicas) && a.maxReplicas >= 1, 'autoscaling.maxReplicas', a.maxReplicas, 'must be an integer of at least 1', 'set maxReplicas to 1 or more');
  if (!a.scaleToZero) {
    p.check(int(a.minReplicas) && a.minReplicas >= 1, 'autoscaling.minReplicas', a.minReplicas, 'must be an integer of at least 1 unless scaleToZero is set', 'set minReplicas to 1 or more, or enable scaleToZero');
  }
  p.check(a.scaleToZero || a.minReplicas <= a.maxReplicas, 'autoscaling.minReplicas', a.minReplicas, `must be less than or equal to 'maxReplicas' (${a.maxReplicas})`, 'lower minReplicas or raise maxReplicas');
  if (a.scaleToZero) {
    p.check(a.engine === 'keda', 'autoscaling.scaleToZero', true, 'the HPA cannot scale to zero replicas', "use engine 'keda'");
    p.check(Boolean(a.wakeUpQuery), 'autoscaling.wakeUpQuery', a.wakeUpQuery,
      'with no vLLM pod running there is no vLLM metric to wake up on', "give a PromQL query on your gateway's request counter for this route");
  }
  const target = a.targetKvCacheUsage;
  if (target !== undefined) p.check(target > 0 && target < 1, 'autoscaling.targetKvCacheUsage', target, 'must be a fraction between 0 and 1', 'e.g. 0.8');
  const queue = a.targetQueueDepth;
  if (queue !== undefined) p.check(queue > 0, 'autoscaling.targetQueueDepth', queue, 'must be positive', 'e.g. 25 waiting requests per replica');
}
