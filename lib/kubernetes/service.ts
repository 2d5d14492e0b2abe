/**
 * The ClusterIP Service in front of the pods that answer HTTP (single-node pods, or LWS leaders).
 */
import type { IService } from 'kubernetes-models/v1/Service';
import type { ServingContext } from './context';
import { toKubeObject } from './kube-object';
import { commonLabels, HTTP_PORT, HTTP_PORT_NAME, serverSelector } from './labels';
import type { KubeObject } from './types';

export function vllmService(ctx: ServingContext): KubeObject {
  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: ctx.name, namespace: ctx.namespace, labels: commonLabels(ctx.name, ctx.imageTag) },
    spec: {
      type: 'ClusterIP',
      selector: serverSelector(ctx.name),
      ports: [{ name: HTTP_PORT_NAME, port: HTTP_PORT, targetPort: HTTP_PORT_NAME, protocol: 'TCP' }],
    },
  };
  return toKubeObject(service);
}
