/**
 * A gated Hub model whose token lives in AWS Secrets Manager, exposed through an internal ALB, on Karpenter capacity:
 * the External Secrets Operator and the AWS Load Balancer Controller are installed with least-privilege Pod Identity
 * roles on CDK, cdktf and Pulumi alike, and everything passes the same checks as the shipped blueprints.
 */
import { llmEksBlueprint } from '../../blueprints/eks/llm-eks-blueprint';
import { albControllerPolicy } from '../../lib/eks/alb-controller-policy';
import { CHART_VERSIONS, gpuClusterComponents } from '../../lib/eks/components';
import { kubeObjectId, type KubeObject } from '../../lib/kubernetes/types';
import { type RenderedBlueprint, renderBlueprint } from '../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../lib/validation/types';
import { canonical, cdkKubeObjects, pulumiKubeObjects, terraformKubeObjects } from './eks-blueprint-checks';

const TOKEN_SECRET = 'llm-eks-addons/hf-token';
const SECRET_ARN_PATTERN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:llm-eks-addons/hf-token-??????';

const ADD_ONS = llmEksBlueprint({
  name: 'llm-eks-addons',
  description: 'Test blueprint: gated Hub model with a Secrets Manager token behind an internal ALB',
  spec: {
    name: 'llm-eks-addons',
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct', artifact: { uri: 'hf://meta-llama/Llama-3.1-8B-Instruct', huggingFaceTokenSecret: TOKEN_SECRET } },
    runtime: { engine: 'vllm' },
    target: { kind: 'eks', capacity: 'karpenter' },
    traffic: { requestsPerSecond: 2, promptTokens: 1024, outputTokens: 256 },
    scaling: { minReplicas: 1, maxReplicas: 2 },
  },
  exposure: { kind: 'alb-ingress', host: 'llm.internal.example.com', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555' },
});

/** Statements of a policy document, whatever engine wrote it. */
const statements = (policy: unknown): Array<Record<string, any>> =>
  (typeof policy === 'string' ? JSON.parse(policy) : policy as Record<string, any>).Statement;

const byId = (objects: readonly KubeObject[]) => Object.fromEntries(objects.map((o) => [kubeObjectId(o), canonical(o)]));

// The Hub download replaces the S3 sync, so the shared checks' "model path is the local copy" does not apply: the
// others are repeated here.
describe('blueprint with a Secrets Manager token and ALB exposure', () => {
  let result: RenderedBlueprint;
  beforeAll(async () => {
    result = await renderBlueprint(ADD_ONS);
  });
  const rendered = () => result;

  it('renders on CDK, cdktf and Pulumi with zero error findings (the new objects included)', () => {
    expect(formatFindings(errorsOf(rendered().findings))).toBe('');
  });

  it('applies the same Kubernetes objects on CDK, cdktf and Pulumi as its plain manifests', () => {
    const reference = byId(rendered().kubernetes);
    expect(byId(cdkKubeObjects(rendered().cdk.template))).toEqual(reference);
    expect(byId(terraformKubeObjects(rendered().terraform.json))).toEqual(reference);
    expect(byId(pulumiKubeObjects(rendered().pulumi.resources))).toEqual(reference);
  });

  it('carries no secret value on any engine: no Secret object, no token literal, the API key generated at deploy time', () => {
    expect(rendered().kubernetes.filter((o) => o.kind === 'Secret')).toEqual([]);
    for (const text of [JSON.stringify(rendered().kubernetes), JSON.stringify(rendered().cdk.template), JSON.stringify(rendered().terraform.json), JSON.stringify(rendered().pulumi.resources)]) {
      expect(text).not.toMatch(/hf_[A-Za-z0-9]{20,}/);
    }
    // The only secret strings are generators: CloudFormation's GenerateSecretString, Terraform's random-password
    // data source, and the Pulumi preview's placeholder for getRandomPassword.
    expect(JSON.stringify(rendered().cdk.template)).not.toMatch(/"SecretString"/);
    const tfVersions = Object.values<any>(rendered().terraform.json.resource.aws_secretsmanager_secret_version ?? {});
    expect(tfVersions.map((v) => v.secret_string)).toEqual([expect.stringMatching(/^\$\{data\.aws_secretsmanager_random_password\.[^}]+\.random_password\}$/)]);
    const pulumiVersions = rendered().pulumi.resources.filter((r) => r.type === 'aws:secretsmanager/secretVersion:SecretVersion');
    expect(pulumiVersions.map((r) => (r.inputs as Record<string, unknown>).secretString)).toEqual(['<generated-at-deploy-time>']);
  });

  it("rolls the spec's default canary out through the ALB: weighted target groups of the stable and canary Services, GPU capacity for the canary", () => {
    const objects = rendered().kubernetes as ReadonlyArray<Record<string, any>>;
    const rollout = objects.find((o) => o.kind === 'Rollout')!;
    expect(rollout.spec.strategy.canary).toMatchObject({
      stableService: 'llm-eks-addons-stable',
      canaryService: 'llm-eks-addons-canary',
      dynamicStableScale: true,
      trafficRouting: { alb: { ingress: 'llm-eks-addons', rootService: 'llm-eks-addons', servicePort: 8000 } },
    });
    const ingress = objects.find((o) => o.kind === 'Ingress')!;
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'llm-eks-addons', port: { name: 'use-annotation' } });
    // KEDA max 2 with a 10 % canary: the promotion runs 2 canary + ceil(90 % × 2) stable pods, 4 one-GPU nodes.
    const pool = objects.find((o) => o.kind === 'NodePool')!;
    expect(Number(pool.spec.limits['nvidia.com/gpu'])).toBe(4 * rendered().plan.llm!.acceleratorCount);
    // The ALB router needs no plugin: the controller is installed without one.
    const release = Object.values<any>(rendered().terraform.json.resource.helm_release).find((r) => r.chart === 'argo-rollouts');
    expect(release.values[0]).not.toContain('trafficRouterPlugins');
  });

  it('syncs the token with a SecretStore and an ExternalSecret naming only the secret', () => {
    const externalSecret = rendered().kubernetes.find((o) => o.kind === 'ExternalSecret') as Record<string, any>;
    expect(externalSecret.spec.data).toEqual([{ secretKey: 'token', remoteRef: { key: TOKEN_SECRET } }]);
    expect(rendered().kubernetes.some((o) => o.kind === 'SecretStore')).toBe(true);
  });

  describe('CDK', () => {
    const resources = () => Object.values<any>(rendered().cdk.template.Resources);
    const helmCharts = () => resources().filter((r) => r.Type === 'Custom::AWSCDK-EKS-HelmChart').map((r) => r.Properties);

    it('installs both charts at their pinned versions', () => {
      expect(helmCharts()).toEqual(expect.arrayContaining([
        expect.objectContaining({ Chart: 'external-secrets', Version: CHART_VERSIONS.externalSecrets, Namespace: 'external-secrets' }),
        expect.objectContaining({ Chart: 'aws-load-balancer-controller', Version: CHART_VERSIONS.awsLoadBalancerController, Namespace: 'kube-system' }),
      ]));
    });

    it('associates both service accounts with their roles, and lets the operator read only the token secret', () => {
      const associations = resources().filter((r) => r.Type === 'AWS::EKS::PodIdentityAssociation').map((r) => r.Properties);
      expect(associations).toEqual(expect.arrayContaining([
        expect.objectContaining({ Namespace: 'external-secrets', ServiceAccount: 'external-secrets' }),
        expect.objectContaining({ Namespace: 'kube-system', ServiceAccount: 'aws-load-balancer-controller' }),
      ]));
      const role = resources().find((r) => r.Type === 'AWS::IAM::Role' && r.Properties.RoleName === 'llm-eks-addons-external-secrets');
      const [statement] = statements(role.Properties.Policies[0].PolicyDocument);
      expect(statement!.Action).toBe('secretsmanager:GetSecretValue');
      expect(JSON.stringify(statement!.Resource)).toContain(':secretsmanager:us-east-1:123456789012:secret:llm-eks-addons/hf-token-??????');
    });
  });

  describe('cdktf', () => {
    const resource = (type: string) => Object.values<any>(rendered().terraform.json.resource[type] ?? {});

    it('installs both charts as helm_release at their pinned versions, after their Pod Identity associations', () => {
      const releases = resource('helm_release');
      const eso = releases.find((r) => r.chart === 'external-secrets');
      const alb = releases.find((r) => r.chart === 'aws-load-balancer-controller');
      expect(eso).toMatchObject({ version: CHART_VERSIONS.externalSecrets, namespace: 'external-secrets' });
      expect(alb).toMatchObject({ version: CHART_VERSIONS.awsLoadBalancerController, repository: 'https://aws.github.io/eks-charts' });
      expect(eso.depends_on.some((d: string) => d.startsWith('aws_eks_pod_identity_association.'))).toBe(true);
      expect(alb.values[0]).toMatch(/vpcId: \$\{aws_vpc\./);
    });

    it('lets the operator read only the token secret', () => {
      const policies = resource('aws_iam_role_policy').map((p) => statements(p.policy));
      const secretPolicy = policies.find((s) => s.some((st) => st.Action === 'secretsmanager:GetSecretValue'))!;
      expect(secretPolicy).toHaveLength(1);
      // The Hugging Face token and the generated API key, nothing else.
      expect(secretPolicy[0]!.Resource).toEqual([
        expect.stringMatching(/:secretsmanager:us-east-1:123456789012:secret:llm-eks-addons\/hf-token-\?{6}$/),
        expect.stringMatching(/:secretsmanager:us-east-1:123456789012:secret:aimd\/llm-eks-addons\/api-key-\?{6}$/),
      ]);
    });
  });

  describe('Pulumi', () => {
    const ofType = (type: string) => rendered().pulumi.resources.filter((r) => r.type === type);

    it('installs both charts as Helm releases with Pod Identity associations', () => {
      const charts = ofType('kubernetes:helm.sh/v3:Release').map((r) => r.inputs as Record<string, any>);
      expect(charts.find((c) => c.chart === 'external-secrets')).toMatchObject({ version: CHART_VERSIONS.externalSecrets });
      const alb = charts.find((c) => c.chart === 'aws-load-balancer-controller')!;
      expect(alb).toMatchObject({ version: CHART_VERSIONS.awsLoadBalancerController, values: { clusterName: 'llm-eks-addons', region: 'us-east-1' } });
      expect(alb.values.vpcId).toEqual(expect.any(String));
      const serviceAccounts = ofType('aws:eks/podIdentityAssociation:PodIdentityAssociation').map((r) => (r.inputs as Record<string, any>).serviceAccount);
      expect(serviceAccounts).toEqual(expect.arrayContaining(['external-secrets', 'aws-load-balancer-controller']));
    });

    it('lets the operator read only the token secret', () => {
      const policies = ofType('aws:iam/rolePolicy:RolePolicy').map((r) => statements((r.inputs as Record<string, any>).policy));
      const secretPolicy = policies.find((s) => s.some((st) => st.Action === 'secretsmanager:GetSecretValue'))!;
      expect(secretPolicy[0]!.Resource).toEqual([SECRET_ARN_PATTERN, 'arn:aws:secretsmanager:us-east-1:123456789012:secret:aimd/llm-eks-addons/api-key-??????']);
    });
  });
});

describe('which add-ons a cluster gets', () => {
  const base = { clusterName: 'llm', interruptionQueueName: 'q', keda: true, leaderWorkerSet: false, region: 'us-east-1' } as const;
  const ids = (options: Parameters<typeof gpuClusterComponents>[0]) => gpuClusterComponents(options).map((c) => c.id);

  it('GIVEN no token secret and no ALB exposure THEN neither the operator nor the controller is installed', () => {
    expect(ids({ ...base, capacity: 'karpenter' })).not.toEqual(expect.arrayContaining(['ExternalSecrets']));
    expect(ids({ ...base, capacity: 'karpenter', externalSecrets: { secretIds: [] } })).not.toContain('ExternalSecrets');
    expect(ids({ ...base, capacity: 'karpenter' })).not.toContain('AwsLoadBalancerController');
  });

  it('GIVEN EKS Auto Mode THEN its built-in load balancer controller is used (the serving objects add the IngressClass)', () => {
    expect(ids({ ...base, capacity: 'auto-mode', albController: { region: 'us-east-1', vpcId: 'vpc-1' } })).not.toContain('AwsLoadBalancerController');
  });

  it('GIVEN serving through a Rollout THEN the pinned Argo Rollouts controller is installed after Prometheus, with the Gateway API plugin only for HTTPRoutes', () => {
    expect(ids({ ...base, capacity: 'karpenter' })).not.toContain('ArgoRollouts');
    const [alb] = gpuClusterComponents({ ...base, capacity: 'karpenter', argoRollouts: { gatewayApiPlugin: false } }).filter((c) => c.id === 'ArgoRollouts');
    expect(alb).toMatchObject({ chart: 'argo-rollouts', version: CHART_VERSIONS.argoRollouts, repository: 'https://argoproj.github.io/argo-helm', namespace: 'argo-rollouts' });
    expect(alb!.dependsOn).toContain('PrometheusStack');
    expect((alb!.values.controller as Record<string, unknown>).trafficRouterPlugins).toBeUndefined();
    const [gateway] = gpuClusterComponents({ ...base, capacity: 'karpenter', argoRollouts: { gatewayApiPlugin: true } }).filter((c) => c.id === 'ArgoRollouts');
    const controller = gateway!.values.controller as Record<string, any>;
    // The plugin binary comes from its pinned image through an init container, not from a download at start-up.
    expect(controller.trafficRouterPlugins).toEqual([{ name: 'argoproj-labs/gatewayAPI', location: 'file:///plugins/rollouts-plugin-trafficrouter-gatewayapi' }]);
    expect(controller.initContainers[0].image).toBe('ghcr.io/argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi:v0.15.0');
  });

  it('GIVEN a secret ARN THEN the operator may read exactly that ARN, with no wildcard to acknowledge', () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:hf-AbCdEf';
    const [eso] = gpuClusterComponents({ ...base, capacity: 'managed-nodegroup', externalSecrets: { secretIds: [arn] } }).filter((c) => c.id === 'ExternalSecrets');
    const policy = eso!.podIdentity!.policy({ partition: 'aws', region: 'us-east-1', accountId: '123456789012' });
    expect(policy.Statement).toEqual([{ Sid: 'ReadDeploymentSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [arn] }]);
    expect(eso!.podIdentity!.wildcardReason).toBeUndefined();
  });

  it("keeps the controller's published policy scoped by its cluster tag and in the stack's partition", () => {
    const text = JSON.stringify(albControllerPolicy('aws-cn'));
    expect(text).not.toContain('arn:aws:');
    expect(text).toContain('arn:aws-cn:elasticloadbalancing:*:*:targetgroup/*/*');
    const deletes = albControllerPolicy('aws').Statement.find((s) => (s.Action as string[]).includes('elasticloadbalancing:DeleteLoadBalancer'));
    expect(deletes!.Condition).toEqual({ Null: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'false' } });
  });
});
