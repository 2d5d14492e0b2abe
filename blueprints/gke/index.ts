/** Blueprints on Google Kubernetes Engine (cdktf, Pulumi, manifests; CDK is AWS-only). */
import type { Blueprint } from '../blueprint';
import { LLM_GKE } from './llm-gke';

export const GKE_BLUEPRINTS: readonly Blueprint[] = [LLM_GKE];
