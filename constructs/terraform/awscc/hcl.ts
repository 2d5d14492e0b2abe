/**
 * HCL rendering of the awscc bindings' attributes (cdktf's `hclOutput` mode). Greengrass attributes are
 * nested *attributes* (objects, maps, lists), not blocks: cdktf's `any` type renders them as HCL object
 * and tuple expressions (`{ k = v }`, `[ ... ]`); scalars use the `simple` type.
 */
export function hclAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'object' && value !== null
      ? { value, isBlock: false, type: 'any', storageClassType: 'any' }
      : { value, isBlock: false, type: 'simple', storageClassType: typeof value };
  }
  return out;
}
