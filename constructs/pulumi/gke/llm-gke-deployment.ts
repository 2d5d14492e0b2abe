/**
 * `llm-gke` as one Pulumi component, the same resources as the cdktf stack from the same config: a private GKE
 * Standard cluster (VPC-native network with Cloud NAT, private endpoint, Workload Identity, Shielded Nodes, Dataplane
 * V2, release channel, Managed Prometheus + DCGM), a system pool and the GPU pool (GKE installs the driver), the CMEK
 * weights bucket (retained on delete), the model-reader service account bound through Workload Identity, and the
 * serving objects applied with a Kubernetes provider on the private endpoint, and the Cloud Monitoring notification
 * channels, PromQL alerting policies and Cloud Billing budget that reach the spec's recipients.
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
import { gkeAlertRouting, gkeKubeObjects, type LlmGkeDeploymentConfig, workloadIdentityMember } from '../../../lib/gke/deployment-config';
import { GKE_NODE_SERVICE_ACCOUNT_ROLES } from '../../../lib/gke/node-roles';
import { GKE_GPU_TAINT, gkeGpuNodeLabels } from '../../../lib/gke/node-pool';
import { GKE_GPU_DRIVER_VERSION, GKE_NODE_OAUTH_SCOPES, GKE_SYSTEM_MACHINE_TYPE, KMS_KEY_ROTATION_PERIOD } from '../../../lib/gke/security-defaults';
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
    const parent = { parent: this };
    // Weights: CMEK key (kept), the storage agent's use of it, and the retained bucket.
    const ring = new kms.KeyRing(`${name}-keyring`, { name: c.keyRingName, location: c.region, project: c.project }, parent);
    const key = new kms.CryptoKey(`${name}-key`, { name: c.cryptoKeyName, keyRing: ring.id, rotationPeriod: KMS_KEY_ROTATION_PERIOD, purpose: 'ENCRYPT_DECRYPT' }, { ...parent, protect: true });
    const agent = storage.getProjectServiceAccountOutput({ project: c.project }, parent);
    const grant = new kms.CryptoKeyIAMMember(`${name}-storage-uses-key`, {
      cryptoKeyId: key.id, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: pulumi.interpolate`serviceAccount:${agent.emailAddress}`,
    }, parent);
    this.bucket = new storage.Bucket(`${name}-weights`, {
      name: c.bucketName,
      project: c.project,
      location: c.region.toUpperCase(),
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      versioning: { enabled: true },
      encryption: { defaultKmsKeyName: key.id },
      forceDestroy: false,
      labels: { ...c.labels },
    }, { ...parent, retainOnDelete: true, dependsOn: [grant] });
    // Network: nodes without public addresses, Cloud NAT for image pulls.
    const network = new compute.Network(`${name}-network`, { name: c.name, project: c.project, autoCreateSubnetworks: false }, parent);
    const subnet = new compute.Subnetwork(`${name}-nodes`, {
      name: `${c.name}-nodes`, project: c.project, region: c.region, network: network.id, ipCidrRange: c.network.nodes, privateIpGoogleAccess: true,
      secondaryIpRanges: [{ rangeName: 'pods', ipCidrRange: c.network.pods }, { rangeName: 'services', ipCidrRange: c.network.services }],
      logConfig: { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' },
    }, parent);
    const router = new compute.Router(`${name}-router`, { name: `${c.name}-nat`, project: c.project, region: c.region, network: network.id }, parent);
    new compute.RouterNat(`${name}-nat`, {
      name: `${c.name}-nat`, project: c.project, region: c.region, router: router.name, natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES', logConfig: { enable: true, filter: 'ERRORS_ONLY' },
    }, parent);
    const nodeAccount = new serviceaccount.Account(`${name}-node`, { accountId: `${c.serviceAccountId.slice(0, 24)}-node`, project: c.project, displayName: `${c.name} GKE nodes` }, parent);
    GKE_NODE_SERVICE_ACCOUNT_ROLES.forEach((role, i) => new projects.IAMMember(`${name}-node-role-${i}`, { project: c.project, role, member: nodeAccount.member }, parent));
    this.cluster = new container.Cluster(`${name}-cluster`, {
      name: c.name,
      project: c.project,
      location: c.region,
      network: network.id,
      subnetwork: subnet.id,
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      deletionProtection: true,
      ipAllocationPolicy: { clusterSecondaryRangeName: 'pods', servicesSecondaryRangeName: 'services' },
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: c.network.controlPlane, masterGlobalAccessConfig: { enabled: false } },
      masterAuthorizedNetworksConfig: { cidrBlocks: c.authorizedNetworks.map((cidr) => ({ cidrBlock: cidr, displayName: 'authorized' })) },
      workloadIdentityConfig: { workloadPool: `${c.project}.svc.id.goog` },
      enableShieldedNodes: true,
      releaseChannel: { channel: c.releaseChannel },
      datapathProvider: 'ADVANCED_DATAPATH',
      monitoringConfig: { enableComponents: ['SYSTEM_COMPONENTS', 'DCGM'], managedPrometheus: { enabled: true } },
      resourceLabels: { ...c.labels },
    }, parent);
    const nodeConfig = (machineType: string) => ({
      machineType,
      serviceAccount: nodeAccount.email,
      oauthScopes: GKE_NODE_OAUTH_SCOPES,
      shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
      workloadMetadataConfig: { mode: 'GKE_METADATA' },
      resourceLabels: { ...c.labels },
    });
    new container.NodePool(`${name}-system`, {
      name: 'system', project: c.project, location: c.region, cluster: this.cluster.name,
      autoscaling: { totalMinNodeCount: 1, totalMaxNodeCount: 3 }, management: { autoRepair: true, autoUpgrade: true },
      nodeConfig: nodeConfig(GKE_SYSTEM_MACHINE_TYPE),
    }, parent);
    const gpuPool = new container.NodePool(`${name}-gpu`, {
      name: c.serving.nodePoolName ?? `${c.name}-gpu`, project: c.project, location: c.region, cluster: this.cluster.name,
      autoscaling: { totalMinNodeCount: c.minNodes, totalMaxNodeCount: c.maxNodes, locationPolicy: 'ANY' },
      management: { autoRepair: true, autoUpgrade: true },
      nodeConfig: {
        ...nodeConfig(c.machineType),
        guestAccelerators: [{ type: c.acceleratorType, count: c.acceleratorCount, gpuDriverInstallationConfig: { gpuDriverVersion: GKE_GPU_DRIVER_VERSION } }],
        labels: gkeGpuNodeLabels(c),
        taints: [GKE_GPU_TAINT],
      },
    }, parent);
    // The serving pods' identity: read-only on this bucket, impersonated through Workload Identity.
    this.readerAccount = new serviceaccount.Account(`${name}-reader`, { accountId: c.serviceAccountId, project: c.project, displayName: `${c.name} model reader` }, parent);
    new storage.BucketIAMMember(`${name}-reads-weights`, { bucket: this.bucket.name, role: 'roles/storage.objectViewer', member: this.readerAccount.member }, parent);
    new serviceaccount.IAMMember(`${name}-workload-identity`, {
      serviceAccountId: this.readerAccount.name, role: 'roles/iam.workloadIdentityUser', member: workloadIdentityMember(c),
    }, { ...parent, dependsOn: [this.cluster] });
    const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: gkeKubeconfig(this.cluster) }, parent);
    // KEDA for the ScaledObject, reading Managed Prometheus as its own Workload Identity (lib/gke/keda.ts).
    const keda = gkeKeda({ name, config: c, cluster: this.cluster, provider, parent: this, dependsOn: [gpuPool] });
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
