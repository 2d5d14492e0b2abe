/**
 * The `disasterRecovery` section of a spec (docs/disaster-recovery.md): a standby region the buckets
 * replicate to and the deployment is rendered for, and optionally Route 53 failover between the two.
 */
import { checkUnknownKeys, integerIn, isPlainObject, oneOf, optionalTypes, type Check } from './field-checks';
import type { DisasterRecoverySpec } from './types';

/** Route 53 hosted zone ids: 'Z' then upper-case letters and digits (https://docs.aws.amazon.com/Route53/latest/APIReference/API_HostedZone.html, read 2026-12-03). */
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Records every problem of `disasterRecovery` (standby region differs from `region` and is supported). */
export function checkDisasterRecovery(p: Check, value: unknown, region: unknown, supportedRegions: readonly string[]): void {
  if (value === undefined) return;
  if (!p.check(isPlainObject(value), 'disasterRecovery', value, 'must be an object', "e.g. { standbyRegion: 'us-west-2' }")) return;
  const dr = value as Record<string, unknown>;
  checkUnknownKeys(p, 'disasterRecovery', dr, ['standbyRegion', 'replicateBuckets', 'failover', 'standbyMinReplicas']);
  optionalTypes(p, 'disasterRecovery', dr, { replicateBuckets: 'boolean' });
  // A warm standby keeps at least one instance: a real-time SageMaker endpoint cannot run on zero.
  if (dr.standbyMinReplicas !== undefined) integerIn(p, 'disasterRecovery.standbyMinReplicas', dr.standbyMinReplicas, 1, 100);
  const primary = typeof region === 'string' ? region : 'us-east-1';
  if (oneOf(p, 'disasterRecovery.standbyRegion', dr.standbyRegion, supportedRegions)) {
    p.check(dr.standbyRegion !== primary, 'disasterRecovery.standbyRegion', dr.standbyRegion,
      `must differ from the primary region (${primary}): a standby in the same region survives no regional outage`,
      `pick another supported region, e.g. ${supportedRegions.find((r) => r !== primary)}`);
  }
  if (dr.failover === undefined) return;
  if (!p.check(isPlainObject(dr.failover), 'disasterRecovery.failover', dr.failover, 'must be an object', "e.g. { domainName: 'predict.example.com', hostedZoneId: 'Z0123456789ABC' }")) return;
  const failover = dr.failover as Record<string, unknown>;
  checkUnknownKeys(p, 'disasterRecovery.failover', failover, ['domainName', 'hostedZoneId']);
  p.check(typeof failover.domainName === 'string' && DOMAIN_NAME.test(failover.domainName), 'disasterRecovery.failover.domainName', failover.domainName,
    'must be a lower-case DNS name inside the hosted zone', "e.g. 'predict.example.com'");
  p.check(typeof failover.hostedZoneId === 'string' && HOSTED_ZONE_ID.test(failover.hostedZoneId), 'disasterRecovery.failover.hostedZoneId', failover.hostedZoneId,
    'must be a Route 53 hosted zone id (Z followed by letters and digits)', 'copy it from `aws route53 list-hosted-zones`');
}

/** The section with its defaults filled in. */
export function disasterRecoveryWithDefaults(spec: DisasterRecoverySpec | undefined): Required<Omit<DisasterRecoverySpec, 'failover' | 'standbyMinReplicas'>> & Pick<DisasterRecoverySpec, 'failover' | 'standbyMinReplicas'> | undefined {
  if (spec === undefined) return undefined;
  return {
    standbyRegion: spec.standbyRegion, replicateBuckets: spec.replicateBuckets ?? true, ...(spec.failover && { failover: spec.failover }),
    // Left unset when not written (the default, 1, is the SageMaker standby's: lib/disaster-recovery/sagemaker-standby.ts).
    ...(spec.standbyMinReplicas !== undefined && { standbyMinReplicas: spec.standbyMinReplicas }),
  };
}
