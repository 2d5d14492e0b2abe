/**
 * `llm-kubernetes` on Terraform: the serving objects as `kubernetes_manifest` resources on an existing cluster, through
 * the kubernetes provider reading the kubeconfig (`KUBE_CONFIG_PATH`, else ~/.kube/config) and the spec's context.
 */
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { KubeObjects } from '../../constructs/terraform/eks/kube-objects';
import { kubernetesTargetObjects, type LlmKubernetesDeploymentConfig } from '../../lib/kubernetes-target/deployment-config';

export class LlmKubernetesTerraformStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: { readonly config: LlmKubernetesDeploymentConfig }) {
    super(scope, id);
    const c = props.config;
    const provider = new KubernetesProvider(this, 'Kubernetes', { configPath: '~/.kube/config', ...(c.kubeContext !== undefined && { configContext: c.kubeContext }) });
    new KubeObjects(this, 'Serving', { provider, objects: kubernetesTargetObjects(c) });
  }
}
