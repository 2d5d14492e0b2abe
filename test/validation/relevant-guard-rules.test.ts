/**
 * The Control Tower cfn-guard rules are handed to cfn-guard only where they can report something: a rule
 * file that names none of the template's resource types would SKIP. Running fewer files must not change
 * a single finding.
 */
import * as fs from 'node:fs';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { synthWithSecurityChecks } from '../../lib/validation/cdk-security';
import { RelevantControlTowerRules, relevantGuardRuleFiles } from '../../lib/validation/private/relevant-guard-rules';
import type { IPolicyValidationPlugin } from 'aws-cdk-lib';

const name = (file: string) => file.split('/').pop()!.replace(/\.guard$/, '');

describe('relevantGuardRuleFiles', () => {
  test('GIVEN only S3 buckets THEN the rules naming S3 buckets run and those naming only absent types do not', () => {
    const files = relevantGuardRuleFiles(new Set(['AWS::S3::Bucket'])).map(name);
    expect(files).toEqual(expect.arrayContaining(['ct-s3-pr-1', 'ct-s3-pr-2', 'ct-s3-pr-9']));
    // CT.REDSHIFT.PR.7 (default database name) names only AWS::Redshift::Cluster.
    expect(files).not.toContain('ct-redshift-pr-7');
    expect(files.length).toBeLessThan(relevantGuardRuleFiles(new Set(['AWS::S3::Bucket', 'AWS::Redshift::Cluster'])).length);
  });

  test('GIVEN a disabled rule THEN its file is not run even when its type is present', () => {
    expect(relevantGuardRuleFiles(new Set(['AWS::S3::Bucket']), ['ct-s3-pr-9']).map(name)).not.toContain('ct-s3-pr-9');
  });

  test('GIVEN a template with no resource type any rule names THEN no rule file runs', () => {
    expect(relevantGuardRuleFiles(new Set(['Custom::Nothing']))).toEqual([]);
  });
});

describe('RelevantControlTowerRules', () => {
  const outdirs: string[] = [];
  afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  /** A bucket without SSL enforcement and a role with wildcard permissions, checked by one guard plugin. */
  function findingsWith(plugin: IPolicyValidationPlugin): string[] {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Insecure');
    new s3.Bucket(stack, 'Artifacts');
    const role = new iam.Role(stack, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    Validations.of(app).addPlugins(plugin);
    const { findings } = synthWithSecurityChecks(app);
    outdirs.push(app.outdir);
    return findings.map((f) => `${f.rule} ${f.resource}`).sort();
  }

  test('GIVEN an insecure bucket and role WHEN checked with the relevant rule files only THEN the findings equal those of every rule', () => {
    const all = findingsWith(new CfnGuardValidator({ disabledRules: ['ct-s3-pr-4'] }));
    const relevant = findingsWith(new RelevantControlTowerRules(['ct-s3-pr-4']));
    expect(all.length).toBeGreaterThan(0);
    expect(relevant).toEqual(all);
  });

  test('it keeps the plugin name, so acknowledgements (cdk-validator-cfnguard::<rule>) still match', () => {
    expect(new RelevantControlTowerRules().name).toBe(new CfnGuardValidator().name);
  });
});
