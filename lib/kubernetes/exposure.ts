/**
 * How clients outside the cluster reach the OpenAI-compatible API: an internal ALB with TLS from ACM (AWS Load
 * Balancer Controller annotations, kubernetes-sigs/aws-load-balancer-controller "Ingress annotations"), or a
 * Gateway API HTTPRoute attached to an existing Gateway whose HTTPS listener terminates TLS.
 */
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IIngressClass } from 'kubernetes-models/networking.k8s.io/v1/IngressClass';
import { canaryServiceName, stableServiceName } from './argo-rollout';
import type { ServingContext } from './context';
import { toKubeObject } from './kube-object';
import { commonLabels, HTTP_PORT, HTTP_PORT_NAME } from './labels';
import type { KubeObject, KubeObjectMeta } from './types';

/**
 * Seconds a request may stay silent: a long non-streamed completion sends nothing until it ends, and the ALB's
 * default idle timeout of 60 s would cut it.
 */
export const REQUEST_TIMEOUT_SECONDS = 600;

/** TLS 1.3 with a TLS 1.2 fallback (ALB predefined security policy). */
const ALB_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** The fields of gateway.networking.k8s.io/v1 HTTPRoute we set. */
export interface IHttpRoute {
  readonly apiVersion: 'gateway.networking.k8s.io/v1';
  readonly kind: 'HTTPRoute';
  readonly metadata: KubeObjectMeta;
  readonly spec: {
    readonly parentRefs: readonly { readonly name: string; readonly namespace?: string; readonly sectionName?: string }[];
    readonly hostnames: readonly string[];
    readonly rules: readonly {
      readonly matches: readonly { readonly path: { readonly type: 'PathPrefix'; readonly value: string } }[];
      readonly backendRefs: readonly { readonly name: string; readonly port: number; readonly weight?: number }[];
      readonly timeouts?: { readonly request: string };
    }[];
  };
}

/**
 * With an ALB-routed canary the Ingress names the root Service with port `use-annotation`: Argo Rollouts writes the
 * `alb.ingress.kubernetes.io/actions.<name>` annotation that weighs the stable and canary Services
 * (argo-rollouts docs/features/traffic-management/alb.md, v1.9.0, read 2026-12-03).
 */
function ingressBackendPort(ctx: ServingContext): string {
  return ctx.rollout?.trafficRouting === 'alb' ? 'use-annotation' : HTTP_PORT_NAME;
}

/**
 * The route's backends: the Service, or, for a Gateway API canary, the stable (100) and canary (0) Services whose
 * weights the Argo Rollouts Gateway API plugin moves (rollouts-plugin-trafficrouter-gatewayapi docs/quick-start.md).
 */
function routeBackends(ctx: ServingContext): { name: string; port: number; weight?: number }[] {
  if (ctx.rollout?.trafficRouting !== 'gateway-api') return [{ name: ctx.name, port: HTTP_PORT }];
  return [
    { name: stableServiceName(ctx), port: HTTP_PORT, weight: 100 },
    { name: canaryServiceName(ctx), port: HTTP_PORT, weight: 0 },
  ];
}

export function albIngress(ctx: ServingContext, host: string, certificateArn: string): KubeObject {
  const ingress: IIngress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: ctx.name,
      namespace: ctx.namespace,
      labels: commonLabels(ctx.name, ctx.imageTag),
      annotations: {
        'alb.ingress.kubernetes.io/scheme': 'internal',
        'alb.ingress.kubernetes.io/target-type': 'ip',
        'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
        'alb.ingress.kubernetes.io/certificate-arn': certificateArn,
        'alb.ingress.kubernetes.io/ssl-policy': ALB_SSL_POLICY,
        'alb.ingress.kubernetes.io/backend-protocol': 'HTTP',
        'alb.ingress.kubernetes.io/healthcheck-path': '/health',
        'alb.ingress.kubernetes.io/load-balancer-attributes': `idle_timeout.timeout_seconds=${REQUEST_TIMEOUT_SECONDS}`,
      },
    },
    spec: {
      ingressClassName: ALB_INGRESS_CLASS,
      tls: [{ hosts: [host] }],
      rules: [
        {
          host,
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: ctx.name, port: { name: ingressBackendPort(ctx) } } } }] },
        },
      ],
    },
  };
  return toKubeObject(ingress);
}

export function httpRoute(ctx: ServingContext, host: string): KubeObject {
  const { name, namespace, sectionName } = ctx.gateway;
  const route: IHttpRoute = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: {
      parentRefs: [{ name, namespace, ...(sectionName ? { sectionName } : {}) }],
      hostnames: [host],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/v1' } }],
          backendRefs: routeBackends(ctx),
          timeouts: { request: `${REQUEST_TIMEOUT_SECONDS}s` },
        },
      ],
    },
  };
  return toKubeObject(route);
}

/** Name of the IngressClass the Ingress uses (the AWS Load Balancer Controller's chart creates one of this name). */
export const ALB_INGRESS_CLASS = 'alb';

/** The fields of eks.amazonaws.com/v1 IngressClassParams we set (EKS user guide, "Create an IngressClass to configure an Application Load Balancer", read 2026-11-24). */
export interface IIngressClassParams {
  readonly apiVersion: 'eks.amazonaws.com/v1';
  readonly kind: 'IngressClassParams';
  readonly metadata: KubeObjectMeta;
  readonly spec: { readonly scheme: 'internal' | 'internet-facing' };
}

/**
 * EKS Auto Mode runs its own load balancer controller (`eks.amazonaws.com/alb`) but creates no IngressClass: these
 * objects give the Ingress its `alb` class, internal by default. Elsewhere the AWS Load Balancer Controller's Helm
 * chart creates the class.
 */
export function autoModeAlbIngressClass(ctx: ServingContext): KubeObject[] {
  const labels = commonLabels(ctx.name, ctx.imageTag);
  const params: IIngressClassParams = {
    apiVersion: 'eks.amazonaws.com/v1',
    kind: 'IngressClassParams',
    metadata: { name: ALB_INGRESS_CLASS, labels },
    spec: { scheme: 'internal' },
  };
  const ingressClass: IIngressClass = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: ALB_INGRESS_CLASS, labels },
    spec: {
      controller: 'eks.amazonaws.com/alb',
      parameters: { apiGroup: 'eks.amazonaws.com', kind: 'IngressClassParams', name: ALB_INGRESS_CLASS },
    },
  };
  return [toKubeObject(params), toKubeObject(ingressClass)];
}

export function exposureObjects(ctx: ServingContext): KubeObject[] {
  const exposure = ctx.options.exposure;
  if (!exposure) return [];
  if (exposure.kind === 'alb-ingress') {
    return [
      ...(ctx.options.capacity === 'auto-mode' ? autoModeAlbIngressClass(ctx) : []),
      albIngress(ctx, exposure.host, exposure.certificateArn ?? ''),
    ];
  }
  return [httpRoute(ctx, exposure.host)];
}
