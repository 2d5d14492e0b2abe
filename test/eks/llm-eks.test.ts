import { LLM_EKS } from '../../blueprints/eks/llm-eks';
import type { KubeObject } from '../../lib/kubernetes/types';
import { cdkKubeObjects, describeEksBlueprint, pulumiKubeObjects, terraformKubeObjects, vllmServerContainer } from './eks-blueprint-checks';

describeEksBlueprint(LLM_EKS, (rendered) => {
  it('serves Llama 3.1 8B on one GPU node per replica, on the instance the planner chose or its ranked fallbacks', () => {
    const plan = rendered().plan.llm!;
    expect(plan.model).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(plan.nodes).toBe(1);
    // The spec's default rollout is a canary: the single-node workload is an Argo Rollouts Rollout.
    const rollout = rendered().kubernetes.find((o) => o.kind === 'Rollout') as Record<string, any>;
    const types = [plan.instanceType, ...(plan.fallbacks ?? []).map((f) => f.instanceType)];
    expect(types.length).toBeGreaterThan(1);
    expect(rollout.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms)
      .toEqual([{ matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: types }] }]);
  });

  it('rolls out as an Argo Rollouts canary (10 % for 10 minutes) with an AnalysisTemplate on vLLM metrics, on CDK, cdktf and Pulumi', () => {
    const { kubernetes, cdk, terraform, pulumi } = rendered();
    expect(kubernetes.some((o) => o.kind === 'Deployment')).toBe(false);
    const rollout = kubernetes.find((o) => o.kind === 'Rollout') as Record<string, any>;
    // No exposure on llm-eks: a replica-based canary, one extra pod at a time.
    expect(rollout.spec.strategy.canary).toMatchObject({ steps: [{ setWeight: 10 }, { pause: { duration: '10m' } }], maxSurge: 1, maxUnavailable: 0 });
    const template = kubernetes.find((o) => o.kind === 'AnalysisTemplate') as Record<string, any>;
    const queries = template.spec.metrics.map((m: any) => m.provider.prometheus.query).join('\n');
    for (const series of ['http_requests_total', 'vllm:time_to_first_token_seconds_bucket', 'vllm:inter_token_latency_seconds_bucket', 'vllm:num_requests_waiting']) {
      expect(queries).toContain(series);
    }
    // Every engine applies both objects (field-for-field equality is the parity test above).
    const kindsOf = (objects: readonly KubeObject[]) => objects.map((o) => o.kind);
    for (const objects of [cdkKubeObjects(cdk.template), terraformKubeObjects(terraform.json), pulumiKubeObjects(pulumi.resources)]) {
      expect(kindsOf(objects)).toEqual(expect.arrayContaining(['Rollout', 'AnalysisTemplate']));
    }
  });

  it('installs the pinned Argo Rollouts chart on every engine, and KEDA scales the Rollout', () => {
    const { cdk, terraform, pulumi, kubernetes } = rendered();
    const cdkChart = Object.values<any>(cdk.template.Resources).find((r) => r.Type === 'Custom::AWSCDK-EKS-HelmChart' && r.Properties.Chart === 'argo-rollouts');
    expect(cdkChart.Properties).toMatchObject({ Version: '2.41.0', Repository: 'https://argoproj.github.io/argo-helm', Namespace: 'argo-rollouts' });
    expect(Object.values<any>(terraform.json.resource.helm_release).find((r) => r.chart === 'argo-rollouts')).toMatchObject({ version: '2.41.0' });
    expect(pulumi.resources.some((r) => r.type.startsWith('kubernetes:helm.sh') && (r.inputs as any).chart === 'argo-rollouts')).toBe(true);
    const scaledObject = kubernetes.find((o) => o.kind === 'ScaledObject') as Record<string, any>;
    expect(scaledObject.spec.scaleTargetRef).toEqual({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'llm-eks' });
  });

  it('installs the pinned OpenTelemetry Collector on every engine, and vLLM sends its traces there', () => {
    const { cdk, terraform, pulumi, kubernetes } = rendered();
    const cdkChart = Object.values<any>(cdk.template.Resources).find((r) => r.Type === 'Custom::AWSCDK-EKS-HelmChart' && r.Properties.Chart === 'opentelemetry-collector');
    expect(cdkChart.Properties).toMatchObject({ Version: '0.158.3', Repository: 'https://open-telemetry.github.io/opentelemetry-helm-charts', Namespace: 'opentelemetry' });
    expect(Object.values<any>(terraform.json.resource.helm_release).find((r) => r.chart === 'opentelemetry-collector')).toMatchObject({ version: '0.158.3' });
    expect(pulumi.resources.some((r) => r.type.startsWith('kubernetes:helm.sh') && (r.inputs as any).chart === 'opentelemetry-collector')).toBe(true);
    const vllm = vllmServerContainer(kubernetes);
    expect(vllm.args.slice(-2)).toEqual(['--otlp-traces-endpoint', 'http://otel-collector.opentelemetry.svc:4317']);
    expect(vllm.env).toContainEqual({ name: 'OTEL_SERVICE_NAME', value: 'llm-eks' });
    const policy = kubernetes.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'llm-eks') as Record<string, any>;
    expect(policy.spec.egress).toContainEqual({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'opentelemetry' } } }], ports: [{ protocol: 'TCP', port: 4317 }] });
  });

  it('captures sampled request summaries through the collector and runs the LLM drift job with its alarms, on every engine', () => {
    const { cdk, terraform, pulumi } = rendered();
    const resources = Object.values<any>(cdk.template.Resources);
    const otel = resources.find((r) => r.Type === 'Custom::AWSCDK-EKS-HelmChart' && r.Properties.Chart === 'opentelemetry-collector');
    expect(JSON.stringify(otel.Properties.Values)).toContain('awss3/llm-capture');
    const job = resources.find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.FunctionName === 'llm-eks-drift');
    expect(job.Properties.Environment.Variables).toMatchObject({ DRIFT_CAPTURE_FORMAT: 'otlp-llm-spans', DRIFT_DEPLOYMENT: 'llm-eks' });
    expect(job.Properties.Environment.Variables.DRIFT_CAPTURE_URI).toMatch(/^s3:\/\/.+\/llm-capture\/$/);
    const cdkAlarms = resources.filter((r) => r.Type === 'AWS::CloudWatch::Alarm').map((r) => r.Properties.MetricName);
    expect(cdkAlarms).toEqual(expect.arrayContaining(['OverallDriftScore', 'LlmErrorRate', 'LlmRefusalRate']));
    const bucket = resources.find((r) => r.Type === 'AWS::S3::Bucket' && JSON.stringify(r.Properties.LifecycleConfiguration ?? {}).includes('expire-capture'));
    expect(bucket.Properties.LifecycleConfiguration.Rules).toContainEqual(expect.objectContaining({ Id: 'expire-capture', Prefix: 'llm-capture/', ExpirationInDays: 30 }));

    const tf = terraform.json.resource;
    expect(Object.values<any>(tf.aws_lambda_function).find((f) => f.function_name === 'llm-eks-drift').environment.variables.DRIFT_CAPTURE_FORMAT).toBe('otlp-llm-spans');
    expect(Object.values<any>(tf.aws_cloudwatch_metric_alarm).map((a) => a.metric_name)).toEqual(expect.arrayContaining(['OverallDriftScore', 'LlmErrorRate', 'LlmRefusalRate']));

    const pulumiFunction = pulumi.resources.find((r) => r.type === 'aws:lambda/function:Function' && (r.inputs as any).name === 'llm-eks-drift');
    expect((pulumiFunction!.inputs as any).environment.variables.DRIFT_CAPTURE_FORMAT).toBe('otlp-llm-spans');
    expect(pulumi.resources.filter((r) => r.type === 'aws:cloudwatch/metricAlarm:MetricAlarm').map((r) => (r.inputs as any).metricName)).toEqual(expect.arrayContaining(['LlmErrorRate', 'LlmRefusalRate']));
  });

  it('remote-writes the cluster metrics to a KMS-encrypted AMP workspace, on every engine', () => {
    const { cdk, terraform, pulumi } = rendered();
    const resources = Object.values<any>(cdk.template.Resources);
    expect(resources.find((r) => r.Type === 'AWS::APS::Workspace').Properties.KmsKeyArn).toBeDefined();
    const otel = resources.find((r) => r.Type === 'Custom::AWSCDK-EKS-HelmChart' && r.Properties.Chart === 'opentelemetry-collector');
    expect(JSON.stringify(otel.Properties.Values)).toContain('prometheusremotewrite/amp');
    expect(JSON.stringify(resources.filter((r) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::Role'))).toContain('aps:RemoteWrite');
    expect(Object.values<any>(terraform.json.resource.aws_prometheus_workspace)[0].kms_key_arn).toMatch(/aws_kms_key/);
    const pulumiWorkspace = pulumi.resources.find((r) => r.type === 'aws:amp/workspace:Workspace');
    expect((pulumiWorkspace!.inputs as any).kmsKeyArn).toBeDefined();
    const pulumiCollector = pulumi.resources.find((r) => r.type === 'kubernetes:helm.sh/v3:Release' && (r.inputs as any).name === 'otel-collector');
    expect((pulumiCollector!.inputs as any).values.config.service.pipelines['metrics/amp'].exporters).toEqual(['prometheusremotewrite/amp']);
    // The endpoint comes from the workspace output, never the neutral placeholder.
    expect(JSON.stringify((pulumiCollector!.inputs as any).values)).not.toContain('pending.invalid');
    expect(JSON.stringify(pulumi.resources.filter((r) => r.type === 'aws:iam/rolePolicy:RolePolicy').map((r) => r.inputs))).toContain('aps:RemoteWrite');
  });

  it('scales with KEDA between 1 and 4 replicas', () => {
    const scaledObject = rendered().kubernetes.find((o) => o.kind === 'ScaledObject') as Record<string, any>;
    expect(scaledObject.spec).toMatchObject({ minReplicaCount: 1, maxReplicaCount: 4 });
  });

  it('installs Karpenter with a GPU NodePool limited to the planned instance type and its ranked fallbacks', () => {
    const pool = rendered().kubernetes.find((o) => o.kind === 'NodePool') as Record<string, any>;
    const requirement = pool.spec.template.spec.requirements.find((r: any) => r.key === 'node.kubernetes.io/instance-type');
    const plan = rendered().plan.llm!;
    expect(requirement.values).toEqual([plan.instanceType, ...(plan.fallbacks ?? []).map((f) => f.instanceType)]);
    const charts = Object.values<any>(rendered().cdk.template.Resources).filter((r) => r.Type === 'Custom::AWSCDK-EKS-HelmChart').map((r) => r.Properties.Chart);
    expect(charts).toEqual(expect.arrayContaining(['karpenter', 'keda', 'kube-prometheus-stack', 'nvidia-device-plugin', 'dcgm-exporter', 'argo-rollouts']));
  });
});
