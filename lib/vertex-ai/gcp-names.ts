/** Google Cloud names the Vertex AI renderers share (labels, Google-managed service agents). */

/**
 * Tags as GCP labels: keys and values lower-case letters, digits, `_` and `-`, at most 63 characters
 * (cloud.google.com/resource-manager/docs/labels-overview, read 2026-12-03).
 */
export function gcpLabels(tags: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9_-]/g, '-').slice(0, 63);
  const labels: Record<string, string> = { 'managed-by': 'ai-model-deployment' };
  for (const [k, v] of Object.entries(tags ?? {})) labels[clean(k)] = clean(v);
  return labels;
}

/**
 * The Google-managed service agents that use the CMEK key (cloud.google.com/iam/docs/service-agents, read
 * 2026-12-03): Vertex AI (`gcp-sa-aiplatform`) and Artifact Registry (`gcp-sa-artifactregistry`).
 */
export function gcpServiceAgents(projectNumber: string): { vertexAi: string; artifactRegistry: string } {
  return {
    vertexAi: `service-${projectNumber}@gcp-sa-aiplatform.iam.gserviceaccount.com`,
    artifactRegistry: `service-${projectNumber}@gcp-sa-artifactregistry.iam.gserviceaccount.com`,
  };
}
