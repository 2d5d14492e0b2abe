/**
 * What the CDK custom resource does with each CloudFormation event, apart from the AWS plumbing (reading the
 * token, answering CloudFormation): create = POST the body, update = PUT the changed body (or create a new
 * endpoint when its namespace/name changed, so that CloudFormation deletes the old one), delete = DELETE,
 * where a 404 means it is already gone. The physical id is `namespace/name`.
 */
import { HuggingFaceEndpointsClient } from './client';

/** The custom resource's properties (CloudFormation passes every value as a string). */
export interface EndpointResourceProperties {
  readonly Namespace: string;
  readonly Name: string;
  /** The API body, JSON. */
  readonly Body: string;
  /** ARN of the Secrets Manager secret holding the token. */
  readonly TokenSecretArn: string;
  /** @default HUGGING_FACE_ENDPOINTS_API */
  readonly ApiBaseUrl?: string;
  /** 'true' to wait until the endpoint runs (bounded by the Lambda's remaining time). @default 'false' */
  readonly WaitUntilRunning?: string;
}

export interface EndpointResourceEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResourceProperties: EndpointResourceProperties & { readonly ServiceToken?: string };
  readonly OldResourceProperties?: EndpointResourceProperties;
  readonly PhysicalResourceId?: string;
}

export interface EndpointResourceResult {
  readonly PhysicalResourceId: string;
  readonly Data: { readonly Url?: string; readonly State?: string };
}

export interface EndpointHandlerDependencies {
  /** Reads the token from the secret at run time. */
  readonly readToken: (secretArn: string) => Promise<string>;
  /** @default - global fetch */
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Milliseconds a wait for `running` may take. @default 600000 */
  readonly waitTimeoutMs?: number;
  /** Retries of the client. @default 4 */
  readonly retries?: number;
}

export const physicalIdOf = (namespace: string, name: string): string => `${namespace}/${name}`;

/** Handles one CloudFormation event against the Endpoints API. @throws HuggingFaceEndpointsApiError with HF's message */
export async function handleEndpointEvent(event: EndpointResourceEvent, deps: EndpointHandlerDependencies): Promise<EndpointResourceResult> {
  const props = event.ResourceProperties;
  const client = new HuggingFaceEndpointsClient({
    token: await deps.readToken(props.TokenSecretArn),
    baseUrl: props.ApiBaseUrl || undefined,
    fetch: deps.fetch,
    sleep: deps.sleep,
    retries: deps.retries,
    backoffMs: deps.sleep ? 1 : undefined,
  });
  const id = physicalIdOf(props.Namespace, props.Name);
  if (event.RequestType === 'Delete') {
    const [namespace, ...rest] = (event.PhysicalResourceId ?? '').split('/');
    // A create that failed before the endpoint existed leaves CloudFormation's generated id: nothing to delete.
    if (namespace && rest.length === 1) await client.delete(namespace, rest[0]!);
    return { PhysicalResourceId: event.PhysicalResourceId ?? id, Data: {} };
  }
  const body = JSON.parse(props.Body) as object;
  const renamed = event.RequestType === 'Update' && event.PhysicalResourceId !== id;
  const state = event.RequestType === 'Create' || renamed
    ? await client.create(props.Namespace, body)
    : props.Body === event.OldResourceProperties?.Body && props.TokenSecretArn === event.OldResourceProperties?.TokenSecretArn
      ? await client.get(props.Namespace, props.Name)
      : await client.update(props.Namespace, props.Name, body);
  const final = props.WaitUntilRunning === 'true'
    ? await client.waitUntilRunning(props.Namespace, props.Name, { timeoutMs: deps.waitTimeoutMs ?? 600_000, pollMs: 15_000 })
    : state;
  // Always both attributes: CloudFormation fails a stack that reads an attribute the response lacks.
  return { PhysicalResourceId: id, Data: { Url: final?.status?.url ?? '', State: final?.status?.state ?? '' } };
}
