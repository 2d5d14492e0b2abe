/**
 * `LlmServingOnEks`: a vLLM deployment on a {@link IGpuInferenceCluster}. It applies the engine-neutral
 * objects of `buildLlmServingObjects` (the same objects cdktf and Pulumi apply) and gives the pods
 * least-privilege read access to their model prefix through EKS Pod Identity.
 */
import { Aws, Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { acknowledgeFinding } from '../../../lib/validation/cdk-security';
import { Construct } from 'constructs';
import type { KubeObject } from '../../../lib/kubernetes/types';
import { KubeObjects } from './kube-objects';
import { acknowledgeIamFindings } from '../../../lib/validation/iam-acknowledgements';
import type { IGpuInferenceCluster } from './gpu-inference-cluster';
import { locationsOf, modelReadAccessPolicy } from '../../../lib/eks/model-access';
import { modelReaderRoleName } from '../../../lib/eks/names';
import { assertServingFitsCluster } from '../../../lib/eks/cluster-fit';
import { generatedApiKeySecretName, type LlmServingInputs, llmServingObjects, servingObjectUris, servingServiceAccountName } from '../../../lib/eks/serving';

export interface LlmServingOnEksProps extends LlmServingInputs {
  /**
   * The cluster (GPU capacity, CRDs and the model bucket) the objects are applied to. Its capacity,
   * deployment name, namespace, bucket, plan and replica bound must match this serving's (checked).
   */
  readonly cluster: IGpuInferenceCluster;
}

export class LlmServingOnEks extends Construct {
  /** The objects applied, exactly as the other engines apply them. */
  public readonly objects: readonly KubeObject[];
  /** Role the vLLM pods assume (read-only on the model and adapter prefixes). */
  public readonly modelReaderRole: iam.Role;
  /** The generated API key in Secrets Manager, when the deployment uses one. */
  public readonly apiKey?: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: LlmServingOnEksProps) {
    super(scope, id);
    const { cluster } = props;
    if (cluster.servingCapacity) assertServingFitsCluster(this.node.path, cluster.servingCapacity, props);
    this.objects = llmServingObjects(props);

    const uris = servingObjectUris(props);
    const policy = modelReadAccessPolicy({
      locations: locationsOf(uris, (bucket) => bucket === props.modelBucketName ? cluster.modelBucket.bucket.bucketArn : `arn:${Aws.PARTITION}:s3:::${bucket}`),
      kmsKeyArns: [cluster.modelBucket.encryptionKey.keyArn],
      region: Stack.of(this).region,
    });
    this.modelReaderRole = new iam.Role(this, 'ModelReaderRole', {
      roleName: modelReaderRoleName(props.name),
      description: `vLLM pods of ${props.name}: read-only access to the model and adapter prefixes (EKS Pod Identity)`,
      assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com').withSessionTags(),
      inlinePolicies: { ReadModel: iam.PolicyDocument.fromJson(policy) },
    });
    acknowledgeIamFindings(this.modelReaderRole, {
      wildcards: 'The pods read every object under their model and adapter prefixes (weight shards, tokenizer, adapter files); the wildcard is limited to those prefixes.',
    });
    const association = new eks.CfnPodIdentityAssociation(this, 'PodIdentity', {
      clusterName: cluster.cluster.clusterName,
      namespace: props.namespace,
      serviceAccount: servingServiceAccountName(props),
      roleArn: this.modelReaderRole.roleArn,
    });
    if (cluster.podIdentityAgent) association.node.addDependency(cluster.podIdentityAgent);

    const apiKeyName = generatedApiKeySecretName(props);
    if (apiKeyName !== undefined) {
      // A generated key the External Secrets Operator syncs into the pods' Secret (`aws secretsmanager get-secret-value`).
      this.apiKey = new secretsmanager.Secret(this, 'ApiKey', {
        secretName: apiKeyName,
        description: `API key of the ${props.name} model endpoint (Authorization: Bearer)`,
        generateSecretString: { passwordLength: 48, excludePunctuation: true },
      });
      acknowledgeFinding(this.apiKey, 'AwsSolutions-SMG4',
        'The API key is rotated by the operator (put a new value, the External Secrets Operator syncs it within the hour and pods pick it up on restart); a rotation Lambda would restart serving pods unannounced.');
    }
    new KubeObjects(this, 'Objects', {
      cluster: cluster.cluster,
      objects: this.objects,
      // Pods must find their credentials, CRDs, GPU nodes and API key when they are created.
      dependsOn: [association, ...(this.apiKey ? [this.apiKey] : []), ...cluster.platformReady],
    });
  }
}

