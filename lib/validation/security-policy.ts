/**
 * The project's security policy: which AWS Control Tower proactive controls (cfn-guard rules) it does
 * not adopt, and why. Every other cdk-nag and cfn-guard finding must be fixed, or acknowledged on the
 * construct with `acknowledgeFinding` and a written reason.
 *
 * Control Tower controls are opt-in, one by one, in a real organisation; these two conflict with how
 * model deployments work, so they are off everywhere. Keys are the rule files' names in
 * `@cdklabs/cdk-validator-cfnguard/rules/control-tower/cfn-guard/` (what its `disabledRules` takes); (`aimd synth`, the CDK app and the tests) and
 * listed here rather than silently skipped.
 */
export const GUARD_RULES_NOT_ADOPTED: Readonly<Record<string, string>> = {
  // CT.S3.PR.9 (s3_bucket_object_lock_enabled_check)
  'ct-s3-pr-9':
    'Model and data buckets are versioned and retained on destroy; S3 Object Lock (WORM) would also block the ' +
    'lifecycle expiry of old model versions and captured data, so it is left to teams whose compliance requires it.',
  // CT.S3.PR.4 (s3_event_notifications_enabled_check)
  'ct-s3-pr-4':
    'Buckets that drive a workflow (batch scoring input) do configure notifications; requiring them on every ' +
    'bucket would add an EventBridge custom-resource Lambda per bucket with no consumer.',
};
