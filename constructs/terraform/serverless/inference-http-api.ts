/**
 * The real-time endpoint (cdktf): an HTTP API with IAM-authorized routes to the `live` alias, stage
 * throttling and encrypted JSON access logs; or a function URL with IAM auth.
 */
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunctionUrl } from '@cdktf/provider-aws/lib/lambda-function-url';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Construct } from 'constructs';
import { API_STAGE, HTTP_API_ACCESS_LOG_FORMAT, INFERENCE_ROUTES } from '../../../lib/inference/deployment/api';
import type { ServerlessDeploymentConfig } from '../../../lib/inference/deployment/config';

export interface InferenceHttpApiProps {
  /** The deployment, from `serverlessDeploymentConfig(plan, env)`. */
  readonly config: ServerlessDeploymentConfig;
  /** The `live` alias of the inference function. */
  readonly alias: LambdaAlias;
  /** ARN of the deployment's customer-managed KMS key. */
  readonly kmsKeyArn: string;
}

export class InferenceHttpApi extends Construct {
  public readonly url: string;
  /** The HTTP API and its stage, when the endpoint is an HTTP API (not a function URL). */
  public readonly httpApi?: Apigatewayv2Api;
  public readonly stage?: Apigatewayv2Stage;

  constructor(scope: Construct, id: string, props: InferenceHttpApiProps) {
    super(scope, id);
    const { config, alias } = props;
    const api = config.api;
    if (!api) throw new Error(`InferenceHttpApi '${id}': deployment '${config.name}' is not real-time`);
    if (api.kind === 'function-url') {
      this.url = new LambdaFunctionUrl(this, 'Url', { functionName: alias.functionName, qualifier: alias.name, authorizationType: 'AWS_IAM' }).functionUrl;
      return;
    }
    const accessLogs = new CloudwatchLogGroup(this, 'AccessLogs', { name: `/aws/apigateway/${config.names.api}`, retentionInDays: config.logRetentionDays, kmsKeyId: props.kmsKeyArn });
    const httpApi = new Apigatewayv2Api(this, 'Api', { name: config.names.api, description: `ONNX inference for ${config.name}`, protocolType: 'HTTP' });
    this.httpApi = httpApi;
    this.stage = new Apigatewayv2Stage(this, 'Stage', {
      apiId: httpApi.id,
      name: API_STAGE,
      autoDeploy: true,
      defaultRouteSettings: { throttlingRateLimit: api.rateLimit, throttlingBurstLimit: api.burstLimit },
      accessLogSettings: { destinationArn: accessLogs.arn, format: HTTP_API_ACCESS_LOG_FORMAT },
    });
    const integration = new Apigatewayv2Integration(this, 'Integration', {
      apiId: httpApi.id, integrationType: 'AWS_PROXY', integrationUri: alias.arn, integrationMethod: 'POST', payloadFormatVersion: '2.0',
    });
    INFERENCE_ROUTES.forEach((route, i) => new Apigatewayv2Route(this, `Route${i}`, {
      apiId: httpApi.id, routeKey: route.routeKey, target: `integrations/${integration.id}`, authorizationType: 'AWS_IAM',
    }));
    new LambdaPermission(this, 'InvokeFromApi', {
      action: 'lambda:InvokeFunction', functionName: alias.functionName, qualifier: alias.name, principal: 'apigateway.amazonaws.com', sourceAccount: config.account,
      sourceArn: `${httpApi.executionArn}/*/*`,
    });
    this.url = httpApi.apiEndpoint;
  }
}
