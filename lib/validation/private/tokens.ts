/**
 * Unresolved CDK and cdktf tokens: placeholders that should have been replaced at synthesis. One left in
 * a template means a value was stringified (`${bucket.arn}` in a template literal, `JSON.stringify`) before
 * the engine could resolve it.
 */

/** CDK encodes unresolved numbers as huge negative doubles (about -1.9e289; cdktf about -8.1e298). */
const NUMBER_TOKEN_CEILING = -1e288;
/** `${Token[...]}` (CDK), `${TfToken[...]}` (cdktf), `#{...}` for list tokens. */
const STRING_TOKEN = /\$\{(Tf)?Token\[|#\{(Tf)?Token\[/;

/** Why a scalar is an unresolved token, or undefined. */
export function unresolvedTokenProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && STRING_TOKEN.test(value)) {
    return `unresolved token in ${JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)}: a construct attribute was turned into a string before synthesis; pass it through unchanged or build the string with the engine's Fn.join / Fn.sub / Stack.toJsonString`;
  }
  if (typeof value === 'number' && value <= NUMBER_TOKEN_CEILING) {
    return `unresolved number token (${value}): a construct attribute was used as a plain number before synthesis`;
  }
  return undefined;
}
