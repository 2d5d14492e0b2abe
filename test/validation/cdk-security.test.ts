import * as fs from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { validateCdkStacks } from '../../lib/validation/cdk-assembly';
import { acknowledgeFinding, addSecurityChecks, synthWithSecurityChecks } from '../../lib/validation/cdk-security';
import { InputValidationError } from '../../lib/errors';

/** A bucket without SSL enforcement and a role with wildcard permissions: both rule packs object. */
function insecureApp() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Insecure');
  const bucket = new s3.Bucket(stack, 'Artifacts');
  const role = new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
  return { app, stack, bucket, role };
}

describe('synthWithSecurityChecks', () => {
  const outdirs: string[] = [];
  afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  test('returns cdk-nag violations as findings, with the assembly, instead of throwing', () => {
    // GIVEN an app with cdk-nag only, one rule acknowledged with a reason
    const { app, stack, bucket } = insecureApp();
    acknowledgeFinding(bucket, 'AwsSolutions-S1', 'server access logs are collected by the central logging account');
    addSecurityChecks(app, { cfnGuard: false });

    // WHEN
    const { assembly, findings } = synthWithSecurityChecks(app);
    outdirs.push(app.outdir);

    // THEN every violation names the construct path, the rule id to acknowledge and the plugin
    expect(assembly?.getStackByName('Insecure').template.Resources).toBeDefined();
    expect(findings).toEqual(
      expect.arrayContaining([
        { engine: 'cdk', resource: 'Insecure/Artifacts/Resource', rule: 'AwsSolutions-S10', severity: 'error', message: expect.stringMatching(/does not require requests to use SSL.*\(AwsSolutions\)$/) },
        { engine: 'cdk', resource: 'Insecure/Worker/DefaultPolicy/Resource', rule: 'AwsSolutions-IAM5[Action::s3:*]', severity: 'error', message: expect.stringMatching(/wildcard permissions/) },
      ]),
    );
    // AND the acknowledged rule is gone
    expect(findings.map((f) => f.rule)).not.toContain('AwsSolutions-S1');
    // AND the schema validation can still read the assembly the failed synth wrote
    expect(validateCdkStacks([stack])).toEqual([]);
  });

  test('adds the Control Tower cfn-guard rules, acknowledgeable by their namespaced id', () => {
    // GIVEN an app with both plugins, one Control Tower rule acknowledged
    const { app, bucket } = insecureApp();
    acknowledgeFinding(bucket, 'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check', 'model artifacts are rebuilt from source; no legal hold needed');
    addSecurityChecks(app, { cfnGuard: true });

    // WHEN
    const { findings } = synthWithSecurityChecks(app);
    outdirs.push(app.outdir);

    // THEN
    const guardRules = findings.filter((f) => f.rule.startsWith('cdk-validator-cfnguard::')).map((f) => f.rule);
    expect(guardRules).toContain('cdk-validator-cfnguard::s3_bucket_versioning_enabled_check');
    expect(guardRules).not.toContain('cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check');
    expect(findings.find((f) => f.rule === 'cdk-validator-cfnguard::s3_bucket_versioning_enabled_check')?.message).toMatch(
      /^\[CT\.S3\.PR\.11\]: Require an Amazon S3 bucket to have versioning enabled Fix: .*VersioningConfiguration.*\[Artifacts[0-9A-F]{8}\] \(cdk-validator-cfnguard\)$/,
    );
    expect(findings.some((f) => f.rule.startsWith('AwsSolutions-'))).toBe(true);
  });

  test('returns no findings and the assembly for a compliant app', () => {
    // GIVEN
    const app = new App({ builtinCloudFormationValidation: false });
    new iam.Role(new Stack(app, 'Quiet'), 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    addSecurityChecks(app, { cfnGuard: false });

    // WHEN
    const { assembly, findings } = synthWithSecurityChecks(app);
    outdirs.push(app.outdir);

    // THEN
    expect(findings).toEqual([]);
    expect(assembly?.stacks.map((s) => s.stackName)).toEqual(['Quiet']);
  });

  test('rethrows errors that are not validation findings', () => {
    // GIVEN a construct whose validation fails during synth
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Invalid');
    stack.node.addValidation({ validate: () => ['the stack is deliberately invalid'] });
    addSecurityChecks(app, { cfnGuard: false });

    // THEN
    expect(() => synthWithSecurityChecks(app)).toThrow(/the stack is deliberately invalid/);
    outdirs.push(app.outdir);
  });
});

describe('acknowledgeFinding', () => {
  const app = new App();
  const bucket = new s3.Bucket(new Stack(app, 'S'), 'B');
  afterAll(() => fs.rmSync(app.outdir, { recursive: true, force: true }));

  test.each([
    ['an empty reason', 'AwsSolutions-S1', '', /reason \(''\): is 0 characters; an acknowledgement needs a written reason of at least 20/],
    ['a short reason', 'AwsSolutions-S1', 'not needed', /reason \('not needed'\): is 10 characters/],
    ['a reason of spaces', 'AwsSolutions-S1', ' '.repeat(30), /reason .*: is 0 characters/],
    ['an empty rule id', '  ', 'logs are shipped by the central account', /ruleId \('  '\): is empty/],
  ])('refuses %s, naming the construct, the field and the fix', (_case, ruleId, reason, message) => {
    // WHEN
    const acknowledge = () => acknowledgeFinding(bucket, ruleId, reason);

    // THEN
    expect(acknowledge).toThrow(InputValidationError);
    expect(acknowledge).toThrow(message);
    expect(acknowledge).toThrow(/acknowledgeFinding\(S\/B/);
  });
});

describe('security checks tell the truth', () => {
  const outdirs: string[] = [];
  afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  test('a Control Tower error fails a plain synth, even when another finding is acknowledged', () => {
    // GIVEN a bucket breaking several Control Tower rules, one of them acknowledged (CDK then recomputes
    // success from severities, which cfn-guard itself leaves unset)
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    const bucket = new s3.Bucket(new Stack(app, 'Guarded'), 'Data', { enforceSSL: true, serverAccessLogsPrefix: 'logs/' });
    acknowledgeFinding(bucket, 'cdk-validator-cfnguard::s3_bucket_level_public_access_prohibited_check', 'public access is blocked by the account-level setting');
    addSecurityChecks(app, { awsSolutions: false, cfnGuard: true, summary: () => undefined });
    outdirs.push(app.outdir);

    // WHEN / THEN the remaining errors (e.g. versioning) fail synth
    const previous = process.env.CDK_APP_MODE;
    process.env.CDK_APP_MODE = 'inmemory';
    try {
      expect(() => app.synth()).toThrow(/ERROR \[CT\.S3\.PR\.11\]: Require an Amazon S3 bucket to have versioning enabled/);
    } finally {
      if (previous === undefined) delete process.env.CDK_APP_MODE;
      else process.env.CDK_APP_MODE = previous;
    }
  });

  test.each([
    ['the rule name a finding shows', 's3_bucket_versioning_enabled_check'],
    ['the namespaced finding id', 'cdk-validator-cfnguard::s3_bucket_versioning_enabled_check'],
    ['the control id', 'CT.S3.PR.11'],
    ['the rule file', 'ct-s3-pr-11'],
  ])('disabledGuardRules accepts %s', (_case, id) => {
    // GIVEN an unversioned bucket
    const app = new App({ builtinCloudFormationValidation: false });
    new s3.Bucket(new Stack(app, 'Unversioned'), 'Data');
    addSecurityChecks(app, { awsSolutions: false, cfnGuard: true, disabledGuardRules: [id] });

    // WHEN
    const { findings } = synthWithSecurityChecks(app);
    outdirs.push(app.outdir);

    // THEN the versioning rule did not run, the others did
    const rules = findings.map((f) => f.rule);
    expect(rules).not.toContain('cdk-validator-cfnguard::s3_bucket_versioning_enabled_check');
    expect(rules).toContain('cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check');
  });

  test('refuses a disabledGuardRules id that names no rule, instead of ignoring it', () => {
    const app = new App();
    expect(() => addSecurityChecks(app, { cfnGuard: true, disabledGuardRules: ['s3_bucket_object_lock_check'] }))
      .toThrow(/disabledGuardRules \('s3_bucket_object_lock_check'\): names no bundled Control Tower rule\. Fix: use the rule name a finding shows/);
  });

  test('a clean run says so in one line, with the packs and how many rules ran', () => {
    // GIVEN a compliant app
    const app = new App({ builtinCloudFormationValidation: false });
    new iam.Role(new Stack(app, 'Quiet'), 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const lines: string[] = [];
    addSecurityChecks(app, { cfnGuard: true, disabledGuardRules: ['ct-s3-pr-9'], summary: (line) => lines.push(line) });

    // WHEN
    app.synth();
    app.synth();
    outdirs.push(app.outdir);

    // THEN
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Security checks: cdk-nag AwsSolutions: \d{2,} rules, cfn-guard Control Tower: \d{3} rules \(1 not adopted\): no findings$/);
  });
});

describe('registering the checks', () => {
  test('a second registration on the same app is refused (it would report every finding twice)', () => {
    const app = new App();
    addSecurityChecks(app, { cfnGuard: false });
    expect(() => addSecurityChecks(app, { cfnGuard: true })).toThrow(/app \('\(app\)'\): already has the security checks\. Fix: register them once per app; a DeploymentStack registers them unless given securityChecks: false/);
  });
});
