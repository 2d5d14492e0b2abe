/**
 * `EksModelAccess`: the IAM role the vLLM pods of one deployment assume through EKS Pod Identity, with
 * read-only access to the model and adapter prefixes (`modelReadAccessPolicy`). EKS-specific: on other
 * clusters, grant the service account access the way that platform does.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { locationsOf, modelReadAccessPolicy } from '../../../lib/eks/model-access';
import { modelReaderRoleName } from '../../../lib/eks/names';
import { generatedApiKeySecretName, type LlmServingInputs, servingObjectUris, servingServiceAccountName } from '../../../lib/eks/serving';
import { POD_IDENTITY_TRUST } from './kms-key';

export interface EksModelAccessArgs {
  readonly serving: LlmServingInputs;
  readonly cluster: aws.eks.Cluster;
  readonly modelBucketArn: pulumi.Input<string>;
  readonly modelKeyArn: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
  readonly region: string;
  /** @default - none */
  readonly podIdentityAgent?: pulumi.Resource;
}

export class EksModelAccess extends pulumi.ComponentResource {
  public readonly association: aws.eks.PodIdentityAssociation;
  /** The generated API key (Secrets Manager), when the deployment uses one: the objects wait for it. */
  public readonly apiKey?: aws.secretsmanager.SecretVersion;

  constructor(name: string, args: EksModelAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super('aimd:aws:EksModelAccess', name, {}, opts);
    const { serving } = args;
    const role = new aws.iam.Role(`${name}-reader`, {
      name: modelReaderRoleName(serving.name),
      description: `vLLM pods of ${serving.name}: read-only access to the model and adapter prefixes (EKS Pod Identity)`,
      assumeRolePolicy: POD_IDENTITY_TRUST,
    }, { parent: this });
    new aws.iam.RolePolicy(`${name}-reader`, {
      role: role.id,
      policy: pulumi.all([args.modelBucketArn, args.modelKeyArn, args.partition]).apply(([bucketArn, keyArn, partition]) => JSON.stringify(modelReadAccessPolicy({
        locations: locationsOf(servingObjectUris(serving), (bucket) => (bucket === serving.modelBucketName ? bucketArn : `arn:${partition}:s3:::${bucket}`)),
        kmsKeyArns: [keyArn],
        region: args.region,
      }))),
    }, { parent: this });
    this.association = new aws.eks.PodIdentityAssociation(`${name}-reader`, {
      clusterName: args.cluster.name, namespace: serving.namespace, serviceAccount: servingServiceAccountName(serving), roleArn: role.arn,
    }, { parent: this, dependsOn: args.podIdentityAgent ? [args.podIdentityAgent] : [] });
    const apiKeyName = generatedApiKeySecretName(serving);
    if (apiKeyName !== undefined) {
      // A generated key the External Secrets Operator syncs into the pods' Secret (`aws secretsmanager get-secret-value`).
      const secret = new aws.secretsmanager.Secret(`${name}-api-key`, {
        name: apiKeyName, description: `API key of the ${serving.name} model endpoint (Authorization: Bearer)`, recoveryWindowInDays: 7,
      }, { parent: this });
      const value = aws.secretsmanager.getRandomPasswordOutput({ passwordLength: 48, excludePunctuation: true }, { parent: this });
      this.apiKey = new aws.secretsmanager.SecretVersion(`${name}-api-key`, {
        secretId: secret.id, secretString: pulumi.secret(value.apply((v) => v.randomPassword ?? '')),
      }, { parent: this, ignoreChanges: ['secretString'] });
    }
    this.registerOutputs({ roleArn: role.arn });
  }
}
