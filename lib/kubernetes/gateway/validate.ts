/** Checks the gateway's inputs as a whole and throws once, listing every problem. */
import { InputValidationError, type InputProblem } from '../../errors';
import type { ModelGatewayProps } from './types';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** HTTPRoute allows at most 64 matches per rule (gateway-api v1.6.1 CRD, `rules[].matches` maxItems). */
export const MAX_ROUTE_MATCHES = 64;

/** Every served name and adapter of a model, base names first. */
export function modelNamesOf(model: ModelGatewayProps['models'][number]): string[] {
  return [...model.servedModelNames, ...(model.loraAdapters ?? [])];
}

/** @throws InputValidationError listing every problem with the models and tenants */
export function validateModelGateway(props: ModelGatewayProps): void {
  const problems: InputProblem[] = [];
  const add = (field: string, value: unknown, message: string, fix: string) => problems.push({ field, value, message, fix });
  for (const [field, value] of [['name', props.name], ['namespace', props.namespace]] as const) {
    if (!DNS_1123_LABEL.test(value) || value.length > 50) add(field, value, 'must be a DNS-1123 label of at most 50 characters', 'use lowercase letters, digits and \'-\'');
  }
  const owner = new Map<string, string>();
  const modelNames = new Set<string>();
  props.models.forEach((model, i) => {
    if (!DNS_1123_LABEL.test(model.name) || model.name.length > 35) add(`models[${i}].name`, model.name, 'must be a DNS-1123 label of at most 35 characters (it names `<name>-pool-epp`)', 'shorten it');
    if (modelNames.has(model.name)) add(`models[${i}].name`, model.name, 'is used by another model', 'give each deployment its own name');
    modelNames.add(model.name);
    if (model.servedModelNames.length === 0) add(`models[${i}].servedModelNames`, model.servedModelNames, 'is empty: no request could reach this deployment', 'list the names vLLM serves (--served-model-name)');
    if (Object.keys(model.podSelector).length === 0) add(`models[${i}].podSelector`, model.podSelector, 'is empty: the InferencePool would select no pods', 'give the labels of the serving pods');
    if (model.requestsPerMinutePerTenant !== undefined && !(Number.isInteger(model.requestsPerMinutePerTenant) && model.requestsPerMinutePerTenant > 0)) {
      add(`models[${i}].requestsPerMinutePerTenant`, model.requestsPerMinutePerTenant, 'must be a positive integer', 'set a limit such as 600, or leave it out');
    }
    for (const name of modelNamesOf(model)) {
      const other = owner.get(name);
      // A name served twice is routable only when one split names both deployments (an A/B test).
      const split = props.trafficSplits?.find((s) => s.modelName === name);
      const splitBetween = split !== undefined && [model.name, other].every((m) => split.backends.some((b) => b.model === m));
      if (other !== undefined && !splitBetween) add(`models[${i}]`, name, `model name '${name}' is also served by '${other}': a request could not be routed`, 'serve each model or adapter name from one deployment');
      owner.set(name, model.name);
    }
  });
  const tenantNames = new Set<string>();
  props.tenants.forEach((tenant, i) => {
    if (!DNS_1123_LABEL.test(tenant.name) || tenant.name.length > 40) add(`tenants[${i}].name`, tenant.name, 'must be a DNS-1123 label of at most 40 characters', 'use lowercase letters, digits and \'-\'');
    if (tenantNames.has(tenant.name)) add(`tenants[${i}].name`, tenant.name, 'is used by another tenant', 'give each tenant its own name');
    tenantNames.add(tenant.name);
    if (tenant.apiKeySecretId === '') add(`tenants[${i}].apiKeySecretId`, tenant.apiKeySecretId, 'is empty', 'name the Secrets Manager secret holding the key');
    for (const allowed of tenant.allowedModels) {
      if (!modelNames.has(allowed)) add(`tenants[${i}].allowedModels`, allowed, 'is not a model behind this gateway', `use one of: ${[...modelNames].join(', ')}`);
    }
    if (tenant.requestsPerMinute !== undefined && !(Number.isInteger(tenant.requestsPerMinute) && tenant.requestsPerMinute > 0)) {
      add(`tenants[${i}].requestsPerMinute`, tenant.requestsPerMinute, 'must be a positive integer', 'set a limit such as 120, or leave it out');
    }
  });
  props.models.forEach((model, i) => {
    const matches = modelNamesOf(model).length * props.tenants.filter((t) => t.allowedModels.includes(model.name)).length;
    if (matches > MAX_ROUTE_MATCHES) {
      add(`models[${i}]`, model.name, `needs ${matches} route matches (names x allowed tenants), over HTTPRoute's ${MAX_ROUTE_MATCHES}`, 'allow fewer tenants per model or serve fewer names');
    }
  });
  checkTrafficSplits(props, add);
  if (problems.length > 0) throw new InputValidationError(`Model gateway '${props.name}'`, problems);
}

/** Splits: a DNS name, two or more distinct backends serving the name in one namespace, weights summing to 100. */
function checkTrafficSplits(props: ModelGatewayProps, add: (field: string, value: unknown, message: string, fix: string) => void): void {
  const splitNames = new Set<string>();
  const modelNames = new Set<string>();
  (props.trafficSplits ?? []).forEach((split, i) => {
    const at = `trafficSplits[${i}]`;
    if (!DNS_1123_LABEL.test(split.name) || split.name.length > 50) add(`${at}.name`, split.name, 'must be a DNS-1123 label of at most 50 characters (it names `<name>-split`)', 'use lowercase letters, digits and \'-\'');
    if (splitNames.has(split.name)) add(`${at}.name`, split.name, 'is used by another split', 'give each split its own name');
    splitNames.add(split.name);
    if (modelNames.has(split.modelName)) add(`${at}.modelName`, split.modelName, 'is split by another split', 'split each model name once, with all its backends');
    modelNames.add(split.modelName);
    if (split.backends.length < 2) add(`${at}.backends`, split.backends.length, 'a split needs two or more deployments', 'list every deployment serving the name with its weight');
    const seen = new Set<string>();
    const namespaces = new Set<string>();
    split.backends.forEach((b, j) => {
      const model = props.models.find((m) => m.name === b.model);
      if (model === undefined) add(`${at}.backends[${j}].model`, b.model, 'is not a model behind this gateway', `use one of: ${props.models.map((m) => m.name).join(', ')}`);
      else {
        if (!model.servedModelNames.includes(split.modelName)) add(`${at}.backends[${j}].model`, b.model, `does not serve '${split.modelName}' (its servedModelNames: ${model.servedModelNames.join(', ')})`, 'serve the split name from every backend (vLLM --served-model-name)');
        namespaces.add(model.namespace);
      }
      if (seen.has(b.model)) add(`${at}.backends[${j}].model`, b.model, 'is listed twice', 'list each deployment once');
      seen.add(b.model);
      if (!(Number.isInteger(b.weight) && b.weight >= 1 && b.weight <= 99)) add(`${at}.backends[${j}].weight`, b.weight, 'must be an integer from 1 to 99', 'give each backend its percent of the requests');
    });
    if (namespaces.size > 1) add(`${at}.backends`, [...namespaces].join(', '), 'are in different namespaces: the split\'s HTTPRoute would need a ReferenceGrant per namespace', 'run the deployments of one A/B test in one namespace');
    const total = split.backends.reduce((sum, b) => sum + b.weight, 0);
    if (total !== 100) add(`${at}.backends`, split.backends.map((b) => b.weight).join(' + '), `weights sum to ${total}, not 100`, 'make the weights percentages that add up to 100');
  });
}
