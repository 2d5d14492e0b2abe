/**
 * How clients outside the cluster reach the OpenAI-compatible API: an internal ALB with TLS from ACM (AWS Load
 * Balancer Controller annotations, kubernetes-sigs/aws-load-balancer-controller "Ingress annotations"), or a
 * Gateway API HTTPRoute attached to an existing Gateway whose HTTPS listener terminates TLS.
 */
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IIngressClass } from 'kubernetes-models/networking.k8s.io/v1/IngressClass';
import { canaryServiceName, stableServiceName } from './argo-rollout';
import type { ServingContext } from './context';
import type { ExposureOptions } from './options';
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

/**
 * What an exposure routes to, for any runtime: the deployment (its Service shares its name), the labels of its
 * objects, and the HTTP endpoint (port, the path prefix clients call, the path the ALB health-checks).
 */
export interface ExposureTarget {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly capacity: 'karpenter' | 'auto-mode' | 'managed-nodegroup';
  readonly exposure?: ExposureOptions;
  readonly gateway: { readonly name: string; readonly namespace: string; readonly sectionName?: string };
  readonly http: { readonly port: number; readonly portName: string; readonly pathPrefix: string; readonly healthPath: string };
  /** The HTTPRoute's backends (a canary's stable and canary Services). @default - the Service named like the deployment */
  readonly routeBackends?: readonly { readonly name: string; readonly port: number; readonly weight?: number }[];
  /** The Ingress backend's port name (`use-annotation` for an ALB-routed canary). @default - `http.portName` */
  readonly ingressBackendPort?: string;
}

/** vLLM's endpoint: the OpenAI API under /v1 on port 8000, health at /health. */
function vllmTarget(ctx: ServingContext): ExposureTarget {
  return {
    name: ctx.name,
    namespace: ctx.namespace,
    labels: commonLabels(ctx.name, ctx.imageTag),
    capacity: ctx.options.capacity,
    exposure: ctx.options.exposure,
    gateway: ctx.gateway,
    http: { port: HTTP_PORT, portName: HTTP_PORT_NAME, pathPrefix: '/v1', healthPath: '/health' },
    routeBackends: routeBackends(ctx),
    ingressBackendPort: ingressBackendPort(ctx),
  };
}

export function albIngress(ctx: ServingContext, host: string, certificateArn: string): KubeObject {
  return albIngressFor(vllmTarget(ctx), host, certificateArn);
}

export function albIngressFor(target: ExposureTarget, host: string, certificateArn: string): KubeObject {
  const ingress: IIngress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: target.name,
      namespace: target.namespace,
      labels: { ...target.labels },
      annotations: {
        'alb.ingress.kubernetes.io/scheme': 'internal',
        'alb.ingress.kubernetes.io/target-type': 'ip',
        'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
        'alb.ingress.kubernetes.io/certificate-arn': certificateArn,
        'alb.ingress.kubernetes.io/ssl-policy': ALB_SSL_POLICY,
        'alb.ingress.kubernetes.io/backend-protocol': 'HTTP',
        'alb.ingress.kubernetes.io/healthcheck-path': target.http.healthPath,
        'alb.ingress.kubernetes.io/load-balancer-attributes': `idle_timeout.timeout_seconds=${REQUEST_TIMEOUT_SECONDS}`,
      },
    },
    spec: {
      ingressClassName: ALB_INGRESS_CLASS,
      tls: [{ hosts: [host] }],
      rules: [
        {
          host,
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: target.name, port: { name: target.ingressBackendPort ?? target.http.portName } } } }] },
        },
      ],
    },
  };
  return toKubeObject(ingress);
}

export function httpRoute(ctx: ServingContext, host: string): KubeObject {
  return httpRouteFor(vllmTarget(ctx), host);
}

export function httpRouteFor(target: ExposureTarget, host: string): KubeObject {
  const { name, namespace, sectionName } = target.gateway;
  const route: IHttpRoute = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: target.name, namespace: target.namespace, labels: { ...target.labels } },
    spec: {
      parentRefs: [{ name, namespace, ...(sectionName ? { sectionName } : {}) }],
      hostnames: [host],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: target.http.pathPrefix } }],
          backendRefs: [...(target.routeBackends ?? [{ name: target.name, port: target.http.port }])],
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
  return autoModeAlbIngressClassFor(commonLabels(ctx.name, ctx.imageTag));
}

function autoModeAlbIngressClassFor(given: Readonly<Record<string, string>>): KubeObject[] {
  const labels = { ...given };
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
  return exposureObjectsFor(vllmTarget(ctx));
}

/** The Ingress (plus Auto Mode's IngressClass) or HTTPRoute of any runtime's deployment; none without exposure. */
export function exposureObjectsFor(target: ExposureTarget): KubeObject[] {
  const exposure = target.exposure;
  if (!exposure) return [];
  if (exposure.kind === 'alb-ingress') {
    return [
      ...(target.capacity === 'auto-mode' ? autoModeAlbIngressClassFor(target.labels) : []),
      albIngressFor(target, exposure.host, exposure.certificateArn ?? ''),
    ];
  }
  return [httpRouteFor(target, exposure.host)];
}
