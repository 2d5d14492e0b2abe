/**
 * An authenticating reverse proxy in front of a model server that has no key check of its own (TorchServe, TF Serving,
 * KServe's Hugging Face server, Ray Serve LLM):
 * NGINX in the pod listens on the Service's HTTP port, answers 401 to any request whose `Authorization` header is not
 * `Bearer <key>`, and forwards the rest to the server, which listens on 127.0.0.1 only (nothing outside the pod
 * reaches it). The key comes from the synced API-key Secret as the env var `API_KEY` (the name the deployability
 * check recognises); the image's entrypoint renders `/etc/nginx/templates/*.template` with `envsubst` restricted to
 * the variables that are defined (docker-entrypoint.d/20-envsubst-on-templates.sh in nginxinc/docker-nginx,
 * `NGINX_ENVSUBST_OUTPUT_DIR`), so `${API_KEY}` is filled in and NGINX's own `$http_authorization` is left alone.
 * Health paths pass unauthenticated for the kubelet's probes and the ALB.
 */
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { HuggingFaceTokenSecret } from '../options';
import { toKubeObject } from '../kube-object';
import type { KubeObject, KubeObjectMeta } from '../types';

/**
 * NGINX, non-root build (listens on unprivileged ports, pid and temp files under /tmp): `nginxinc/nginx-unprivileged`
 * on Docker Hub, 1.28.0 the stable line of April 2025 (nginx.org/en/CHANGES-1.28, read 2026-12-03).
 */
export const AUTH_PROXY_IMAGE = 'nginxinc/nginx-unprivileged:1.28.0-alpine';
/** The `nginx` user of the unprivileged image (its Dockerfile: `USER $UID`, UID 101). */
export const AUTH_PROXY_USER_ID = 101;
export const AUTH_PROXY_TEMPLATES_VOLUME = 'auth-proxy-templates';
const RENDERED_VOLUME = 'auth-proxy-conf';
const TMP_VOLUME = 'auth-proxy-tmp';

export interface AuthProxyOptions {
  /** Names the ConfigMap (`<name>-auth-proxy`). */
  readonly name: string;
  readonly metadata: KubeObjectMeta;
  /** Port the proxy listens on (the Service's `http` port). */
  readonly listenPort: number;
  /** Port of the model server. */
  readonly upstreamPort: number;
  /**
   * Host of the model server: the pod itself, or a Service when the proxy runs in pods of its own (Ray Serve, whose
   * pods KubeRay writes). NGINX resolves it when it starts.
   * @default '127.0.0.1' - a sidecar beside the server
   */
  readonly upstreamHost?: string;
  /** Name of the proxy's container port (unique in the pod). @default 'http' */
  readonly portName?: string;
  /** Paths answered without a key (exact match), e.g. `/ping`. */
  readonly openPaths: readonly string[];
  readonly apiKeySecret: HuggingFaceTokenSecret;
  /** Largest request body, MiB (images, tensors). @default 64 */
  readonly maxBodyMiB?: number;
}

/** The server block, an envsubst template: `${API_KEY}` is the only variable the entrypoint substitutes. */
export function authProxyConfig(options: AuthProxyOptions): string {
  const upstream = `http://${options.upstreamHost ?? '127.0.0.1'}:${options.upstreamPort}`;
  return [
    'server {',
    `  listen ${options.listenPort};`,
    `  client_max_body_size ${options.maxBodyMiB ?? 64}m;`,
    '  proxy_http_version 1.1;',
    '  proxy_read_timeout 300s;',
    ...options.openPaths.map((path) => `  location = ${path} { proxy_pass ${upstream}; }`),
    '  location / {',
    '    if ($http_authorization != "Bearer ${API_KEY}") { return 401; }',
    '    proxy_set_header Authorization "";',
    `    proxy_pass ${upstream};`,
    '  }',
    '}',
    '',
  ].join('\n');
}

export function authProxyConfigMapName(options: Pick<AuthProxyOptions, 'name'>): string {
  return `${options.name}-auth-proxy`;
}

export function authProxyConfigMap(options: AuthProxyOptions): KubeObject {
  const configMap: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { ...options.metadata, name: authProxyConfigMapName(options) },
    data: { 'default.conf.template': authProxyConfig(options) },
  };
  return toKubeObject(configMap);
}

export function authProxyVolumes(options: AuthProxyOptions): IVolume[] {
  return [
    { name: AUTH_PROXY_TEMPLATES_VOLUME, configMap: { name: authProxyConfigMapName(options) } },
    { name: RENDERED_VOLUME, emptyDir: { sizeLimit: '1Mi' } },
    { name: TMP_VOLUME, emptyDir: { sizeLimit: '1Gi' } },
  ];
}

/**
 * The proxy container. It sleeps as long as the server on SIGTERM (`preStopSleepSeconds`), so requests in flight
 * through it finish; NGINX then quits gracefully on SIGQUIT (the image's STOPSIGNAL).
 */
export function authProxyContainer(options: AuthProxyOptions, preStopSleepSeconds: number): IContainer {
  const { secretName, key } = options.apiKeySecret;
  return {
    name: 'auth-proxy',
    image: AUTH_PROXY_IMAGE,
    env: [
      { name: 'API_KEY', valueFrom: { secretKeyRef: { name: secretName, key } } },
      { name: 'NGINX_ENVSUBST_OUTPUT_DIR', value: '/etc/nginx/conf.d' },
    ],
    ports: [{ name: options.portName ?? 'http', containerPort: options.listenPort, protocol: 'TCP' }],
    resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    lifecycle: { preStop: { sleep: { seconds: preStopSleepSeconds } } },
    volumeMounts: [
      { name: AUTH_PROXY_TEMPLATES_VOLUME, mountPath: '/etc/nginx/templates', readOnly: true },
      { name: RENDERED_VOLUME, mountPath: '/etc/nginx/conf.d' },
      { name: TMP_VOLUME, mountPath: '/tmp' },
    ],
    securityContext: {
      runAsNonRoot: true,
      runAsUser: AUTH_PROXY_USER_ID,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      seccompProfile: { type: 'RuntimeDefault' },
    },
  };
}
