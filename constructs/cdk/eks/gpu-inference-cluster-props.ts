/**
 * Checks the props of a GpuInferenceCluster before anything is created: every problem is collected and thrown once,
 * with the field, the value and the fix.
 */
import { Token } from 'aws-cdk-lib';
import { ProblemCollector } from '../../../lib/errors';
import type { GpuInferenceClusterProps } from './gpu-inference-cluster';

/** An EKS cluster name the stacks can derive every other name from (DNS-style, 2-40 characters). */
const CLUSTER_NAME = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;

/** @throws InputValidationError listing every invalid prop */
export function validateGpuInferenceClusterProps(id: string, props: GpuInferenceClusterProps): void {
  const problems = new ProblemCollector();
  if (problems.check(!Token.isUnresolved(props.clusterName), 'clusterName', props.clusterName, 'must be a literal string', 'give the cluster an explicit name')) {
    problems.check(CLUSTER_NAME.test(props.clusterName), 'clusterName', props.clusterName,
      'must be 2–40 lower-case letters, digits or hyphens, starting with a letter', "use a DNS-style name such as 'llm-eks'");
  }
  if (props.publicEndpointCidrs !== undefined) {
    problems.check(props.publicEndpointCidrs.length > 0, 'publicEndpointCidrs', props.publicEndpointCidrs,
      'is empty, which would open the public endpoint to the whole internet', 'list the operator CIDRs, or leave it unset for a private endpoint');
    for (const cidr of props.publicEndpointCidrs) {
      problems.check(cidr !== '0.0.0.0/0', 'publicEndpointCidrs', cidr, 'opens the API server to the internet', 'list your office or VPN CIDRs');
    }
  }
  const min = props.minReplicas ?? 1;
  if (props.maxReplicas !== undefined) {
    problems.check(props.maxReplicas >= Math.max(1, min), 'maxReplicas', props.maxReplicas,
      `must be ≥ max(1, minReplicas (${min}))`, 'raise maxReplicas or lower minReplicas');
  }
  problems.check(props.capacity !== 'auto-mode' || props.amiFamily === undefined, 'amiFamily', props.amiFamily,
    'cannot be chosen in EKS Auto Mode (AWS manages the node image)', 'remove amiFamily or use capacity karpenter');
  problems.check(!props.capacityBlock || props.capacityReservationId !== undefined, 'capacityBlock', props.capacityBlock,
    'needs capacityReservationId', 'give the id of the capacity block reservation');
  problems.throwIfAny(`GpuInferenceCluster '${id}'`);
}
