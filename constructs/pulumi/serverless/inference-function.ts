/**
 * The inference function (Pulumi): the esbuild bundle as a FileArchive (or a container image), the
 * least-privilege role, the encrypted log group, the async dead-letter queue, a published version and the
 * `live` alias with provisioned concurrency. Later releases go through CodeDeploy, so Pulumi ignores changes
 * of the alias's version and routing after creation (see lambda-canary-release.ts).
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { ensureInferenceBundle, HANDLER_ENTRY } from '../../../lib/inference/bundle';
import { functionEnvironment, type ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { functionRoleStatements } from '../../../lib/inference/deployment/policies';
import { secureQueue, serviceRole } from './private/resources';

export interface OnnxInferenceFunctionArgs {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Subnets and security group the function runs in. */
  readonly network: { readonly subnetIds: pulumi.Input<string>[]; readonly securityGroupId: pulumi.Input<string> };
  /**
   * Directory of the handler bundle. Cannot be combined with `config.function.imageUri`.
   * @default - the bundle built (and cached) by `ensureInferenceBundle()`
   */
  readonly bundleDirectory?: string;
}

export class OnnxInferenceFunction extends pulumi.ComponentResource {
  public readonly function: aws.lambda.Function;
  public readonly alias: aws.lambda.Alias;
  public readonly rolePolicy: aws.iam.RolePolicy;
  public readonly deadLetterQueue?: aws.sqs.Queue;

  constructor(name: string, args: OnnxInferenceFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:serverless:OnnxInferenceFunction', name, {}, opts);
    const { config, kmsKeyArn } = args;
    const settings = config.function;
    if (args.bundleDirectory && settings.imageUri) throw new Error(`OnnxInferenceFunction '${name}': give either bundleDirectory or runtime.image, not both`);
    const parent = { parent: this };
    const role = serviceRole(`${name}-role`, 'lambda.amazonaws.com', functionRoleStatements(config, { kmsKeyArn }), `Inference function of ${config.name}`, this);
    this.rolePolicy = role.policy;
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, { name: config.names.logGroup, retentionInDays: config.logRetentionDays, kmsKeyId: kmsKeyArn }, parent);
    if (config.workload === 'realtime') {
      this.deadLetterQueue = secureQueue(`${name}-async-dlq`, { name: config.names.asyncDeadLetterQueue, kmsKeyArn, deadLetter: true }, this);
    }
    const code = settings.imageUri
      ? { packageType: 'Image', imageUri: settings.imageUri }
      : { code: new pulumi.asset.FileArchive(args.bundleDirectory ?? ensureInferenceBundle()), handler: HANDLER_ENTRY, runtime: settings.runtime };
    this.function = new aws.lambda.Function(`${name}-function`, {
      name: config.names.functionName,
      description: `ONNX Runtime inference for ${config.name} (${settings.handler.mode} mode)`,
      ...code,
      role: role.role.arn,
      architectures: [settings.architecture],
      memorySize: settings.memoryMb,
      timeout: settings.timeoutSeconds,
      reservedConcurrentExecutions: settings.reservedConcurrency,
      publish: true,
      tracingConfig: { mode: settings.tracing },
      environment: { variables: functionEnvironment(config) },
      kmsKeyArn,
      loggingConfig: { logFormat: 'Text', logGroup: logGroup.name },
      vpcConfig: { subnetIds: args.network.subnetIds, securityGroupIds: [args.network.securityGroupId] },
      deadLetterConfig: this.deadLetterQueue ? { targetArn: this.deadLetterQueue.arn } : undefined,
    }, { parent: this, dependsOn: [role.policy, logGroup] });
    this.alias = new aws.lambda.Alias(`${name}-live`, {
      name: config.names.aliasName,
      functionName: this.function.name,
      functionVersion: this.function.version,
      description: 'The version clients are served; CodeDeploy shifts it gradually on every release',
    }, { parent: this, ignoreChanges: ['functionVersion', 'routingConfig'] });
    if (settings.provisionedConcurrency > 0) {
      new aws.lambda.ProvisionedConcurrencyConfig(`${name}-provisioned`, {
        functionName: this.function.name, qualifier: this.alias.name, provisionedConcurrentExecutions: settings.provisionedConcurrency,
      }, parent);
    }
    this.registerOutputs({ functionName: this.function.name, aliasArn: this.alias.arn });
  }
}
