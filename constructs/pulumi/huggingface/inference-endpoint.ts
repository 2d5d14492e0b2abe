/**
 * A Hugging Face Inference Endpoint as a Pulumi dynamic resource: its provider creates, diffs, updates (PUT of
 * the changed body) and deletes (a 404 is already gone) through the same Endpoints API client as the CDK custom
 * resource. The token is read from Secrets Manager by ARN when the provider runs (with the deployer's AWS
 * credentials), so it is never an input, an output or part of the Pulumi state.
 */
import * as pulumi from '@pulumi/pulumi';
import * as path from 'node:path';
import type { HuggingFaceEndpointDefinition } from '../../../lib/huggingface-endpoints/endpoint-definition';

/** The dynamic resource's inputs (all plain values once resolved). */
export interface HuggingFaceEndpointProviderInputs {
  readonly namespace: string;
  readonly name: string;
  /** The API body, JSON. */
  readonly body: string;
  /** Secret (ARN or name) holding the token. */
  readonly tokenSecret: string;
  /** AWS region of the secret. */
  readonly secretRegion: string;
  readonly apiBaseUrl?: string;
}

/**
 * The provider's module path, captured as a string: the serialized provider `require`s the client from the
 * installed package when it runs, rather than carrying a serialized copy of it.
 */
const LIB = path.join(__dirname, '..', '..', '..', 'lib', 'huggingface-endpoints');

async function clientFor(inputs: HuggingFaceEndpointProviderInputs): Promise<import('../../../lib/huggingface-endpoints/client').HuggingFaceEndpointsClient> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { HuggingFaceEndpointsClient } = require(`${LIB}/client`) as typeof import('../../../lib/huggingface-endpoints/client');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sm = require('@aws-sdk/client-secrets-manager') as typeof import('@aws-sdk/client-secrets-manager');
  const value = await new sm.SecretsManagerClient({ region: inputs.tokenSecret.startsWith('arn:') ? inputs.tokenSecret.split(':')[3] : inputs.secretRegion }).send(new sm.GetSecretValueCommand({ SecretId: inputs.tokenSecret }));
  const text = value.SecretString ?? '';
  let token = text;
  try { const json = JSON.parse(text) as { token?: string }; if (typeof json.token === 'string') token = json.token; } catch { /* plain string */ }
  return new HuggingFaceEndpointsClient({ token, baseUrl: inputs.apiBaseUrl });
}

/** create / diff / update / delete of one endpoint. */
export const huggingFaceEndpointProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: HuggingFaceEndpointProviderInputs) {
    const state = await (await clientFor(inputs)).create(inputs.namespace, JSON.parse(inputs.body));
    return { id: `${inputs.namespace}/${inputs.name}`, outs: { ...inputs, url: state.status?.url ?? '' } };
  },
  async diff(_id: string, olds: HuggingFaceEndpointProviderInputs, news: HuggingFaceEndpointProviderInputs) {
    const replaces = (['namespace', 'name'] as const).filter((k) => olds[k] !== news[k]);
    const changes = replaces.length > 0 || olds.body !== news.body || olds.tokenSecret !== news.tokenSecret || olds.apiBaseUrl !== news.apiBaseUrl;
    return { changes, replaces, deleteBeforeReplace: false };
  },
  async update(_id: string, _olds: HuggingFaceEndpointProviderInputs, news: HuggingFaceEndpointProviderInputs) {
    const state = await (await clientFor(news)).update(news.namespace, news.name, JSON.parse(news.body));
    return { outs: { ...news, url: state.status?.url ?? '' } };
  },
  async delete(_id: string, props: HuggingFaceEndpointProviderInputs) {
    await (await clientFor(props)).delete(props.namespace, props.name);
  },
};

export interface HuggingFaceInferenceEndpointArgs {
  /** The endpoint (from `huggingFaceEndpointDefinition(plan, options)`). */
  readonly definition: HuggingFaceEndpointDefinition;
  /** AWS region of the token's secret. */
  readonly secretRegion: string;
  /** @default - https://api.endpoints.huggingface.cloud/v2 */
  readonly apiBaseUrl?: string;
}

export class HuggingFaceInferenceEndpoint extends pulumi.dynamic.Resource {
  /** The endpoint's URL once the API reports it. */
  public readonly url!: pulumi.Output<string>;

  constructor(name: string, args: HuggingFaceInferenceEndpointArgs, opts?: pulumi.CustomResourceOptions) {
    const { definition } = args;
    const inputs: HuggingFaceEndpointProviderInputs = {
      namespace: definition.namespace,
      name: definition.name,
      body: JSON.stringify(definition.body),
      tokenSecret: definition.tokenSecret,
      secretRegion: args.secretRegion,
      ...(args.apiBaseUrl ? { apiBaseUrl: args.apiBaseUrl } : {}),
    };
    super(huggingFaceEndpointProvider, name, { ...inputs, url: undefined }, opts, 'ai-model-deployment', 'HuggingFaceInferenceEndpoint');
  }
}
