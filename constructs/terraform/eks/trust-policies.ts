/** Trust policies shared by the Terraform constructs. */

/** Roles assumed by pods through EKS Pod Identity (the agent needs `sts:TagSession` too). */
export function podIdentityTrustPolicy(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
  });
}

/** A role assumed by an AWS service. */
export function serviceTrustPolicy(service: string, actions: readonly string[] = ['sts:AssumeRole']): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: [...actions] }] });
}
