/**
 * The inference function: the handler bundle (built locally with esbuild, no Docker) or a container
 * image, arm64 by default, in the deployment's VPC, with a least-privilege role that reads exactly one
 * model object, a KMS-encrypted log group with retention, a dead-letter queue for asynchronous invokes,
 * reserved concurrency, and a `live` alias (with provisioned concurrency) that every caller uses and that
 * CodeDeploy shifts between versions.
 */
import * as path from 'path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { bundleInferenceHandler, HANDLER_ENTRY, inferenceBundleFingerprint } from '../../../lib/inference/bundle';
import { functionEnvironment, type ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';
import { functionRoleStatements } from '../../../lib/inference/deployment/policies';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';
import type { IInferenceNetwork } from './inference-network';
import { serviceRole } from './private/policy-statements';

export interface IOnnxInferenceFunction {
  readonly function: lambda.IFunction;
  /** The alias callers invoke (`live`). */
  readonly alias: lambda.Alias;
}

export interface OnnxInferenceFunctionProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** The deployment's customer-managed KMS key. */
  readonly encryptionKey: kms.IKey;
  /** VPC, subnets and security group the function runs in. */
  readonly network: IInferenceNetwork;
  /**
   * The function code. Cannot be specified together with `config.function.imageUri`.
   * @default - the handler bundle of lib/inference, built by local esbuild (index.js + the ONNX Runtime WebAssembly binary)
   */
  readonly code?: lambda.Code;
}

/** Folder whose sources the bundle is built from (lib/inference, or its compiled copy under dist/). */
const INFERENCE_SOURCES = path.join(__dirname, '..', '..', '..', 'lib', 'inference');

/**
 * The handler bundle as a CDK asset. Bundling is local (esbuild in this process); the Docker image is only
 * the required fallback and is never pulled. Tests turn bundling off with `aws:cdk:bundling-stacks: []`.
 */
export function inferenceHandlerCode(): lambda.Code {
  return lambda.Code.fromAsset(INFERENCE_SOURCES, {
    assetHashType: AssetHashType.CUSTOM,
    assetHash: inferenceBundleFingerprint(),
    bundling: {
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
      local: { tryBundle: (outputDir: string) => { bundleInferenceHandler(outputDir); return true; } },
    },
  });
}

function imageCode(scope: Construct, imageUri: string): lambda.Code {
  // <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> or @sha256:<digest>
  const match = /^(\d{12})\.dkr\.ecr\.([\w-]+)\.amazonaws\.com\/([^:@]+)[:@](.+)$/.exec(imageUri);
  if (!match) throw new Error(`runtime.image '${imageUri}' is not an ECR image URI (<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>)`);
  const [, account, region, repository, tag] = match;
  const repo = ecr.Repository.fromRepositoryAttributes(scope, 'ImageRepository', {
    repositoryName: repository,
    repositoryArn: `arn:aws:ecr:${region}:${account}:repository/${repository}`,
  });
  return lambda.Code.fromEcrImage(repo, { tagOrDigest: tag });
}

export class OnnxInferenceFunction extends Construct implements IOnnxInferenceFunction {
  public readonly function: lambda.Function;
  public readonly alias: lambda.Alias;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  /** Asynchronous invocations that failed every retry (real-time deployments). */
  public readonly deadLetterQueue?: sqs.Queue;

  constructor(scope: Construct, id: string, props: OnnxInferenceFunctionProps) {
    super(scope, id);
    const { config, encryptionKey, network } = props;
    const settings = config.function;
    if (props.code && settings.imageUri) throw new Error(`OnnxInferenceFunction '${id}': give either code or runtime.image, not both`);
    this.role = serviceRole(this, 'Role', 'lambda.amazonaws.com', functionRoleStatements(config, { kmsKeyArn: encryptionKey.keyArn }), `Inference function of ${config.name}`);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: config.names.logGroup,
      retention: config.logRetentionDays as logs.RetentionDays,
      encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (config.workload === 'realtime') {
      this.deadLetterQueue = new sqs.Queue(this, 'AsyncDeadLetters', {
        queueName: config.names.asyncDeadLetterQueue,
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: encryptionKey,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        // It is a dead-letter queue: messages may be redriven from it (AWS Control Tower CT.SQS.PR.1).
        redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL },
      });
    }
    const image = settings.imageUri !== undefined;
    this.function = new lambda.Function(this, 'Function', {
      functionName: config.names.functionName,
      description: `ONNX Runtime inference for ${config.name} (${settings.handler.mode} mode)`,
      code: props.code ?? (image ? imageCode(this, settings.imageUri!) : inferenceHandlerCode()),
      handler: image ? lambda.Handler.FROM_IMAGE : HANDLER_ENTRY,
      runtime: image ? lambda.Runtime.FROM_IMAGE : new lambda.Runtime(settings.runtime, lambda.RuntimeFamily.NODEJS),
      architecture: settings.architecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
      memorySize: settings.memoryMb,
      timeout: Duration.seconds(settings.timeoutSeconds),
      reservedConcurrentExecutions: settings.reservedConcurrency,
      environment: functionEnvironment(config),
      environmentEncryption: encryptionKey,
      role: this.role,
      logGroup: this.logGroup,
      vpc: network.vpc,
      vpcSubnets: network.subnets,
      securityGroups: [network.securityGroup],
      deadLetterQueue: this.deadLetterQueue,
    });
    // Set on the L1 resource: `tracing: Tracing.ACTIVE` would add its own X-Ray statement to a second policy; the role
    // already holds it (functionRoleStatements: WriteTraces).
    (this.function.node.defaultChild as lambda.CfnFunction).tracingConfig = { mode: settings.tracing };
    this.function.node.addDependency(this.role);
    this.alias = new lambda.Alias(this, 'Live', {
      aliasName: config.names.aliasName,
      version: this.function.currentVersion,
      provisionedConcurrentExecutions: settings.provisionedConcurrency > 0 ? settings.provisionedConcurrency : undefined,
      description: 'The version clients are served; CodeDeploy shifts it gradually on every release',
    });
    if (!image) {
      acknowledgeFinding(this.function, 'AwsSolutions-L1',
        'the handler bundle targets Node.js 22 (esbuild target node22), the runtime the deployment contract names; Node.js 22 is maintained upstream until 2027-04-30');
    }
  }
}
