/**
 * The alert rules of Azure deployments, engine-neutral and pure:
 * - AKS: the very alerts the EKS PrometheusRule carries for vLLM (lib/kubernetes/monitoring.ts `vllmAlertGroups`, also
 *   reused by GKE's Rules object) as one Azure Monitor Prometheus rule group, evaluated by Azure Monitor over the
 *   cluster's Monitor workspace (Azure Monitor managed Prometheus takes no PrometheusRule objects);
 * - Azure ML online endpoints: metric alerts on the endpoint's own platform metrics.
 * Every rule names the deployment's action group (lib/azure/alert-routing.ts).
 */
import type { AzureMlOnlineEndpointDescription } from '../azureml/describe-online-endpoint';
import { servingContext } from '../kubernetes/context';
import { vllmAlertGroups } from '../kubernetes/monitoring';
import type { LlmServingObjectsOptions } from '../kubernetes/options';
import type { DeploymentPlan } from '../plan/deployment-plan';
import { latencyThresholdMs } from '../sagemaker/alarms';

/** Azure Monitor alert severities: 0 Critical, 1 Error, 2 Warning, 3 Informational, 4 Verbose (learn.microsoft.com/azure/azure-monitor/alerts/alerts-overview, read 2026-12-03). */
export type AzureAlertSeverity = 0 | 1 | 2 | 3 | 4;

/** The Prometheus `severity` label of our alerts mapped to Azure's numeric severity. */
export function azureSeverityOf(label: string | undefined): AzureAlertSeverity {
  return label === 'critical' ? 0 : label === 'warning' ? 2 : 3;
}

/** A Prometheus duration (`10m`, `30s`, `1h`, `0m`) as the ISO-8601 duration Azure rule groups take (`PT10M`); `undefined` for zero. */
export function isoDurationOf(prometheus: string): string | undefined {
  const m = /^(\d+)([smh])$/.exec(prometheus.trim());
  if (!m) throw new Error(`'${prometheus}' is not a Prometheus duration of seconds, minutes or hours`);
  const n = Number(m[1]);
  return n === 0 ? undefined : `PT${n}${m[2]!.toUpperCase()}`;
}

/** One alert rule of an Azure Monitor Prometheus rule group (Microsoft.AlertsManagement/prometheusRuleGroups, API 2023-03-01). */
export interface AzurePrometheusAlertRule {
  readonly alert: string;
  /** PromQL, carried over unchanged. */
  readonly expression: string;
  /** ISO-8601 pending time. @default - fires at once */
  readonly for?: string;
  readonly severity: AzureAlertSeverity;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The alert resolves by itself this long after its expression stops matching. */
  readonly resolveAfter: string;
}

/** A Prometheus rule group scoped to the cluster's Azure Monitor workspace. */
export interface AzurePrometheusRuleGroupDesign {
  /** Rule group name (`<deployment>-vllm`). */
  readonly name: string;
  /** AKS cluster the rules are about (the `cluster` label managed Prometheus adds to each series). */
  readonly clusterName: string;
  /** Evaluation interval, ISO-8601. */
  readonly interval: string;
  readonly rules: readonly AzurePrometheusAlertRule[];
}

/**
 * The vLLM alerts of an AKS deployment as one Azure Prometheus rule group: one Azure rule per AlertRule, the PromQL,
 * labels and annotations unchanged. `GpuXidError` reads DCGM exporter series: it evaluates to nothing until a DCGM
 * exporter is scraped into the workspace (llm-aks installs none; docs/clouds/azure.md).
 */
export function aksPrometheusRuleGroup(serving: LlmServingObjectsOptions, clusterName: string): AzurePrometheusRuleGroupDesign {
  const groups = vllmAlertGroups(servingContext(serving));
  return {
    name: `${serving.name}-vllm`,
    clusterName,
    interval: 'PT1M',
    rules: groups.flatMap((group) => group.rules).map((rule) => {
      const pending = isoDurationOf(rule.for);
      return {
        alert: rule.alert,
        expression: rule.expr,
        ...(pending && { for: pending }),
        severity: azureSeverityOf(rule.labels?.severity),
        labels: { ...(rule.labels ?? {}) },
        annotations: { ...(rule.annotations ?? {}) },
        resolveAfter: 'PT10M',
      };
    }),
  };
}

/** Metric namespace of Azure ML online endpoints. */
export const ONLINE_ENDPOINT_METRIC_NAMESPACE = 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints';

/** A static-threshold metric alert on one resource (Microsoft.Insights/metricAlerts, SingleResourceMultipleMetricCriteria). */
export interface AzureMetricAlertDesign {
  readonly name: string;
  readonly description: string;
  readonly severity: AzureAlertSeverity;
  /** ISO-8601 evaluation frequency and window. */
  readonly frequency: string;
  readonly windowSize: string;
  readonly criterion: {
    readonly metricNamespace: string;
    readonly metricName: string;
    readonly aggregation: 'Average' | 'Minimum' | 'Maximum' | 'Total' | 'Count';
    readonly operator: 'GreaterThan' | 'GreaterThanOrEqual' | 'LessThan' | 'LessThanOrEqual';
    readonly threshold: number;
    /** Dimension filters (`Include`). @default - none */
    readonly dimensions?: readonly { readonly name: string; readonly values: readonly string[] }[];
  };
}

/** More than one failed request a minute, averaged over the window (about 1 % at the blueprints' 2 requests/s). */
export const ENDPOINT_SERVER_ERRORS_PER_MINUTE = 1;

/**
 * The metric alerts of an Azure ML online endpoint, on its platform metrics (metric names from "Supported metrics for
 * Microsoft.MachineLearningServices/workspaces/onlineEndpoints", learn.microsoft.com/azure/azure-monitor/reference/
 * supported-metrics, read 2026-12-03): `RequestLatency_P95` (ms, Average) above the latency objective (the spec's
 * `traffic.p95LatencyMs`, else 1.5 × the planned time of a typical LLM request, as the SageMaker alarms), and
 * `RequestsPerMinute` (Average) of dimension `statusCodeClass` = `5xx` above {@link ENDPOINT_SERVER_ERRORS_PER_MINUTE}.
 */
export function azureMlEndpointAlerts(d: AzureMlOnlineEndpointDescription, plan: DeploymentPlan): AzureMetricAlertDesign[] {
  const latency = latencyThresholdMs(plan);
  return [
    {
      name: `${d.name}-latency-p95`,
      description: `p95 request latency of ${d.endpointName} above ${latency} ms for 15 minutes: check queueing and whether the deployments are at their instance limit`,
      severity: 2, frequency: 'PT5M', windowSize: 'PT15M',
      criterion: { metricNamespace: ONLINE_ENDPOINT_METRIC_NAMESPACE, metricName: 'RequestLatency_P95', aggregation: 'Average', operator: 'GreaterThan', threshold: latency },
    },
    {
      name: `${d.name}-server-errors`,
      description: `${d.endpointName} answers more than ${ENDPOINT_SERVER_ERRORS_PER_MINUTE} request a minute with a 5xx: read the deployment logs (az ml online-deployment get-logs)`,
      severity: 1, frequency: 'PT5M', windowSize: 'PT15M',
      criterion: {
        metricNamespace: ONLINE_ENDPOINT_METRIC_NAMESPACE, metricName: 'RequestsPerMinute', aggregation: 'Average', operator: 'GreaterThan',
        threshold: ENDPOINT_SERVER_ERRORS_PER_MINUTE, dimensions: [{ name: 'statusCodeClass', values: ['5xx'] }],
      },
    },
  ];
}

/** The ARM id of an online endpoint of a workspace (the scope of its metric alerts). */
export function onlineEndpointId(workspaceId: string, endpointName: string): string {
  return `${workspaceId}/onlineEndpoints/${endpointName}`;
}
