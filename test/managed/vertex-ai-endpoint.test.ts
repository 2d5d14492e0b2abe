/**
 * `vertex-ai-endpoint`: the plan's machine, replicas and vLLM flags on a private, CMEK-encrypted Vertex AI
 * endpoint, on cdktf and Pulumi (each synthesized once); the CDK refuses it.
 */
import { App as CdkApp } from 'aws-cdk-lib';
import { getBlueprint } from '../../blueprints';
import type { BlueprintContext } from '../../blueprints/blueprint';
import { vertexAiBlueprint } from '../../blueprints/managed/vertex-ai-blueprint';
import { contextFor } from '../../lib/synth/context';
import { synthPulumi, synthTerraform } from '../../lib/synth/engines';
import type { RecordedPulumiResource } from '../../lib/validation/pulumi-mocks';
import type { ValidationFinding } from '../../lib/validation/types';
import { describeVertexAiEndpoint, type VertexAiEndpointDescription } from '../../lib/vertex-ai/describe-endpoint';

const shipped = getBlueprint('vertex-ai-endpoint');
/** The shipped blueprint with recipients and a billing account: its alerts and budget reach people. */
const blueprint = vertexAiBlueprint({
  name: shipped.name, description: shipped.description,
  spec: { ...shipped.spec, monitoring: { recipients: { emails: ['ml-oncall@example.com'] }, budget: { billingAccount: '012345-6789AB-CDEF01' } } },
});
let context: BlueprintContext;
let d: VertexAiEndpointDescription;
let tf: Record<string, any>;
let tfFindings: ValidationFinding[];
let pulumi: readonly RecordedPulumiResource[];
let pulumiFindings: ValidationFinding[];

beforeAll(async () => {
  context = contextFor(blueprint);
  d = describeVertexAiEndpoint(context.plan);
  const t = synthTerraform([blueprint], [context]);
  tf = t.stacks.get('vertex-ai-endpoint')!;
  tfFindings = t.findings.get('vertex-ai-endpoint')!;
  const p = await synthPulumi(blueprint, context);
  pulumi = p.resources;
  pulumiFindings = p.findings;
});

const one = (type: string) => Object.values(tf.resource[type] as Record<string, any>)[0];
const pulumiOf = (type: string) => pulumi.filter((r) => r.type === type);

describe('GIVEN the vertex-ai-endpoint blueprint', () => {
  test('THEN the machine has the same GPU count as the plan and at least its GPU memory, and replicas come from the spec', () => {
    const llm = context.plan.llm!;
    expect(d.machine.acceleratorCount).toBe(llm.acceleratorCount);
    expect(d.machine.machineType).toMatch(/^(g2|a2|a3)-/);
    expect(d.acceleratorType).toMatch(/^NVIDIA_/);
    expect([d.minReplicas, d.maxReplicas]).toEqual([1, 3]);
    expect(d.autoscaling.metricName).toBe('aiplatform.googleapis.com/prediction/online/accelerator/duty_cycle');
  });

  test('THEN the container runs vLLM with the plan’s flags, reading the weights from the bucket', () => {
    const [, ...flags] = context.plan.llm!.engineArgs;
    expect(d.container.args.slice(1, 1 + flags.length)).toEqual(flags);
    expect(d.container.args).toEqual(expect.arrayContaining(['--load-format', 'runai_streamer']));
    expect(d.container).toMatchObject({ port: 8000, healthRoute: '/health', predictRoute: '/v1/chat/completions' });
    expect(d.container.args.filter((a) => a === '--port')).toHaveLength(1);
  });

  test('THEN on cdktf the endpoint is private (PSC) and CMEK-encrypted, and the weights bucket is private, CMEK and kept', () => {
    expect(one('google_vertex_ai_endpoint')).toMatchObject({
      name: d.endpointId, location: 'us-central1',
      private_service_connect_config: { enable_private_service_connect: true },
      encryption_spec: { kms_key_name: expect.stringContaining('google_kms_crypto_key') },
    });
    expect(one('google_storage_bucket')).toMatchObject({
      uniform_bucket_level_access: true, public_access_prevention: 'enforced', force_destroy: false,
      lifecycle: { prevent_destroy: true }, encryption: { default_kms_key_name: expect.stringContaining('google_kms_crypto_key') },
    });
  });

  test('THEN the serving identity may read the weights bucket and write logs and metrics, nothing more', () => {
    expect(Object.values(tf.resource.google_project_iam_member).map((m: any) => m.role).sort()).toEqual(['roles/logging.logWriter', 'roles/monitoring.metricWriter']);
    expect(one('google_storage_bucket_iam_member')).toMatchObject({ role: 'roles/storage.objectViewer' });
  });

  test('THEN the deploy commands carry the plan’s machine, accelerators, replicas and autoscaling target', () => {
    const commands = tf.output.deploy_commands.value as string;
    expect(commands).toContain(`--machine-type=${d.machine.machineType}`);
    expect(commands).toContain(`count=${d.machine.acceleratorCount}`);
    expect(commands).toContain('--min-replica-count=1 --max-replica-count=3');
    expect(commands).toContain('--autoscaling-metric-specs=gpu-duty-cycle=60');
    expect(commands).toContain('--container-health-route=/health');
  });

  test('THEN Pulumi registers the same endpoint, bucket and identity, keeping the bucket and key on destroy', () => {
    expect(pulumiOf('gcp:vertex/aiEndpoint:AiEndpoint')[0]!.inputs).toMatchObject({ name: d.endpointId, privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlists: ['aimd-review'] } });
    const bucket = pulumiOf('gcp:storage/bucket:Bucket')[0]!;
    expect(bucket.inputs).toMatchObject({ publicAccessPrevention: 'enforced', uniformBucketLevelAccess: true });
    expect(bucket.retainOnDelete).toBe(true);
    expect(pulumiOf('gcp:projects/iAMMember:IAMMember').map((m) => m.inputs.role).sort()).toEqual(['roles/logging.logWriter', 'roles/monitoring.metricWriter']);
  });

  test('THEN neither engine reports an error finding; the project-wide log and metric writers are accepted with their reason', () => {
    expect([...tfFindings, ...pulumiFindings].filter((f) => f.severity === 'error')).toEqual([]);
    const accepted = [...tfFindings, ...pulumiFindings].filter((f) => f.rule === 'gcp/iam-project-scope');
    expect(accepted).toHaveLength(4);
    for (const f of accepted) expect(f).toMatchObject({ severity: 'warning', message: expect.stringContaining('accepted: ') });
  });

  test('THEN error-rate and latency policies on Vertex AI\'s metrics of this endpoint notify the recipients\' channel, on both engines', () => {
    expect(one('google_monitoring_notification_channel')).toMatchObject({ type: 'email', labels: { email_address: 'ml-oncall@example.com' } });
    const policies = Object.values(tf.resource.google_monitoring_alert_policy as Record<string, any>);
    expect(policies.map((p) => p.conditions[0].condition_prometheus_query_language.alert_rule).sort()).toEqual(['VertexPredictionErrorRateHigh', 'VertexPredictionLatencyP95High']);
    for (const p of policies) {
      expect(p.conditions[0].condition_prometheus_query_language.query).toContain(`aiplatform_googleapis_com:prediction_online_`);
      expect(p.conditions[0].condition_prometheus_query_language.query).toContain(`endpoint_id="${d.endpointId}"`);
      expect(p.notification_channels).toEqual([expect.stringMatching(/^\$\{google_monitoring_notification_channel\.[\w-]+\.id\}$/)]);
    }
    const pulumiPolicies = pulumiOf('gcp:monitoring/alertPolicy:AlertPolicy');
    expect(pulumiPolicies).toHaveLength(2);
    for (const p of pulumiPolicies) expect(p.inputs.notificationChannels).toHaveLength(1);
  });

  test('THEN a Cloud Billing budget of the plan\'s cost plus 20 % watches the endpoint\'s label, on both engines', () => {
    const limit = String(Math.ceil(context.plan.summary.monthlyCostUsd! * 1.2));
    expect(one('google_billing_budget')).toMatchObject({
      billing_account: '012345-6789AB-CDEF01', amount: { specified_amount: { units: limit } },
      budget_filter: { labels: { 'aimd-deployment': 'vertex-ai-endpoint' } },
    });
    expect(one('google_vertex_ai_endpoint').labels).toMatchObject({ 'aimd-deployment': 'vertex-ai-endpoint' });
    expect(pulumiOf('gcp:billing/budget:Budget')[0]!.inputs).toMatchObject({ amount: { specifiedAmount: { units: limit } }, budgetFilter: { projects: ['projects/123456789012'] } });
    expect([...tfFindings, ...pulumiFindings].filter((f) => f.rule === 'deployability/observability')).toEqual([]);
  });

  test('THEN the CDK refuses it, naming the engines that render it', () => {
    expect(() => blueprint.renderCdk(new CdkApp(), context)).toThrow(/deploys to Google Cloud \(Vertex AI\), and CDK is AWS-only[\s\S]*cdktf[\s\S]*Pulumi/);
  });
});
