/** Deployment facts of a synthesized cdktf stack (`cdk.tf.json`). */
import { parse } from 'yaml';
import type { KubeObject } from '../../kubernetes/types';
import { azureFactsFromTerraform, azurePrivateLinksFromTerraform } from './facts-azure';
import { type DeploymentFacts, durationSeconds, emptyFacts, endpointUpdateOf, jsonObject, statementsOf, uniqueObjects } from './facts';

type Block = Record<string, any>;

/** Helm chart values: a list of YAML documents, merged in order (top-level keys; enough for the checks). */
function helmValues(values: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(values)) return undefined;
  const merged: Record<string, unknown> = {};
  for (const doc of values) {
    try {
      Object.assign(merged, jsonObject(parse(String(doc))) ?? {});
    } catch {
      // A document with unresolved interpolation that is not YAML: nothing to read.
    }
  }
  return merged;
}

export function factsFromTerraform(json: Record<string, any>): DeploymentFacts {
  const resources = (json.resource ?? {}) as Record<string, Record<string, Block>>;
  const each = (type: string) => Object.entries(resources[type] ?? {}).map(([name, block]) => ({ address: `${type}.${name}`, block }));
  const backends = Object.entries((json.terraform?.backend ?? {}) as Record<string, Record<string, unknown>>);
  const alarms = each('aws_cloudwatch_metric_alarm').map(({ address, block }) => ({ resource: address, actions: (block.alarm_actions ?? []).length }));
  return {
    ...emptyFacts('terraform'),
    kubeObjects: uniqueObjects(each('kubernetes_manifest').map(({ block }) => block.manifest as KubeObject)),
    nodeGroups: each('aws_eks_node_group').map(({ address, block }) => ({
      resource: address, instanceTypes: block.instance_types ?? [], minSize: block.scaling_config?.min_size ?? 1, maxSize: block.scaling_config?.max_size ?? 1,
      labels: block.labels ?? {}, launchTemplate: block.launch_template !== undefined,
    })),
    helmReleases: each('helm_release').map(({ address, block }) => ({
      resource: address, chart: String(block.chart), namespace: String(block.namespace ?? 'default'),
      // The helm provider's default timeout is 300 s (registry.terraform.io/providers/hashicorp/helm, helm_release).
      timeoutSeconds: durationSeconds(block.timeout ?? 300), values: helmValues(block.values), ...(typeof block.name === 'string' && { release: block.name }),
    })),
    policies: [
      ...each('aws_iam_role_policy').map(({ address, block }) => ({ resource: address, statements: statementsOf(block.policy) })),
      ...each('aws_iam_policy').map(({ address, block }) => ({ resource: address, statements: statementsOf(block.policy) })),
    ],
    alarms: [...alarms, ...each('aws_cloudwatch_composite_alarm').map(({ address, block }) => ({ resource: address, actions: (block.alarm_actions ?? []).length }))],
    topics: each('aws_sns_topic').map(({ address }) => ({ resource: address })),
    // AWS Chatbot channels subscribe to the topics they name.
    subscriptions: ['aws_sns_topic_subscription', 'aws_chatbot_slack_channel_configuration', 'aws_chatbot_teams_channel_configuration'].reduce((n, type) => n + each(type).length, 0),
    logGroups: each('aws_cloudwatch_log_group').map(({ address, block }) => ({
      resource: address, name: typeof block.name === 'string' ? block.name : undefined, retentionDays: block.retention_in_days, encrypted: block.kms_key_id !== undefined,
    })),
    clusters: each('aws_eks_cluster').map(({ address, block }) => ({
      resource: address, name: typeof block.name === 'string' ? block.name : undefined, logTypes: block.enabled_cluster_log_types ?? [], autoMode: block.compute_config?.enabled === true,
    })),
    addons: each('aws_eks_addon').map(({ address, block }) => ({ resource: address, name: String(block.addon_name), configuration: jsonObject(block.configuration_values) })),
    apiRoutes: [
      ...each('aws_apigatewayv2_route').map(({ address, block }) => ({ resource: address, authorizationType: block.authorization_type ?? 'NONE' })),
      ...each('aws_lambda_function_url').map(({ address, block }) => ({ resource: address, authorizationType: block.authorization_type ?? 'NONE' })),
    ],
    endpointUpdates: each('aws_sagemaker_endpoint').flatMap(({ address, block }) => {
      const configs = each('aws_sagemaker_endpoint_configuration');
      const ref = /aws_sagemaker_endpoint_configuration\.([^.]+)\./.exec(String(block.endpoint_config_name))?.[1];
      const config = configs.find((c) => c.address === `aws_sagemaker_endpoint_configuration.${ref}`) ?? (configs.length === 1 ? configs[0] : undefined);
      const update = endpointUpdateOf(address, block.deployment_config, config?.block.production_variants);
      return update ? [update] : [];
    }),
    ...azureFactsFromTerraform(each),
    azurePrivateLinks: azurePrivateLinksFromTerraform(each),
    gcpMonitoring: {
      alertPolicies: each('google_monitoring_alert_policy').map(({ address, block }) => ({ resource: address, channels: (block.notification_channels ?? []).length })),
      budgets: each('google_billing_budget').map(({ address, block }) => ({ resource: address, channels: (block.all_updates_rule?.monitoring_notification_channels ?? []).length })),
    },
    stateBackend: backends.length > 0 ? { type: backends[0]![0], config: backends[0]![1] } : { type: 'local', config: {} },
    managedClusters: [
      ...each('google_container_cluster').map(({ address }) => ({ resource: address, addons: [] })),
      ...each('azurerm_kubernetes_cluster').map(({ address, block }) => ({
        resource: address, addons: [block.workload_autoscaler_profile].flat().some((p: Block | undefined) => p?.keda_enabled === true) ? ['keda'] : [],
      })),
    ],
  };
}
