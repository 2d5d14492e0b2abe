/** Deployment facts of a synthesized CloudFormation template (the CDK engine). */
import type { KubeObject } from '../../kubernetes/types';
import { type DeploymentFacts, durationSeconds, emptyFacts, endpointUpdateOf, type EndpointUpdateFact, jsonObject, statementsOf, uniqueObjects } from './facts';

type Resource = { readonly Type: string; readonly Properties?: Record<string, any> };

/** Lambda's maximum timeout, the limit of any custom-resource handler (Lambda quotas, read 2026-12-02). */
export const LAMBDA_MAX_TIMEOUT_SECONDS = 900;

/**
 * A string property as text: literals as they are, `Fn::Join` with every intrinsic replaced by `TOKEN` (they sit
 * inside JSON strings in the manifests CDK writes, so the text still parses).
 */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  if (!Array.isArray(join)) return undefined;
  return join[1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join(join[0]);
}

function manifests(value: unknown): KubeObject[] {
  const raw = text(value);
  if (raw === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return (Array.isArray(parsed) ? parsed : [parsed]) as KubeObject[];
  } catch {
    return [];
  }
}

function callerLimit(resources: Record<string, Resource>, serviceToken: unknown): number {
  const target = (serviceToken as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];
  const fn = target !== undefined ? resources[target] : undefined;
  const timeout = fn?.Type === 'AWS::Lambda::Function' ? fn.Properties?.Timeout : undefined;
  return typeof timeout === 'number' ? timeout : LAMBDA_MAX_TIMEOUT_SECONDS;
}

export function factsFromCloudFormation(template: Record<string, any>): DeploymentFacts {
  const facts = emptyFacts('cdk');
  const resources = (template.Resources ?? {}) as Record<string, Resource>;
  const kube: KubeObject[] = [];
  const out = {
    nodeGroups: [] as any[], helmReleases: [] as any[], policies: [] as any[], alarms: [] as any[], topics: [] as any[],
    logGroups: [] as any[], clusters: [] as any[], addons: [] as any[], apiRoutes: [] as any[],
  };
  let subscriptions = 0;
  const endpointUpdates: EndpointUpdateFact[] = [];
  for (const [id, r] of Object.entries(resources)) {
    const p = r.Properties ?? {};
    switch (r.Type) {
      case 'Custom::AWSCDK-EKS-KubernetesResource':
        kube.push(...manifests(p.Manifest));
        break;
      case 'Custom::AWSCDK-EKS-HelmChart':
        out.helmReleases.push({
          resource: id, chart: String(p.Chart), namespace: String(p.Namespace ?? 'default'),
          timeoutSeconds: durationSeconds(p.Timeout), callerLimitSeconds: callerLimit(resources, p.ServiceToken),
          values: jsonObject(text(p.Values)), ...(typeof p.Release === 'string' && { release: p.Release }),
        });
        break;
      case 'AWS::EKS::Nodegroup':
        out.nodeGroups.push({
          resource: id, instanceTypes: p.InstanceTypes ?? [], minSize: p.ScalingConfig?.MinSize ?? 1, maxSize: p.ScalingConfig?.MaxSize ?? 1,
          labels: p.Labels ?? {}, launchTemplate: p.LaunchTemplate !== undefined,
        });
        break;
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
        out.policies.push({ resource: id, statements: statementsOf(p.PolicyDocument) });
        break;
      case 'AWS::IAM::Role':
        for (const [i, inline] of ((p.Policies ?? []) as Array<{ PolicyDocument: unknown }>).entries()) {
          out.policies.push({ resource: `${id}/Policies/${i}`, statements: statementsOf(inline.PolicyDocument) });
        }
        break;
      case 'AWS::CloudWatch::Alarm':
      case 'AWS::CloudWatch::CompositeAlarm':
        out.alarms.push({ resource: id, actions: (p.AlarmActions ?? []).length });
        break;
      case 'AWS::SNS::Topic':
        out.topics.push({ resource: id });
        subscriptions += (p.Subscription ?? []).length;
        break;
      case 'AWS::SNS::Subscription':
      // AWS Chatbot channels subscribe to the topics they name.
      case 'AWS::Chatbot::SlackChannelConfiguration':
      case 'AWS::Chatbot::MicrosoftTeamsChannelConfiguration':
        subscriptions += 1;
        break;
      case 'AWS::Logs::LogGroup':
        out.logGroups.push({ resource: id, name: typeof p.LogGroupName === 'string' ? p.LogGroupName : undefined, retentionDays: p.RetentionInDays, encrypted: p.KmsKeyId !== undefined });
        break;
      case 'AWS::EKS::Cluster':
        out.clusters.push({
          resource: id, name: typeof p.Name === 'string' ? p.Name : undefined,
          logTypes: (p.Logging?.ClusterLogging?.EnabledTypes ?? []).map((t: { Type: string }) => t.Type),
          autoMode: p.ComputeConfig?.Enabled === true,
        });
        break;
      case 'AWS::EKS::Addon':
        out.addons.push({ resource: id, name: String(p.AddonName), configuration: jsonObject(p.ConfigurationValues) });
        break;
      case 'AWS::ApiGatewayV2::Route':
        out.apiRoutes.push({ resource: id, authorizationType: p.AuthorizationType ?? 'NONE' });
        break;
      case 'AWS::SageMaker::Endpoint': {
        const ref = (p.EndpointConfigName as { 'Fn::GetAtt'?: [string] } | undefined)?.['Fn::GetAtt']?.[0];
        const update = endpointUpdateOf(id, p.DeploymentConfig, ref ? resources[ref]?.Properties?.ProductionVariants : undefined);
        if (update) endpointUpdates.push(update);
        break;
      }
      case 'AWS::Lambda::Url':
        out.apiRoutes.push({ resource: id, authorizationType: p.AuthType ?? 'NONE' });
        break;
      default:
        break;
    }
  }
  return { ...facts, ...out, subscriptions, endpointUpdates, kubeObjects: uniqueObjects(kube) };
}
