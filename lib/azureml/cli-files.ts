/**
 * The `az ml` YAML files of the online endpoint, its environment and its two deployments: what the
 * cdktf stack hands over, since hashicorp/azurerm (cdktf binding 14.23) has no online endpoint or
 * deployment resource (only the workspace, compute and the AKS inference cluster) and the azapi provider
 * is not among this project's bindings. Keys follow the CLI v2 schemas
 * (azuremlschemas.azureedge.net/latest/{managedOnlineEndpoint,managedOnlineDeployment,environment}.schema.json,
 * learn.microsoft.com/azure/machine-learning/reference-yaml-deployment-managed-online, read 2026-12-03).
 */
import type { AzureMlOnlineEndpointDescription } from './describe-online-endpoint';

const SCHEMAS = 'https://azuremlschemas.azureedge.net/latest';

/** ISO-8601 seconds (`PT600S`) as the integer seconds the YAML wants. */
function seconds(iso: string): number {
  return Number(/^PT(\d+)S$/.exec(iso)?.[1] ?? NaN);
}

/** File name → YAML document, plus the commands that apply them in order. */
export interface AzureMlCliNames {
  readonly storageAccountName: string;
  /** Resource id and client id of the user-assigned identity the endpoint runs as. */
  readonly identityResourceId: string;
  readonly identityClientId: string;
}

export function azureMlCliFiles(d: AzureMlOnlineEndpointDescription, names: AzureMlCliNames): { files: Record<string, object>; commands: string[] } {
  const environmentName = `${d.name}-vllm`;
  const probe = { initial_delay: seconds(d.probes.initialDelay), period: seconds(d.probes.period), failure_threshold: d.probes.failureThreshold };
  const route = (path: string) => ({ port: d.container.port, path });
  const files: Record<string, object> = {
    'environment.yml': {
      $schema: `${SCHEMAS}/environment.schema.json`, name: environmentName, version: '1', build: { path: '.' },
      inference_config: { liveness_route: route(d.container.livenessPath), readiness_route: route(d.container.readinessPath), scoring_route: route(d.container.scoringPath) },
    },
    'endpoint.yml': {
      $schema: `${SCHEMAS}/managedOnlineEndpoint.schema.json`, name: d.endpointName,
      auth_mode: d.authMode === 'AADToken' ? 'aad_token' : d.authMode === 'Key' ? 'key' : 'aml_token',
      public_network_access: d.publicNetworkAccess.toLowerCase(),
      identity: { type: 'user_assigned', user_assigned_identities: [{ resource_id: names.identityResourceId }] },
    },
  };
  for (const deployment of d.deployments) {
    files[`${deployment.name}.yml`] = {
      $schema: `${SCHEMAS}/managedOnlineDeployment.schema.json`, name: deployment.name, endpoint_name: d.endpointName,
      environment: `azureml:${environmentName}:1`, instance_type: d.machine.machineType, instance_count: d.instanceCount,
      egress_public_network_access: 'disabled', app_insights_enabled: true,
      environment_variables: { AZURE_STORAGE_ACCOUNT_NAME: names.storageAccountName, AZURE_CLIENT_ID: names.identityClientId },
      liveness_probe: probe, readiness_probe: probe,
      request_settings: { request_timeout_ms: 90_000, max_concurrent_requests_per_instance: d.maxConcurrentRequestsPerInstance },
    };
  }
  const split = d.deployments.map((x) => `${x.name}=${x.trafficPercent}`).join(' ');
  const commands = [
    'az ml environment create --file environment.yml',
    'az ml online-endpoint create --file endpoint.yml',
    ...d.deployments.map((x) => `az ml online-deployment create --file ${x.name}.yml`),
    `az ml online-endpoint update --name ${d.endpointName} --traffic "${split}"`,
  ];
  return { files, commands };
}
