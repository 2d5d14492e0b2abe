/**
 * The API key check KServe's Hugging Face server lacks (it does not read `VLLM_API_KEY`): with an API key, the LLM
 * predictor pod gets the shared NGINX auth proxy (lib/kubernetes/runtimes/auth-proxy.ts) as an extra container.
 * KServe appends the predictor's `containers` to the pod after the model container (`buildPodSpec`,
 * pkg/controller/v1beta1/inferenceservice/components/predictor.go, kserve/kserve read 2026-12-03). The proxy
 * listens on 8000, our Service `<name>` targets it, and the NetworkPolicy admits callers on 8000 only (network.ts).
 */
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { ServingContext } from '../../context';
import { HTTP_PORT } from '../../labels';
import { authProxyContainer, authProxyVolumes, type AuthProxyOptions } from '../auth-proxy';
import { kserveLabels, modelReadyPath } from './inference-service';
import { KSERVE_HTTP_PORT, KSERVE_METRICS_PATH } from './versions';

/** Port of the auth proxy in the LLM predictor pod (our Service's port, free in KServe's pod). */
export const KSERVE_AUTH_PROXY_PORT = HTTP_PORT;
/** Seconds the proxy waits on SIGTERM, as long as the model server's pre-stop sleep. */
const AUTH_PROXY_PRE_STOP_SECONDS = 15;

/** The proxy in front of the LLM predictor; health and metrics pass unauthenticated (vLLM's own /metrics does too). */
export function kserveAuthProxy(ctx: ServingContext): AuthProxyOptions | undefined {
  const apiKeySecret = ctx.options.apiKeySecret;
  if (apiKeySecret === undefined) return undefined;
  return {
    name: ctx.name,
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: kserveLabels(ctx) },
    listenPort: KSERVE_AUTH_PROXY_PORT,
    upstreamPort: KSERVE_HTTP_PORT,
    // KServe's model server already uses the port name `http`.
    portName: 'auth-proxy',
    openPaths: ['/', modelReadyPath(ctx.name), KSERVE_METRICS_PATH],
    apiKeySecret,
  };
}

/** The proxy's container and volumes for the LLM predictor pod; none without an API key. */
export function kserveAuthProxyPodParts(ctx: ServingContext): { readonly containers: IContainer[]; readonly volumes: IVolume[] } {
  const proxy = kserveAuthProxy(ctx);
  return proxy ? { containers: [authProxyContainer(proxy, AUTH_PROXY_PRE_STOP_SECONDS)], volumes: authProxyVolumes(proxy) } : { containers: [], volumes: [] };
}
