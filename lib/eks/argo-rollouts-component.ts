/**
 * The Argo Rollouts controller as a Helm component, installed when a deployment serves through a `Rollout`
 * (progressive delivery). With Gateway API exposure the controller loads the Gateway API traffic router plugin
 * from its pinned image through an init container (plugin docs/installation.md, "Installing the plugin via init
 * containers"), so nothing is downloaded from GitHub at start-up and both amd64 and arm64 system nodes work.
 * Engine-free.
 */
import { GATEWAY_API_PLUGIN_NAME } from '../kubernetes/argo-rollout';
import type { HelmComponent } from './components';

/** Chart `argo-rollouts` of argoproj/argo-helm: 2.41.0 ships appVersion v1.9.0 (charts/argo-rollouts/Chart.yaml, read 2026-12-03). */
export const ARGO_ROLLOUTS_CHART_VERSION = '2.41.0';
export const ARGO_ROLLOUTS_NAMESPACE = 'argo-rollouts';

/**
 * argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi v0.15.0 (tag of 2026-06-26, the latest on 2026-12-03); its
 * docker-publish workflow pushes `ghcr.io/argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi:<tag>` for
 * linux/amd64 and linux/arm64, with the binary at `/bin/rollouts-plugin-trafficrouter-gatewayapi` (Dockerfile).
 */
export const GATEWAY_API_PLUGIN_IMAGE = 'ghcr.io/argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi:v0.15.0';
const PLUGIN_DIR = '/plugins';

export interface ArgoRolloutsComponentOptions {
  /** Load the Gateway API traffic router plugin (a Rollout routes through an HTTPRoute). */
  readonly gatewayApiPlugin: boolean;
}

export function argoRolloutsComponent(options: ArgoRolloutsComponentOptions, dependsOn: readonly string[]): HelmComponent {
  const plugin = options.gatewayApiPlugin
    ? {
      initContainers: [{
        name: 'copy-gateway-api-plugin',
        image: GATEWAY_API_PLUGIN_IMAGE,
        command: ['/bin/sh', '-c'],
        args: [`cp /bin/rollouts-plugin-trafficrouter-gatewayapi ${PLUGIN_DIR}/`],
        volumeMounts: [{ name: 'gateway-api-plugin', mountPath: PLUGIN_DIR }],
      }],
      volumes: [{ name: 'gateway-api-plugin', emptyDir: {} }],
      volumeMounts: [{ name: 'gateway-api-plugin', mountPath: PLUGIN_DIR }],
      trafficRouterPlugins: [{ name: GATEWAY_API_PLUGIN_NAME, location: `file://${PLUGIN_DIR}/rollouts-plugin-trafficrouter-gatewayapi` }],
    }
    : {};
  return {
    id: 'ArgoRollouts',
    release: 'argo-rollouts',
    chart: 'argo-rollouts',
    repository: 'https://argoproj.github.io/argo-helm',
    version: ARGO_ROLLOUTS_CHART_VERSION,
    namespace: ARGO_ROLLOUTS_NAMESPACE,
    values: {
      // The chart installs the Rollout/AnalysisTemplate CRDs and keeps them on uninstall (its defaults, made explicit).
      installCRDs: true,
      keepCRDs: true,
      controller: { replicas: 2, ...plugin },
      // RBAC for the routers we use: ALB Ingress annotations and HTTPRoute weights (chart values providerRBAC).
      providerRBAC: { enabled: true, providers: { awsLoadBalancerController: true, gatewayAPI: true } },
    },
    dependsOn: [...dependsOn],
    source: 'argo-rollouts docs "Installation": helm install argo-rollouts argo/argo-rollouts -n argo-rollouts --create-namespace (https://argoproj.github.io/argo-helm)',
  };
}
