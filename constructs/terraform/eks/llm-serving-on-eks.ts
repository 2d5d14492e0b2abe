/**
 * `LlmServingOnEks` on Terraform: the vLLM deployment on a {@link GpuInferenceCluster}. It applies the
 * objects of `llmServingObjects` (identical to what CDK and Pulumi apply) as `kubernetes_manifest`
 * resources and gives the pods read-only access to their prefixes through EKS Pod Identity.
 */
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { locationsOf, modelReadAccessPolicy } from '../../../lib/eks/model-access';
import { modelReaderRoleName } from '../../../lib/eks/names';
import { assertServingFitsCluster } from '../../../lib/eks/cluster-fit';
import { generatedApiKeySecretName, type LlmServingInputs, llmServingObjects, servingObjectUris, servingServiceAccountName } from '../../../lib/eks/serving';
import type { GpuInferenceCluster } from './gpu-inference-cluster';
import { KubeObjects } from './kube-objects';
import { podIdentityTrustPolicy } from './trust-policies';

export interface LlmServingOnEksProps extends LlmServingInputs {
  /**
   * The cluster, or a view of it whose `servingCapacity` and `platformReady` are another deployment's on the same
   * cluster (`llm-platform-eks`). Its capacity, deployment name, namespace, bucket, plan and replica bound must match
   * this serving's (checked).
   */
  readonly cluster: Pick<GpuInferenceCluster, 'servingCapacity' | 'modelBucket' | 'partition' | 'cluster' | 'podIdentityAgent' | 'kubernetesProvider' | 'platformReady'>;
  readonly region: string;
}

export class LlmServingOnEks extends Construct {
  public readonly objects: readonly KubeObject[];
  /** The applied objects' resources: what a deployment that needs these objects (e.g. their namespace) depends on. */
  public readonly applied: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: LlmServingOnEksProps) {
    super(scope, id);
    const { cluster } = props;
    assertServingFitsCluster(this.node.path, cluster.servingCapacity, props);
    this.objects = llmServingObjects(props);
    const bucket = cluster.modelBucket;
    const policy = modelReadAccessPolicy({
      locations: locationsOf(servingObjectUris(props), (name) => (name === props.modelBucketName ? bucket.bucket.arn : `arn:${cluster.partition}:s3:::${name}`)),
      kmsKeyArns: [bucket.key.key.arn],
      region: props.region,
    });
    const role = new IamRole(this, 'ModelReaderRole', {
      name: modelReaderRoleName(props.name),
      description: `vLLM pods of ${props.name}: read-only access to the model and adapter prefixes (EKS Pod Identity)`,
      assumeRolePolicy: podIdentityTrustPolicy(),
    });
    new IamRolePolicy(this, 'ReadModel', { role: role.id, policy: JSON.stringify(policy) });
    const association = new EksPodIdentityAssociation(this, 'PodIdentity', {
      clusterName: cluster.cluster.name,
      namespace: props.namespace,
      serviceAccount: servingServiceAccountName(props),
      roleArn: role.arn,
      dependsOn: cluster.podIdentityAgent ? [cluster.podIdentityAgent] : undefined,
    });
    const apiKey: ITerraformDependable[] = [];
    const apiKeyName = generatedApiKeySecretName(props);
    if (apiKeyName !== undefined) {
      // A generated key the External Secrets Operator syncs into the pods' Secret; read it with
      // `aws secretsmanager get-secret-value --secret-id <name>`. It is in the state, as every Terraform secret value is.
      const secret = new SecretsmanagerSecret(this, 'ApiKey', { name: apiKeyName, description: `API key of the ${props.name} model endpoint (Authorization: Bearer)`, recoveryWindowInDays: 7 });
      const value = new DataAwsSecretsmanagerRandomPassword(this, 'ApiKeyValue', { passwordLength: 48, excludePunctuation: true });
      apiKey.push(new SecretsmanagerSecretVersion(this, 'ApiKeyVersion', {
        secretId: secret.id, secretString: value.randomPassword, lifecycle: { ignoreChanges: ['secret_string'] },
      }));
    }
    const applied = new KubeObjects(this, 'Objects', {
      provider: cluster.kubernetesProvider,
      objects: this.objects,
      dependsOn: [association, ...apiKey, ...cluster.platformReady],
    });
    this.applied = [...applied.manifests.values()];
  }
}
