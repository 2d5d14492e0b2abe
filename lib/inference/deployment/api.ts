/**
 * The real-time API, described once: an API Gateway HTTP API whose routes require IAM (SigV4)
 * authorization, with stage throttling and JSON access logs.
 * Access-log variables: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html (read 2025-06).
 */

/** Routes of the inference API; any other path or method gets API Gateway's 404. */
export const INFERENCE_ROUTES = [
  { routeKey: 'POST /predict', purpose: 'score rows: {"instances": [...]}' },
  { routeKey: 'GET /schema', purpose: "describe the model's inputs, outputs and version" },
] as const;

/** Stage name: `$default` serves the API at its root URL. */
export const API_STAGE = '$default';

/** One JSON object per request in the access log. */
export const HTTP_API_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
});
