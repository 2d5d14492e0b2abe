/**
 * The real-time endpoint (Pulumi): an HTTP API with IAM-authorized routes to the `live` alias, stage
 * throttling and encrypted JSON access logs; or a function URL with IAM auth.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { API_STAGE, HTTP_API_ACCESS_LOG_FORMAT, INFERENCE_ROUTES } from '../../../lib/inference/deployment/api';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';

export interface InferenceHttpApiArgs {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** The `live` alias of the inference function. */
  readonly alias: aws.lambda.Alias;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: pulumi.Input<string>;
}

export class InferenceHttpApi extends pulumi.ComponentResource {
  public readonly url: pulumi.Output<string>;
  /** The HTTP API and its stage, when the endpoint is an HTTP API (not a function URL). */
  public readonly httpApi?: aws.apigatewayv2.Api;
  public readonly stage?: aws.apigatewayv2.Stage;

  constructor(name: string, args: InferenceHttpApiArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:serverless:InferenceHttpApi', name, {}, opts);
    const { config, alias } = args;
    const api = config.api;
    if (!api) throw new Error(`InferenceHttpApi '${name}': deployment '${config.name}' is not real-time`);
    const parent = { parent: this };
    if (api.kind === 'function-url') {
      this.url = new aws.lambda.FunctionUrl(`${name}-url`, { functionName: alias.functionName, qualifier: alias.name, authorizationType: 'AWS_IAM' }, parent).functionUrl;
      this.registerOutputs({ url: this.url });
      return;
    }
    const accessLogs = new aws.cloudwatch.LogGroup(`${name}-access-logs`, { name: `/aws/apigateway/${config.names.api}`, retentionInDays: config.logRetentionDays, kmsKeyId: args.kmsKeyArn }, parent);
    const httpApi = new aws.apigatewayv2.Api(`${name}-api`, { name: config.names.api, description: `ONNX inference for ${config.name}`, protocolType: 'HTTP' }, parent);
    this.httpApi = httpApi;
    this.stage = new aws.apigatewayv2.Stage(`${name}-stage`, {
      apiId: httpApi.id,
      name: API_STAGE,
      autoDeploy: true,
      defaultRouteSettings: { throttlingRateLimit: api.rateLimit, throttlingBurstLimit: api.burstLimit },
      accessLogSettings: { destinationArn: accessLogs.arn, format: HTTP_API_ACCESS_LOG_FORMAT },
    }, parent);
    const integration = new aws.apigatewayv2.Integration(`${name}-integration`, {
      apiId: httpApi.id, integrationType: 'AWS_PROXY', integrationUri: alias.arn, integrationMethod: 'POST', payloadFormatVersion: '2.0',
    }, parent);
    INFERENCE_ROUTES.forEach((route, i) => new aws.apigatewayv2.Route(`${name}-route-${i}`, {
      apiId: httpApi.id, routeKey: route.routeKey, target: pulumi.interpolate`integrations/${integration.id}`, authorizationType: 'AWS_IAM',
    }, parent));
    new aws.lambda.Permission(`${name}-invoke-from-api`, {
      action: 'lambda:InvokeFunction', function: alias.functionName, qualifier: alias.name, principal: 'apigateway.amazonaws.com', sourceAccount: config.account,
      sourceArn: pulumi.interpolate`${httpApi.executionArn}/*/*`,
    }, parent);
    this.url = httpApi.apiEndpoint;
    this.registerOutputs({ url: this.url });
  }
}
