/**
 * A Hugging Face Inference Endpoint as a CloudFormation custom resource: a Lambda (the Endpoints API client,
 * bundled with esbuild) creates it with the planned body, PUTs the body when it changes and deletes it with the
 * stack. The token stays in Secrets Manager: the function may read that one secret (and decrypt it with its
 * customer-managed key, when it has one), and nothing else.
 */
import { CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Construct } from 'constructs';
import type { HuggingFaceEndpointDefinition } from '../../../lib/huggingface-endpoints/endpoint-definition';
import type { EndpointResourceProperties } from '../../../lib/huggingface-endpoints/custom-resource-handler';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';
import { restrictGrantsToAwsServices } from '../security/kms-grants';

export interface IHuggingFaceInferenceEndpoint {
  /** `namespace/name`. */
  readonly endpointId: string;
  /** The endpoint's URL once the API reports it (empty until then). */
  readonly endpointUrl: string;
}

export interface HuggingFaceInferenceEndpointProps {
  /** The endpoint (from `huggingFaceEndpointDefinition(plan, options)`). */
  readonly definition: HuggingFaceEndpointDefinition;
  /**
   * The secret holding the Hugging Face token.
   * @default - imported from `definition.tokenSecret` (a complete ARN, or a secret name)
   */
  readonly tokenSecret?: secretsmanager.ISecret;
  /**
   * Key the secret is encrypted with, when it is a customer-managed key of an imported secret.
   * @default - the secret's own `encryptionKey`, else none (the AWS managed key needs no grant)
   */
  readonly tokenSecretKey?: kms.IKey;
  /** @default - https://api.endpoints.huggingface.cloud/v2 */
  readonly apiBaseUrl?: string;
  /**
   * Key the handler's log group is encrypted with (CloudWatch Logs must be allowed to use it).
   * @default - a new customer-managed key with rotation, usable by CloudWatch Logs of this region only
   */
  readonly logEncryptionKey?: kms.IKey;
  /** Wait (up to the function's 15 minutes) until the endpoint runs before the stack continues. @default false */
  readonly waitUntilRunning?: boolean;
}

/** The handler's sources (TypeScript in the repository; their compiled copy under dist/). */
function handlerEntry(): string {
  const base = path.join(__dirname, '..', '..', '..', 'lib', 'huggingface-endpoints', 'lambda', 'index');
  return existsSync(`${base}.ts`) ? `${base}.ts` : `${base}.js`;
}

export class HuggingFaceInferenceEndpoint extends Construct implements IHuggingFaceInferenceEndpoint {
  public readonly endpointId: string;
  public readonly endpointUrl: string;
  public readonly handler: NodejsFunction;
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: HuggingFaceInferenceEndpointProps) {
    super(scope, id);
    const { definition } = props;
    const secret = props.tokenSecret ?? (definition.tokenSecret.startsWith('arn:')
      ? secretsmanager.Secret.fromSecretCompleteArn(this, 'TokenSecret', definition.tokenSecret)
      : secretsmanager.Secret.fromSecretNameV2(this, 'TokenSecret', definition.tokenSecret));
    const logKey = props.logEncryptionKey ?? this.createLogKey();
    // A year, the AWS Control Tower minimum (CT.CLOUDWATCH.PR.2), like the other log groups of this library.
    const logGroup = new logs.LogGroup(this, 'HandlerLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: logKey, removalPolicy: RemovalPolicy.RETAIN });
    // Its own role: logs to its own group and GetSecretValue on the token's secret only.
    const role = new iam.Role(this, 'HandlerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
    const key = props.tokenSecretKey ?? secret.encryptionKey;
    if (key) key.grantDecrypt(role);
    this.handler = new NodejsFunction(this, 'Handler', {
      entry: handlerEntry(),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      role,
      logGroup,
      timeout: Duration.minutes(15),
      memorySize: 256,
      // One change at a time per endpoint; CloudFormation never sends more.
      reservedConcurrentExecutions: 2,
      // The Lambda runtime ships the AWS SDK v3: only our client and handler are bundled.
      bundling: { format: OutputFormat.CJS, externalModules: ['@aws-sdk/*'], minify: true, sourceMap: false },
    });
    acknowledgeFinding(this.handler, 'cdk-validator-cfnguard::lambda_inside_vpc_check', 'the function only calls the public Hugging Face Endpoints API and Secrets Manager; a VPC would add a NAT gateway and nothing to reach');
    acknowledgeFinding(this.handler, 'cdk-validator-cfnguard::lambda_dlq_check', 'CloudFormation invokes it synchronously and receives every failure itself: there is no asynchronous event to dead-letter');
    const properties: EndpointResourceProperties = {
      Namespace: definition.namespace,
      Name: definition.name,
      Body: Stack.of(this).toJsonString(definition.body),
      TokenSecretArn: secret.secretArn,
      ...(props.apiBaseUrl ? { ApiBaseUrl: props.apiBaseUrl } : {}),
      WaitUntilRunning: String(props.waitUntilRunning ?? false),
    };
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.handler.functionArn,
      resourceType: 'Custom::HuggingFaceInferenceEndpoint',
      properties: { ...properties },
    });
    this.endpointId = this.resource.ref;
    this.endpointUrl = this.resource.getAttString('Url');
  }

  private createLogKey(): kms.Key {
    const key = new kms.Key(this, 'LogKey', { description: 'Encrypts the logs of the Hugging Face Inference Endpoint custom resource', enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
    restrictGrantsToAwsServices(key);
    key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${Stack.of(this).region}.amazonaws.com`));
    return key;
  }
}
