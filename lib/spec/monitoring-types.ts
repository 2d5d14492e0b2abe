/**
 * The `monitoring` section of a deployment spec and its parts: recipients, drift, ground-truth quality, Managed
 * Prometheus export and budgets (lib/spec/types.ts re-exports these types).
 */
/** A Slack channel notified through AWS Chatbot (the workspace is authorized once in the Chatbot console). */
export interface SlackChannelRecipient {
  /** Slack workspace (team) id, e.g. `T0123ABCD`, shown in the AWS Chatbot console once the workspace is authorized. */
  readonly workspaceId: string;
  /** Slack channel id, e.g. `C0123ABCD` (channel details in Slack). */
  readonly channelId: string;
}

/** A Microsoft Teams channel notified through AWS Chatbot (the team is authorized once in the Chatbot console). */
export interface TeamsChannelRecipient {
  /** Microsoft Teams team id (a GUID). */
  readonly teamId: string;
  /** Teams channel id, as in the channel link (`19:...@thread.tacv2`). */
  readonly channelId: string;
  /** Microsoft Entra tenant id (a GUID). */
  readonly tenantId: string;
}

/**
 * Who hears the alarms: every CloudWatch alarm notifies the deployment's alarm topic, Alertmanager routes every
 * Prometheus alert to the same topic, and each recipient here is a subscription of that topic
 * (docs/environments.md). Secrets are named, never written: the spec holds no URL or key.
 */
export interface AlarmRecipientsSpec {
  /** E-mail addresses subscribed to the alarm topic (each confirms once). @default - none */
  readonly emails?: readonly string[];
  /** Slack channels notified through AWS Chatbot (refused on Azure targets: no action group receiver). @default - none */
  readonly slack?: readonly SlackChannelRecipient[];
  /** Microsoft Teams channels notified through AWS Chatbot (refused on Azure targets: no action group receiver). @default - none */
  readonly teams?: readonly TeamsChannelRecipient[];
  /**
   * Secrets Manager secret name whose value is a PagerDuty integration key of an "Amazon CloudWatch"
   * integration; the topic gets an HTTPS subscription to that integration's URL. On Azure targets (`aks`, `azureml`):
   * a Key Vault secret named `<resource group>/<vault>/<secret>` holding the key of a "Microsoft Azure" integration,
   * reached through the action group's webhook receiver (lib/azure/alert-routing.ts). On Google Cloud (gke, vertex-ai)
   * the same field names a Secret Manager secret id in the deployment's project whose latest version is the
   * PagerDuty service (integration) key of a Cloud Monitoring `pagerduty` notification channel (lib/gcp/alert-routing.ts).
   * @default - no PagerDuty
   */
  readonly pagerDutyIntegrationKeySecret?: string;
}

export interface MonitoringSpec {
  /** E-mail subscribed to the alarm topic (the same as one entry of `recipients.emails`). @default - topic without subscription */
  readonly alarmEmail?: string;
  /** Who hears the alarms and alerts. @default - nobody (the synth warns) */
  readonly recipients?: AlarmRecipientsSpec;
  /** @default true */ readonly dashboard?: boolean;
  /** Capture requests/responses to S3. @default - on for SageMaker real-time and the serverless targets (lambda, batch, streaming), off elsewhere */
  readonly dataCapture?: { readonly enabled: boolean; /** @default 20 */ readonly samplingPercent?: number };
  /**
   * Drift detection: Model Monitor's data-quality schedule on SageMaker; our own scheduled drift job
   * (PSI, KS, chi-square; docs/drift.md) on the serverless targets, and on EKS vLLM deployments over the request
   * summaries the OpenTelemetry collector captures (with `dataCapture.enabled`), and on Greengrass fleets over the
   * records the devices capture (needs `dataCapture.enabled`).
   * @default - on for the serverless targets (lambda, batch, streaming) and for greengrass when `dataCapture.enabled` is on, off elsewhere
   */
  readonly driftDetection?: boolean;
  /** Settings of the drift job of the serverless targets and Greengrass fleets (used when `driftDetection` is on). @default - the defaults of {@link DriftSpec} */
  readonly drift?: DriftSpec;
  /**
   * Ground-truth quality job of the serverless targets: labels that arrive later are joined with the captured
   * predictions and the metric alarms past its threshold (docs/drift.md, "Ground-truth quality"). Needs `dataCapture`.
   * @default - no quality job
   */
  readonly quality?: QualitySpec;
  /** Days CloudWatch keeps logs; a year by default, as the AWS Control Tower control CT.CLOUDWATCH.PR.2 asks. @default 365 */ readonly logRetentionDays?: number;
  /**
   * EKS: remote-write the cluster's Prometheus metrics (and OTLP metrics) to Amazon Managed Service for Prometheus
   * through the OpenTelemetry collector (docs/observability.md). `true` (or `{}`) creates a KMS-encrypted workspace;
   * `{ workspaceArn }` writes to an existing one in the deployment's region.
   * @default - off: metrics stay in the cluster's Prometheus
   */
  readonly managedPrometheus?: true | ManagedPrometheusSpec;
  /**
   * AWS Budgets budget of the deployment when its plan has a monthly cost: notifies the alarm topic at 80 % of
   * actual and 100 % of forecasted spend (docs/gpu-scheduling.md, "Budgets").
   * @default - a budget 20 % above the plan's monthly cost
   */
  readonly budget?: BudgetSpec;
}

/** An Amazon Managed Service for Prometheus workspace to write to. */
export interface ManagedPrometheusSpec {
  /** `arn:aws:aps:<region>:<account>:workspace/ws-...`. @default - a workspace is created */
  readonly workspaceArn?: string;
}

/** The monthly AWS Budgets budget of a deployment (lib/budgets/deployment-budget.ts). */
export interface BudgetSpec {
  /** Percent above the plan's monthly cost that the budget allows (0 to 1000). @default 20 */
  readonly headroomPercent?: number;
  /** Whether to create the budget (plans without a monthly cost never get one). @default true */
  readonly enabled?: boolean;
  /**
   * Google Cloud (gke, vertex-ai): the Cloud Billing account the budget is created on, `XXXXXX-XXXXXX-XXXXXX`
   * (`gcloud billing accounts list`). A Cloud Billing budget belongs to a billing account, not to a project, so it
   * cannot be derived from the project; without it the synth warns and creates no budget (lib/gcp/billing-budget.ts).
   * @default - no Cloud Billing budget (a warning at synth)
   */
  readonly billingAccount?: string;
}

/** The ground-truth quality job (lib/drift/quality-job.ts). */
export interface QualitySpec {
  /** `accuracy` and `f1` alarm below the threshold, `rmse` above it. */
  readonly metric: 'accuracy' | 'f1' | 'rmse';
  /** Value the metric must stay above (accuracy, f1) or below (rmse). */
  readonly threshold: number;
  /** Captured prediction field that is scored, e.g. `label`. */
  readonly predictionField: string;
  /** Field of the label lines holding the true value. @default 'label' */
  readonly labelField?: string;
  /** Class counted as positive by `f1`. @default - macro F1 over every class */
  readonly positiveLabel?: string | number | boolean;
  /** Prefix of the label objects in the data bucket (`<prefix><yyyy>/<mm>/<dd>/<hh>/*.jsonl`). @default 'ground-truth/' */
  readonly labelsPrefix?: string;
  /** EventBridge schedule expression. @default 'rate(1 day)' */
  readonly schedule?: string;
  /** Hours of predictions and labels each run joins; cover the labels' delay. @default 168 */
  readonly windowHours?: number;
}

/** The drift job of the serverless targets (docs/drift.md). */
export interface DriftSpec {
  /** EventBridge schedule expression of the drift job. @default 'rate(1 hour)' */
  readonly schedule?: string;
  /** Hours of captured traffic each run compares with the baseline (a sliding window). @default 24 */
  readonly windowHours?: number;
  /**
   * Input fields that may be captured (a PII allow-list); string inputs are captured only when listed.
   * @default - every non-string model input (numbers and booleans), never free text
   */
  readonly captureFields?: readonly string[];
  /** Overall drift score (the largest feature PSI) above which the drift alarm fires. @default 0.25 */
  readonly alarmThreshold?: number;
  /** Days captured records are kept before the lifecycle rule deletes them. @default 30 */
  readonly captureRetentionDays?: number;
  /**
   * LLM capture (EKS): keep `gen_ai.prompt*` / `gen_ai.completion*` text attributes a span carries. vLLM's own spans
   * carry none; the collector deletes them before export unless this is on.
   * @default false
   */
  readonly includePrompt?: boolean;
  /** LLM drift: share of failed requests in a window above which the error-rate alarm fires. @default 0.05 */
  readonly errorRateThreshold?: number;
  /** LLM drift: share of refused requests in a window above which the refusal-rate alarm fires. @default 0.05 */
  readonly refusalRateThreshold?: number;
  /** LLM drift: finish reasons counted as refusals. @default ['content_filter'] */
  readonly refusalFinishReasons?: readonly string[];
}
