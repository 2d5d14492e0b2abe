/**
 * The Pulumi program of `llm-gke`: one {@link LlmGkeDeployment} from the same {@link LlmGkeDeploymentConfig} as the
 * cdktf stack. The google provider's project and region come from the config (`gcp:project`, `gcp:region`).
 */
import type * as pulumi from '@pulumi/pulumi';
import { LlmGkeDeployment } from '../../constructs/pulumi/gke/llm-gke-deployment';
import type { LlmGkeDeploymentConfig } from '../../lib/gke/deployment-config';

export function llmGkePulumiProgram(config: LlmGkeDeploymentConfig, opts: pulumi.ComponentResourceOptions = {}): LlmGkeDeployment {
  return new LlmGkeDeployment(config.name, { config }, opts);
}
