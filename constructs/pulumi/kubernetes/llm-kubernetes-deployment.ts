/**
 * The serving objects of an existing cluster as one Pulumi component: a `kubernetes.Provider` for the given kubeconfig
 * context (the current one when none is given) and the objects applied with it, namespaces first.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { kubernetesTargetObjects, type LlmKubernetesDeploymentConfig } from '../../../lib/kubernetes-target/deployment-config';
import { applyKubeObjects } from '../eks/kube-objects';

export interface LlmKubernetesDeploymentArgs {
  readonly config: LlmKubernetesDeploymentConfig;
}

export class LlmKubernetesDeployment extends pulumi.ComponentResource {
  public readonly provider: k8s.Provider;

  constructor(name: string, args: LlmKubernetesDeploymentArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('aimd:kubernetes:LlmKubernetesDeployment', name, {}, opts);
    const c = args.config;
    // `context` picks the kubeconfig context; the kubeconfig itself comes from KUBECONFIG or ~/.kube/config.
    this.provider = new k8s.Provider(`${name}-cluster`, { ...(c.kubeContext !== undefined && { context: c.kubeContext }) }, { parent: this });
    applyKubeObjects({ name, objects: kubernetesTargetObjects(c), provider: this.provider, parent: this });
    this.registerOutputs({});
  }
}
