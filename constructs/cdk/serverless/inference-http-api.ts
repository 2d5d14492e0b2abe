/**
 * The real-time endpoint: an API Gateway HTTP API in front of the `live` alias, with IAM (SigV4)
 * authorization on every route, stage throttling and KMS-encrypted JSON access logs; or, with
 * `api.kind: 'function-url'`, a function URL with IAM auth on the alias.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_STAGE, HTTP_API_ACCESS_LOG_FORMAT, INFERENCE_ROUTES } from '../../../lib/inference/deployment/api';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';

export interface IInferenceEndpoint {
  /** Base URL clients call (sign requests with SigV4, service `execute-api` or `lambda` for a function URL). */
  readonly url: string;
}

export interface InferenceHttpApiProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** The `live` alias of the inference function. */
  readonly alias: lambda.IAlias;
  /** The deployment's customer-managed KMS key. */
  readonly encryptionKey: kms.IKey;
}

export class InferenceHttpApi extends Construct implements IInferenceEndpoint {
  public readonly url: string;
  public readonly httpApi?: apigwv2.HttpApi;
  /** The API's stage (`API_STAGE`), when it is an HTTP API. */
  public readonly stage?: apigwv2.HttpStage;
  public readonly functionUrl?: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: InferenceHttpApiProps) {
    super(scope, id);
    const { config, alias } = props;
    const api = config.api;
    if (!api) throw new Error(`InferenceHttpApi '${id}': deployment '${config.name}' is not real-time`);
    if (api.kind === 'function-url') {
      this.functionUrl = alias.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
      this.url = this.functionUrl.url;
      return;
    }
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${config.names.api}`,
      retention: config.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.httpApi = new apigwv2.HttpApi(this, 'Api', {
      apiName: config.names.api,
      description: `ONNX inference for ${config.name}`,
      createDefaultStage: false,
      defaultAuthorizer: new HttpIamAuthorizer(),
    });
    this.stage = new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: API_STAGE,
      autoDeploy: true,
      throttle: { rateLimit: api.rateLimit, burstLimit: api.burstLimit },
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(accessLogs), format: apigateway.AccessLogFormat.custom(HTTP_API_ACCESS_LOG_FORMAT) },
    });
    const integration = new HttpLambdaIntegration('Inference', alias, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 });
    for (const route of INFERENCE_ROUTES) {
      const [method, path] = route.routeKey.split(' ');
      this.httpApi.addRoutes({ path, methods: [method as apigwv2.HttpMethod], integration });
    }
    // The integration's invoke permissions name the API in SourceArn (a Fn::Join); the account as well lets
    // AWS Control Tower CT.LAMBDA.PR.2 see that only this account's API may invoke the alias.
    for (const child of this.httpApi.node.findAll()) {
      if (child instanceof lambda.CfnPermission) child.sourceAccount = Stack.of(this).account;
    }
    this.url = this.httpApi.apiEndpoint;
  }
}
