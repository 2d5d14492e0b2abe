/**
 * The benchmark peer: a GPU cluster as cdk-eks-blueprints 1.19 builds it (EKS, one GPU managed node
 * group on the AL2023 NVIDIA AMI, the NVIDIA device plugin Helm chart), synthesized with this project's
 * aws-cdk-lib (package.json `overrides` lifts the library's exact 2.261.0 peer pin). `npm run bench`
 * runs it through the CDK CLI exactly as it runs our `llm-eks` stack, and compares the wall times.
 *
 *   npx cdk synth --app 'node dist/bench/peer/eks-blueprints-gpu.js' --no-notices -q
 */
import * as blueprints from '@aws-quickstart/eks-blueprints';
import { App } from 'aws-cdk-lib';
import { InstanceType } from 'aws-cdk-lib/aws-ec2';
import { KubernetesVersion, NodegroupAmiType } from 'aws-cdk-lib/aws-eks';
import type { Construct } from 'constructs';
import { REVIEW_ACCOUNT } from '../../blueprints/blueprint';

/** The NVIDIA device plugin (https://github.com/NVIDIA/k8s-device-plugin), chart 0.17.1 (2025-03). */
class NvidiaDevicePluginAddOn extends blueprints.HelmAddOn {
  constructor() {
    super({
      name: 'nvidia-device-plugin',
      chart: 'nvidia-device-plugin',
      release: 'nvidia-device-plugin',
      repository: 'https://nvidia.github.io/k8s-device-plugin',
      version: '0.17.1',
      namespace: 'kube-system',
    });
  }

  deploy(clusterInfo: blueprints.ClusterInfo): Promise<Construct> {
    return Promise.resolve(this.addHelmChart(clusterInfo, { nodeSelector: { 'eks.amazonaws.com/nodegroup': 'gpu' } }));
  }
}

/** Builds the peer stack, `eks-blueprints-gpu`, into the app. */
export async function buildPeerApp(app = new App()): Promise<App> {
  const version = KubernetesVersion.V1_33;
  await blueprints.EksBlueprint.builder()
    .account(REVIEW_ACCOUNT)
    .region('us-east-1')
    .version(version)
    .clusterProvider(new blueprints.GenericClusterProvider({
      version,
      managedNodeGroups: [{
        id: 'gpu',
        instanceTypes: [new InstanceType('g5.xlarge')],
        amiType: NodegroupAmiType.AL2023_X86_64_NVIDIA,
        minSize: 1,
        desiredSize: 1,
        maxSize: 2,
      }],
    }))
    .addOns(new NvidiaDevicePluginAddOn())
    .buildAsync(app, 'eks-blueprints-gpu');
  return app;
}

if (require.main === module) {
  buildPeerApp().then((app) => app.synth(), (error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
