/** Turns an engine-neutral Helm component into `Cluster.addHelmChart` options. */
import { Duration } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import { HELM_TIMEOUT_SECONDS, type HelmComponent, isOciChart } from '../../../lib/eks/components';

/** CDK's Helm handler pulls OCI charts from `repository` = the full `oci://registry/path/chart`. */
export function helmChartOptions(component: HelmComponent): eks.HelmChartOptions {
  return {
    chart: component.chart,
    release: component.release,
    repository: isOciChart(component) ? `${component.repository}/${component.chart}` : component.repository,
    version: component.version,
    namespace: component.namespace,
    createNamespace: true,
    values: { ...component.values },
    // Controllers with webhooks (Karpenter, KEDA, LWS) must be up before objects that use their CRDs.
    wait: true,
    timeout: Duration.seconds(HELM_TIMEOUT_SECONDS),
  };
}
