/**
 * The CDK custom resource's logic, called directly with CloudFormation-like events against the local
 * stand-in for the Endpoints API: create = POST, update = PUT of the changed body, delete ignores a 404.
 */
import { handleEndpointEvent, type EndpointResourceEvent } from '../../lib/huggingface-endpoints/custom-resource-handler';
import { startEndpointsApiStandIn, type EndpointsApiStandIn } from './endpoints-api-stand-in';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:hf-token-AbCdEf';
const TOKEN = 'hf_handlerToken0987654321';
const body = (maxReplica: number) => JSON.stringify({ name: 'chat', type: 'protected', compute: { instanceType: 'nvidia-l4', instanceSize: 'x1', scaling: { minReplica: 1, maxReplica } } });

let api: EndpointsApiStandIn;
const secretsRead: string[] = [];
const deps = { readToken: async (arn: string) => { secretsRead.push(arn); return TOKEN; }, sleep: async () => {} };
const props = (maxReplica: number) => ({ Namespace: 'acme', Name: 'chat', Body: body(maxReplica), TokenSecretArn: SECRET_ARN, ApiBaseUrl: api.baseUrl });

beforeAll(async () => { api = await startEndpointsApiStandIn(); });
afterAll(async () => { await api.close(); });

describe('GIVEN the Inference Endpoint custom resource handler', () => {
  test('WHEN CloudFormation creates, updates and deletes THEN the API sees POST, PUT, DELETE with the token from the secret', async () => {
    const created = await handleEndpointEvent({ RequestType: 'Create', ResourceProperties: props(2) }, deps);
    expect(created).toEqual({ PhysicalResourceId: 'acme/chat', Data: { Url: 'https://chat.example.invalid', State: 'running' } });
    expect(secretsRead).toEqual([SECRET_ARN]);

    const update: EndpointResourceEvent = { RequestType: 'Update', PhysicalResourceId: 'acme/chat', ResourceProperties: props(4), OldResourceProperties: props(2) };
    await expect(handleEndpointEvent(update, deps)).resolves.toMatchObject({ PhysicalResourceId: 'acme/chat' });
    expect(api.endpoints.get('acme/chat').compute.scaling.maxReplica).toBe(4);

    await handleEndpointEvent({ RequestType: 'Delete', PhysicalResourceId: 'acme/chat', ResourceProperties: props(4) }, deps);
    expect(api.endpoints.has('acme/chat')).toBe(false);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v2/endpoint/acme', 'PUT /v2/endpoint/acme/chat', 'DELETE /v2/endpoint/acme/chat']);
    expect(api.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  test('WHEN the endpoint is already gone (404) THEN delete succeeds', async () => {
    await expect(handleEndpointEvent({ RequestType: 'Delete', PhysicalResourceId: 'acme/missing', ResourceProperties: props(1) }, deps)).resolves.toEqual({ PhysicalResourceId: 'acme/missing', Data: {} });
  });

  test('WHEN a failed create left a generated physical id THEN delete calls nothing', async () => {
    api.requests.length = 0;
    await handleEndpointEvent({ RequestType: 'Delete', PhysicalResourceId: 'stack-HfEndpoint-1A2B3C', ResourceProperties: props(1) }, deps);
    expect(api.requests).toEqual([]);
  });

  test('WHEN the name changes THEN the update creates a new endpoint under a new physical id (CloudFormation deletes the old)', async () => {
    const renamed = { ...props(1), Name: 'chat-v2', Body: body(1).replace('"chat"', '"chat-v2"') };
    const result = await handleEndpointEvent({ RequestType: 'Update', PhysicalResourceId: 'acme/chat', ResourceProperties: renamed, OldResourceProperties: props(1) }, deps);
    expect(result.PhysicalResourceId).toBe('acme/chat-v2');
    expect(api.endpoints.has('acme/chat-v2')).toBe(true);
  });

  test('WHEN the API refuses THEN the error carries HF message and not the token', async () => {
    api.script.push({ status: 400, body: { error: 'Quota exceeded for nvidia-l4' } });
    const error: Error = await handleEndpointEvent({ RequestType: 'Create', ResourceProperties: { ...props(1), Name: 'other' } }, deps).catch((e) => e);
    expect(error.message).toContain('HTTP 400: Quota exceeded for nvidia-l4');
    expect(error.message).not.toContain(TOKEN);
  });
});
