/**
 * `llm-gke` as one Pulumi component, the same resources as the cdktf stack from the same config: a private GKE
 * Standard cluster (VPC-native network with Cloud NAT, private endpoint, Workload Identity, Shielded Nodes, Dataplane
 * V2, release channel, Managed Prometheus + DCGM), a system pool and the GPU pool (GKE installs the driver), the CMEK
 * weights bucket (retained on delete), the model-reader service account bound through Workload Identity, and the
 * serving objects applied with a Kubernetes provider on the private endpoint, and the Cloud Monitoring notification
 * channels, PromQL alerting policies and Cloud Billing budget that reach the spec's recipients. Every Google Cloud
 * setting comes from the neutral design (lib/gke/llm-gke-design.ts); this file only wires references.
 */
import * as compute from '@pulumi/gcp/compute';
import * as container from '@pulumi/gcp/container';
import * as kms from '@pulumi/gcp/kms';
import * as organizations from '@pulumi/gcp/organizations';
import * as projects from '@pulumi/gcp/projects';
import * as serviceaccount from '@pulumi/gcp/serviceaccount';
import * as storage from '@pulumi/gcp/storage';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { gkeAlertRouting, gkeKubeObjects, type LlmGkeDeploymentConfig } from '../../../lib/gke/deployment-config';
import { type GkeNodePoolDesign, llmGkeDesign } from '../../../lib/gke/llm-gke-design';
import { applyKubeObjects } from '../eks/kube-objects';
import { gcpDeploymentAlerting } from '../gcp/deployment-alerting';
import { gkeKeda } from './gke-keda';

export interface LlmGkeDeploymentArgs {
  readonly config: LlmGkeDeploymentConfig;
}

export class LlmGkeDeployment extends pulumi.ComponentResource {
  public readonly cluster: container.Cluster;
  public readonly bucket: storage.Bucket;
  public readonly readerAccount: serviceaccount.Account;

  constructor(name: string, args: LlmGkeDeploymentArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('aimd:gke:LlmGkeDeployment', name, {}, opts);
    const c = args.config;
    // Every Google Cloud setting, decided once and shared with the cdktf stack (lib/gke/llm-gke-design.ts).
    const d = llmGkeDesign(c);
    const { project, region } = d;
    const parent = { parent: this };
    // Weights: CMEK key (kept), the storage agent's use of it, and the retained bucket.
    const w = d.weights;
    const ring = new kms.KeyRing(`${name}-keyring`, { ...w.keyRing, project }, parent);
    const key = new kms.CryptoKey(`${name}-key`, { ...w.cryptoKey, keyRing: ring.id }, { ...parent, protect: w.retainOnDestroy });
    const agent = storage.getProjectServiceAccountOutput({ project }, parent);
    const grant = new kms.CryptoKeyIAMMember(`${name}-storage-uses-key`, {
      cryptoKeyId: key.id, role: w.storageAgentRole, member: pulumi.interpolate`serviceAccount:${agent.emailAddress}`,
    }, parent);
    this.bucket = new storage.Bucket(`${name}-weights`, { ...w.bucket, project, encryption: { defaultKmsKeyName: key.id } }, { ...parent, retainOnDelete: w.retainOnDestroy, dependsOn: [grant] });
    // Network: nodes without public addresses, Cloud NAT for image pulls.
    const network = new compute.Network(`${name}-network`, { name: d.network.name, project, autoCreateSubnetworks: d.network.autoCreateSubnetworks }, parent);
    const subnet = new compute.Subnetwork(`${name}-nodes`, { ...d.network.subnet, project, region, network: network.id }, parent);
    const router = new compute.Router(`${name}-router`, { name: d.network.routerName, project, region, network: network.id }, parent);
    new compute.RouterNat(`${name}-nat`, { ...d.network.nat, project, region, router: router.name }, parent);
    const nodeAccount = new serviceaccount.Account(`${name}-node`, { accountId: d.nodeAccount.accountId, project, displayName: d.nodeAccount.displayName }, parent);
    d.nodeAccount.roles.forEach((role, i) => new projects.IAMMember(`${name}-node-role-${i}`, { project, role, member: nodeAccount.member }, parent));
    this.cluster = new container.Cluster(`${name}-cluster`, { ...d.cluster, project, network: network.id, subnetwork: subnet.id }, parent);
    const nodeConfig = { ...d.nodeConfig, serviceAccount: nodeAccount.email };
    const pool = ({ machineType, ...settings }: GkeNodePoolDesign) => ({ ...settings, project, cluster: this.cluster.name, nodeConfig: { ...nodeConfig, machineType } });
    new container.NodePool(`${name}-system`, pool(d.systemPool), parent);
    const { guestAccelerators, labels, taints, ...gpuPoolDesign } = d.gpuPool;
    const gpu = pool(gpuPoolDesign);
    const gpuPool = new container.NodePool(`${name}-gpu`, { ...gpu, nodeConfig: { ...gpu.nodeConfig, guestAccelerators, labels, taints } }, parent);
    // The serving pods' identity: read-only on this bucket, impersonated through Workload Identity.
    const reader = d.reader;
    this.readerAccount = new serviceaccount.Account(`${name}-reader`, { accountId: reader.accountId, project, displayName: reader.displayName }, parent);
    new storage.BucketIAMMember(`${name}-reads-weights`, { bucket: this.bucket.name, role: reader.bucketRole, member: this.readerAccount.member }, parent);
    new serviceaccount.IAMMember(`${name}-workload-identity`, { ...reader.workloadIdentity, serviceAccountId: this.readerAccount.name }, { ...parent, dependsOn: [this.cluster] });
    const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: gkeKubeconfig(this.cluster) }, parent);
    // KEDA for the ScaledObject, reading Managed Prometheus as its own Workload Identity (lib/gke/keda.ts).
    const keda = gkeKeda({ name, design: d, cluster: this.cluster, provider, parent: this, dependsOn: [gpuPool] });
    applyKubeObjects({ name, objects: gkeKubeObjects(c), provider, parent: this, dependsOn: [gpuPool, this.readerAccount, keda] });
    // Who hears the alerts and the bill: notification channels, PromQL alerting policies, the Cloud Billing budget.
    const projectNumber = organizations.getProjectOutput({ projectId: c.project }, parent).number;
    gcpDeploymentAlerting(name, { routing: gkeAlertRouting(c), budget: c.alerting?.budget, projectNumber, project: c.project }, parent);
    this.registerOutputs({ cluster: this.cluster.name, bucket: this.bucket.url, readerAccount: this.readerAccount.email });
  }
}

/** A kubeconfig for the private endpoint that authenticates with gke-gcloud-auth-plugin (GKE docs, "Install kubectl and configure cluster access", read 2026-12-03). */
function gkeKubeconfig(cluster: container.Cluster): pulumi.Output<string> {
  // Outputs are undefined under mocks and in previews before the cluster exists.
  return pulumi.all([cluster.name, cluster.privateClusterConfig, cluster.masterAuth]).apply(([clusterName, priv, auth]) => JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: clusterName, cluster: { server: `https://${priv?.privateEndpoint ?? ''}`, 'certificate-authority-data': auth?.clusterCaCertificate ?? '' } }],
    contexts: [{ name: clusterName, context: { cluster: clusterName, user: clusterName } }],
    'current-context': clusterName,
    users: [{ name: clusterName, user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'gke-gcloud-auth-plugin', provideClusterInfo: true, interactiveMode: 'Never' } } }],
  }));
}
