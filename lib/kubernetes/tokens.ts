/**
 * Strings handed to the builders may be engine tokens (a CDK `${Token[...]}`, a cdktf `${TfToken[...]}`) that
 * resolve only at deploy time. Format checks skip them: a bucket name that is a token cannot be judged now.
 */

const TOKEN_MARKERS = ['${Token[', '${TfToken[', '#{Token['];

/** True when the value is (or contains) an unresolved engine token. */
export function isUnresolved(value: string): boolean {
  return TOKEN_MARKERS.some((marker) => value.includes(marker));
}
