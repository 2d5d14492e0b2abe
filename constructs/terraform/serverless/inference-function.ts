/**
 * The inference function (cdktf): the esbuild bundle as an archive asset (or a container image), the
 * least-privilege role, the encrypted log group, the async dead-letter queue, a published version and the
 * `live` alias with provisioned concurrency. Releases after the first go through CodeDeploy, so Terraform
 * ignores later changes of the alias's version and routing (see lambda-canary-release.ts).
 */
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config';
import type { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { ensureInferenceBundle, HANDLER_ENTRY } from '../../../lib/inference/bundle';
import { functionEnvironment, type ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { functionRoleStatements } from '../../../lib/inference/deployment/policies';
import { serviceRole } from './private/iam';
import { secureQueue } from './private/secure-queue';

export interface OnnxInferenceFunctionProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: string;
  /** Subnets and security group the function runs in. */
  readonly network: { readonly subnetIds: readonly string[]; readonly securityGroupId: string };
  /**
   * Directory of the handler bundle to archive. Cannot be combined with `config.function.imageUri`.
   * @default - the bundle built (and cached) by `ensureInferenceBundle()`
   */
  readonly bundleDirectory?: string;
}

export class OnnxInferenceFunction extends Construct {
  public readonly function: LambdaFunction;
  public readonly alias: LambdaAlias;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly deadLetterQueue?: SqsQueue;
  /** The role's inline policy: event source mappings and other consumers must be created after it. */
  public readonly rolePolicy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: OnnxInferenceFunctionProps) {
    super(scope, id);
    const { config, kmsKeyArn } = props;
    const settings = config.function;
    if (props.bundleDirectory && settings.imageUri) throw new Error(`OnnxInferenceFunction '${id}': give either bundleDirectory or runtime.image, not both`);
    const role = serviceRole(this, 'Role', 'lambda.amazonaws.com', functionRoleStatements(config, { kmsKeyArn }), `Inference function of ${config.name}`);
    this.rolePolicy = role.policy;
    this.logGroup = new CloudwatchLogGroup(this, 'Logs', { name: config.names.logGroup, retentionInDays: config.logRetentionDays, kmsKeyId: kmsKeyArn });
    if (config.workload === 'realtime') {
      this.deadLetterQueue = secureQueue(this, 'AsyncDeadLetters', { name: config.names.asyncDeadLetterQueue, kmsKeyArn, deadLetter: true });
    }
    const code = settings.imageUri
      ? { packageType: 'Image', imageUri: settings.imageUri }
      : (() => {
          const asset = new TerraformAsset(this, 'Bundle', { path: props.bundleDirectory ?? ensureInferenceBundle(), type: AssetType.ARCHIVE });
          return { filename: asset.path, sourceCodeHash: asset.assetHash, handler: HANDLER_ENTRY, runtime: settings.runtime };
        })();
    this.function = new LambdaFunction(this, 'Function', {
      functionName: config.names.functionName,
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
      loggingConfig: { logFormat: 'Text', logGroup: this.logGroup.name },
      vpcConfig: { subnetIds: [...props.network.subnetIds], securityGroupIds: [props.network.securityGroupId] },
      deadLetterConfig: this.deadLetterQueue ? { targetArn: this.deadLetterQueue.arn } : undefined,
      // Lambda checks the role's VPC permissions when it creates the function.
      dependsOn: [role.policy, this.logGroup],
    });
    this.alias = new LambdaAlias(this, 'Live', {
      name: config.names.aliasName,
      functionName: this.function.functionName,
      functionVersion: this.function.version,
      description: 'The version clients are served; CodeDeploy shifts it gradually on every release',
      lifecycle: { ignoreChanges: ['function_version', 'routing_config'] },
    });
    if (settings.provisionedConcurrency > 0) {
      new LambdaProvisionedConcurrencyConfig(this, 'ProvisionedConcurrency', {
        functionName: this.function.functionName,
        qualifier: this.alias.name,
        provisionedConcurrentExecutions: settings.provisionedConcurrency,
      });
    }
  }
}
