/**
 * Checks every SageMaker blueprint must pass on every engine, shared by the per-blueprint test files
 * (each renders its blueprint once in `beforeAll`).
 */
import { SAGEMAKER_BLUEPRINTS } from '../../../blueprints/sagemaker';
import { describeSageMakerEndpoint } from '../../../lib/sagemaker/describe-endpoint';
import type { SageMakerEndpointDescription } from '../../../lib/sagemaker/types';
import { contextFor } from '../../../lib/synth/context';
import { renderBlueprint, type RenderedBlueprint } from '../../../lib/synth/render-blueprint';
import { errorsOf, formatFindings } from '../../../lib/validation/types';
import { fromCloudFormation, fromPulumi, fromTerraform, type NormalizedEndpoint } from './endpoint-parity';

export interface RenderedSageMakerBlueprint {
  readonly rendered: RenderedBlueprint;
  readonly description: SageMakerEndpointDescription;
  readonly cdk: NormalizedEndpoint;
  readonly terraform: NormalizedEndpoint;
  readonly pulumi: NormalizedEndpoint;
}

/** Renders a SageMaker blueprint on every engine and normalizes each endpoint. */
export async function renderSageMakerBlueprint(name: string): Promise<RenderedSageMakerBlueprint> {
  const blueprint = SAGEMAKER_BLUEPRINTS.find((b) => b.name === name);
  if (!blueprint) throw new Error(`no SageMaker blueprint '${name}'`);
  const rendered = await renderBlueprint(blueprint);
  const options = (blueprint as { endpointOptions?: object }).endpointOptions ?? {};
  const description = describeSageMakerEndpoint(contextFor(blueprint).plan, options);
  return { rendered, description, cdk: fromCloudFormation(rendered), terraform: fromTerraform(rendered), pulumi: fromPulumi(rendered) };
}

/** Resources of a CloudFormation type, with their logical ids. */
export function cfnResources(r: RenderedBlueprint, type: string): Array<{ id: string; resource: any }> {
  return Object.entries(r.cdk.template.Resources as Record<string, any>).filter(([, v]) => v.Type === type).map(([id, resource]) => ({ id, resource }));
}

/** The checks every SageMaker blueprint passes. */
export function sharedBlueprintChecks(get: () => RenderedSageMakerBlueprint): void {
  test('THEN CDK, Terraform and Pulumi render it with zero error findings', () => {
    const errors = errorsOf(get().rendered.findings);
    expect(formatFindings(errors)).toBe('');
  });

  test('THEN Terraform and Pulumi configure the same endpoint as CloudFormation (parity)', () => {
    const { cdk, terraform, pulumi } = get();
    expect(terraform).toEqual(cdk);
    expect(pulumi).toEqual(cdk);
  });

  test('THEN the rendered endpoint is the description: variants, guardrails and alarms', () => {
    const { cdk, description } = get();
    expect(cdk.endpointName).toBe(description.endpointName);
    expect(cdk.config.productionVariants.map((v) => v.name)).toEqual(description.productionVariants.map((v) => v.name));
    expect(cdk.deployment?.rollbackAlarms).toEqual(description.deployment?.rollbackAlarmNames);
    expect(cdk.alarms.map((a) => a.name).sort()).toEqual(description.alarms.map((a) => a.name).sort());
    // Every rollback alarm a deployment watches is created in the same stack.
    for (const name of cdk.deployment?.rollbackAlarms ?? []) expect(cdk.alarms.map((a) => a.name)).toContain(name);
  });

  test('THEN model artifacts and data survive a destroy (CDK Retain, Terraform prevent_destroy)', () => {
    const { rendered } = get();
    const buckets = cfnResources(rendered, 'AWS::S3::Bucket');
    expect(buckets.length).toBe(3);
    for (const { resource } of [...buckets, ...cfnResources(rendered, 'AWS::KMS::Key')]) {
      expect(resource.DeletionPolicy).toBe('Retain');
      expect(resource.UpdateReplacePolicy).toBe('Retain');
    }
    const tfBuckets = Object.values(rendered.terraform.json.resource.aws_s3_bucket) as any[];
    expect(tfBuckets.length).toBe(3);
    for (const bucket of tfBuckets) expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('THEN the model and data buckets are versioned and encrypted with the endpoint key', () => {
    const { rendered } = get();
    const kmsBuckets = cfnResources(rendered, 'AWS::S3::Bucket').filter(({ resource }) => resource.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm === 'aws:kms');
    expect(kmsBuckets.length).toBe(2);
    for (const { resource } of kmsBuckets) expect(resource.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });
}
