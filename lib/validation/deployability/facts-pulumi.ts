/** Deployment facts of a Pulumi program's recorded resources (captured under mocks). */
import type { KubeObject } from '../../kubernetes/types';
import type { RecordedPulumiResource } from '../pulumi-mocks';
import { azureFactsFromPulumi, azurePrivateLinksFromPulumi } from './facts-azure';
import { type DeploymentFacts, durationSeconds, emptyFacts, endpointUpdateOf, jsonObject, statementsOf, uniqueObjects } from './facts';

/** Kubernetes objects a Pulumi program applies: typed resources and the objects of `yaml.ConfigGroup`s. */
function kubeObjects(resources: readonly RecordedPulumiResource[]): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const r of resources) {
    if (!r.type.startsWith('kubernetes:') || r.type.startsWith('kubernetes:helm.sh') || r.type.startsWith('pulumi:')) continue;
    if (r.type.startsWith('kubernetes:yaml:')) objects.push(...((r.inputs.objs ?? []) as KubeObject[]));
    else if (typeof r.inputs.kind === 'string') objects.push(r.inputs as unknown as KubeObject);
  }
  return uniqueObjects(objects);
}

export function factsFromPulumi(resources: readonly RecordedPulumiResource[]): DeploymentFacts {
  const of = (type: string) => resources.filter((r) => r.type === type).map((r) => ({ resource: r.urn ?? r.name, inputs: r.inputs as Record<string, any> }));
  return {
    ...emptyFacts('pulumi'),
    kubeObjects: kubeObjects(resources),
    ...azureFactsFromPulumi(of),
    azurePrivateLinks: azurePrivateLinksFromPulumi(resources),
    nodeGroups: of('aws:eks/nodeGroup:NodeGroup').map(({ resource, inputs }) => ({
      resource, instanceTypes: inputs.instanceTypes ?? [], minSize: inputs.scalingConfig?.minSize ?? 1, maxSize: inputs.scalingConfig?.maxSize ?? 1,
      labels: inputs.labels ?? {}, launchTemplate: inputs.launchTemplate !== undefined,
    })),
    helmReleases: of('kubernetes:helm.sh/v3:Release').map(({ resource, inputs }) => ({
      // Pulumi's Release waits 300 s unless told otherwise (@pulumi/kubernetes helm.v3.Release `timeout`).
      resource, chart: String(inputs.chart), namespace: String(inputs.namespace ?? 'default'), timeoutSeconds: durationSeconds(inputs.timeout ?? 300), values: jsonObject(inputs.values),
      ...(typeof inputs.name === 'string' && { release: inputs.name }),
    })),
    policies: ['aws:iam/rolePolicy:RolePolicy', 'aws:iam/policy:Policy'].flatMap((t) => of(t).map(({ resource, inputs }) => ({ resource, statements: statementsOf(inputs.policy) }))),
    alarms: of('aws:cloudwatch/metricAlarm:MetricAlarm').map(({ resource, inputs }) => ({ resource, actions: (inputs.alarmActions ?? []).length })),
    topics: of('aws:sns/topic:Topic').map(({ resource }) => ({ resource })),
    // AWS Chatbot channels subscribe to the topics they name.
    subscriptions: ['aws:sns/topicSubscription:TopicSubscription', 'aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration', 'aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration']
      .reduce((n, type) => n + of(type).length, 0),
    logGroups: of('aws:cloudwatch/logGroup:LogGroup').map(({ resource, inputs }) => ({
      resource, name: typeof inputs.name === 'string' ? inputs.name : undefined, retentionDays: inputs.retentionInDays, encrypted: inputs.kmsKeyId !== undefined,
    })),
    clusters: of('aws:eks/cluster:Cluster').map(({ resource, inputs }) => ({
      resource, name: typeof inputs.name === 'string' ? inputs.name : undefined, logTypes: inputs.enabledClusterLogTypes ?? [], autoMode: inputs.computeConfig?.enabled === true,
    })),
    addons: of('aws:eks/addon:Addon').map(({ resource, inputs }) => ({ resource, name: String(inputs.addonName), configuration: jsonObject(inputs.configurationValues) })),
    endpointUpdates: of('aws:sagemaker/endpoint:Endpoint').flatMap(({ resource, inputs }) => {
      const configs = of('aws:sagemaker/endpointConfiguration:EndpointConfiguration');
      const config = configs.find((c) => c.inputs.name === inputs.endpointConfigName) ?? (configs.length === 1 ? configs[0] : undefined);
      const update = endpointUpdateOf(resource, inputs.deploymentConfig, config?.inputs.productionVariants);
      return update ? [update] : [];
    }),
    gcpMonitoring: {
      alertPolicies: of('gcp:monitoring/alertPolicy:AlertPolicy').map(({ resource, inputs }) => ({ resource, channels: (inputs.notificationChannels ?? []).length })),
      budgets: of('gcp:billing/budget:Budget').map(({ resource, inputs }) => ({ resource, channels: (inputs.allUpdatesRule?.monitoringNotificationChannels ?? []).length })),
    },
    managedClusters: [
      ...of('gcp:container/cluster:Cluster').map(({ resource }) => ({ resource, addons: [] })),
      ...of('azure-native:containerservice:ManagedCluster').map(({ resource, inputs }) => ({ resource, addons: inputs.workloadAutoScalerProfile?.keda?.enabled === true ? ['keda'] : [] })),
    ],
    apiRoutes: [
      ...of('aws:apigatewayv2/route:Route').map(({ resource, inputs }) => ({ resource, authorizationType: inputs.authorizationType ?? 'NONE' })),
      ...of('aws:lambda/functionUrl:FunctionUrl').map(({ resource, inputs }) => ({ resource, authorizationType: inputs.authorizationType ?? 'NONE' })),
    ],
  };
}
