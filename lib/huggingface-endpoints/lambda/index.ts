/**
 * The Lambda entry of the Hugging Face Inference Endpoint custom resource: reads the token from Secrets
 * Manager (the AWS SDK v3 the Node.js Lambda runtime ships), runs the event through `handleEndpointEvent`
 * and answers CloudFormation on the pre-signed response URL. Logs name the request and the outcome only:
 * never the token, never the secret's value.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { handleEndpointEvent, type EndpointResourceEvent } from '../custom-resource-handler';

interface CloudFormationRequest extends EndpointResourceEvent {
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
}

const secrets = new SecretsManagerClient({});

async function readToken(secretArn: string): Promise<string> {
  const value = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const text = value.SecretString ?? '';
  // A plain string, or JSON with a `token` key (the shape the EKS blueprints read with External Secrets).
  try { const json = JSON.parse(text) as { token?: string }; if (typeof json.token === 'string') return json.token; } catch { /* plain string */ }
  return text;
}

export async function handler(event: CloudFormationRequest, context: { getRemainingTimeInMillis(): number }): Promise<void> {
  let status: 'SUCCESS' | 'FAILED' = 'SUCCESS';
  let reason = '';
  let physicalId = event.PhysicalResourceId ?? `${event.ResourceProperties.Namespace}/${event.ResourceProperties.Name}`;
  let data: Record<string, string> = {};
  try {
    const result = await handleEndpointEvent(event, { readToken, waitTimeoutMs: Math.max(0, context.getRemainingTimeInMillis() - 60_000) });
    physicalId = result.PhysicalResourceId;
    data = { ...result.Data };
  } catch (e) {
    status = 'FAILED';
    reason = (e as Error).message;
  }
  console.log(JSON.stringify({ request: event.RequestType, resource: physicalId, status, reason }));
  const body = JSON.stringify({ Status: status, Reason: reason.slice(0, 3000) || status, PhysicalResourceId: physicalId, StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, Data: data });
  await fetch(event.ResponseURL, { method: 'PUT', headers: { 'content-type': '' }, body });
}
