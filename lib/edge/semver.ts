/**
 * The semantic-version rules Greengrass applies to components: versions are `major.minor.patch`
 * (https://semver.org, 2.0.0), dependency requirements are npm-style ranges
 * (https://github.com/npm/node-semver#ranges). Only what the recipe validator and rollback need.
 */

/**
 * Semantic Versioning 2.0.0, with the optional pre-release and build parts; the pattern is the one
 * semver.org recommends ("Is there a suggested regular expression", read 2026-11).
 */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export interface SemanticVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Pre-release identifiers (`rc.1` → ['rc', '1']); empty for a release. */
  readonly prerelease: readonly string[];
}

/** Parses `major.minor.patch[-pre][+build]`; `undefined` when the text is not a semantic version. */
export function parseSemanticVersion(text: unknown): SemanticVersion | undefined {
  if (typeof text !== 'string') return undefined;
  const m = SEMVER.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4] ? m[4].split('.') : [] };
}

export function isSemanticVersion(text: unknown): text is string {
  return parseSemanticVersion(text) !== undefined;
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return Number(a) - Number(b);
  if (an) return -1;
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Semantic-version precedence: negative when `a` < `b`. @throws Error when either is not a semantic version */
export function compareSemanticVersions(a: string, b: string): number {
  const va = parseSemanticVersion(a);
  const vb = parseSemanticVersion(b);
  if (!va || !vb) throw new Error(`cannot compare '${a}' and '${b}': both must be semantic versions (major.minor.patch)`);
  const core = va.major - vb.major || va.minor - vb.minor || va.patch - vb.patch;
  if (core !== 0) return core;
  if (va.prerelease.length === 0 || vb.prerelease.length === 0) return vb.prerelease.length - va.prerelease.length;
  for (let i = 0; i < Math.min(va.prerelease.length, vb.prerelease.length); i++) {
    const c = compareIdentifiers(va.prerelease[i]!, vb.prerelease[i]!);
    if (c !== 0) return c;
  }
  return va.prerelease.length - vb.prerelease.length;
}

const PARTIAL = String.raw`v?(?:\d+|[xX*])(?:\.(?:\d+|[xX*])(?:\.(?:\d+|[xX*])(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)?)?`;
const COMPARATOR = new RegExp(`^(?:<=|>=|<|>|=|~|\\^)?${PARTIAL}$`);
const HYPHEN_RANGE = new RegExp(`^${PARTIAL}\\s+-\\s+${PARTIAL}$`);

/**
 * Whether `text` is an npm-style version range: `||`-separated sets of comparators (`>=2.5.0 <3.0.0`,
 * `^1.2.0`, `~2.1`, `2.x`, `*`) or hyphen ranges (`1.0.0 - 2.0.0`).
 */
export function isVersionRange(text: unknown): boolean {
  if (typeof text !== 'string' || text.trim() === '') return false;
  return text.split('||').every((set) => {
    const trimmed = set.trim();
    if (trimmed === '') return false;
    if (HYPHEN_RANGE.test(trimmed)) return true;
    return trimmed.split(/\s+/).every((c) => COMPARATOR.test(c));
  });
}
