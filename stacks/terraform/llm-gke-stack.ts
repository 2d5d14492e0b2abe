/**
 * `llm-gke` on Terraform (cdktf + the prebuilt google provider): the private GKE cluster and GPU pool, the CMEK
 * weights bucket, the model-reader service account bound through Workload Identity, and the serving objects (through
 * the GKE cloud binding) applied with the kubernetes provider over the private endpoint, after KEDA
 * (constructs/terraform/gke/gke-keda.ts). Run Terraform from a network the control plane authorizes (a bastion or Cloud
 * Build private pool in the VPC). The vLLM alerts are Cloud Monitoring PromQL policies notifying the spec's recipients,
 * beside the deployment's Cloud Billing budget.
 */
import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { GcpDeploymentAlerting } from '../../constructs/terraform/gcp/deployment-alerting';
import { GkeKeda } from '../../constructs/terraform/gke/gke-keda';
import { GkeModelBucket } from '../../constructs/terraform/gke/gke-model-bucket';
import { GkeServingIdentity } from '../../constructs/terraform/gke/serving-identity';
import { PrivateGkeCluster } from '../../constructs/terraform/gke/private-gke-cluster';
import { KubeObjects } from '../../constructs/terraform/eks/kube-objects';
import { gkeAlertRouting, gkeKubeObjects, type LlmGkeDeploymentConfig } from '../../lib/gke/deployment-config';
import { llmGkeDesign } from '../../lib/gke/llm-gke-design';

export interface LlmGkeTerraformStackProps {
  readonly config: LlmGkeDeploymentConfig;
}

export class LlmGkeTerraformStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: LlmGkeTerraformStackProps) {
    super(scope, id);
    const c = props.config;
    // Every Google Cloud setting, decided once and shared with the Pulumi program (lib/gke/llm-gke-design.ts).
    const design = llmGkeDesign(c);
    new GoogleProvider(this, 'Google', { project: c.project, region: c.region, defaultLabels: design.labels });
    const weights = new GkeModelBucket(this, 'Weights', { design });
    const gke = new PrivateGkeCluster(this, 'Gke', { design });
    const identity = new GkeServingIdentity(this, 'ServingIdentity', { design, bucket: weights.bucket, cluster: gke.cluster });
    const client = new DataGoogleClientConfig(this, 'Client');
    const connection = {
      host: `https://${gke.cluster.privateClusterConfig.privateEndpoint}`,
      token: client.accessToken,
      clusterCaCertificate: Fn.base64decode(gke.cluster.masterAuth.clusterCaCertificate),
    };
    const kubernetes = new KubernetesProvider(this, 'Kubernetes', connection);
    // KEDA for the ScaledObject, reading Managed Prometheus as its own Workload Identity (lib/gke/keda.ts).
    const keda = new GkeKeda(this, 'Keda', { design, cluster: gke.cluster, connection, dependsOn: [gke.gpuPool] });
    new KubeObjects(this, 'Serving', { provider: kubernetes, objects: gkeKubeObjects(c), dependsOn: [gke.gpuPool, identity.serviceAccount, keda.release] });
    const project = new DataGoogleProject(this, 'Project', { projectId: c.project });
    new GcpDeploymentAlerting(this, 'Alerting', { routing: gkeAlertRouting(c), budget: c.alerting?.budget, projectNumber: project.number, project: c.project });
    new TerraformOutput(this, 'ClusterName', { value: gke.cluster.name });
    new TerraformOutput(this, 'ModelBucket', { value: weights.bucket.url });
    new TerraformOutput(this, 'ModelReaderServiceAccount', { value: identity.serviceAccount.email });
  }
}
