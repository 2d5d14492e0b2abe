/** The Pulumi program of `llm-kubernetes`: one {@link LlmKubernetesDeployment} on the spec's kubeconfig context. */
import type * as pulumi from '@pulumi/pulumi';
import { LlmKubernetesDeployment } from '../../constructs/pulumi/kubernetes/llm-kubernetes-deployment';
import type { LlmKubernetesDeploymentConfig } from '../../lib/kubernetes-target/deployment-config';

export function llmKubernetesPulumiProgram(config: LlmKubernetesDeploymentConfig, opts: pulumi.ComponentResourceOptions = {}): LlmKubernetesDeployment {
  return new LlmKubernetesDeployment(config.name, { config }, opts);
}
